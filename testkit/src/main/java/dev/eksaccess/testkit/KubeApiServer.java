package dev.eksaccess.testkit;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.vertx.Protocol;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Kubernetes API of one EKS cluster: fabric8's {@link KubernetesMockServer} in CRUD mode on plain HTTP
 * (or HTTPS, see {@link #startHttps}) at 127.0.0.1 on a free port, behind EKS-like bearer-token
 * authentication, with call recording and fault injection. Authentication only: any authenticated caller
 * may do anything (aws-auth is stored, not enforced).
 *
 * <p>Like a new cluster, it starts with namespaces default, kube-system and kube-public (and no aws-auth).
 *
 * <p>Authentication: every request needs {@code Authorization: Bearer <token>} accepted by the
 * {@link TokenAuthenticator} (or {@link #ADMIN_TOKEN}, always accepted, like a static token file); otherwise
 * 401 with kube-apiserver's Status body ({@code reason} and {@code message} "Unauthorized"). With a null
 * authenticator every request is let in.
 *
 * <p>CRUD behaviour, measured (see KubeApiServerTest): GET of a missing ConfigMap is 404 (fabric8 8.0.0
 * sends no body; this server adds kube-apiserver's NotFound Status). POST of an existing name, and PUT or
 * JSON Patch with a stale {@code metadata.resourceVersion}, are 409 with reason "Invalid" from fabric8; this
 * server rewrites them to kube-apiserver's reason and message ("AlreadyExists", "Conflict"). A PUT without
 * resourceVersion overwrites unconditionally. A write that changes nothing keeps the resourceVersion;
 * resourceVersion is one counter for all objects. A JSON Patch whose test op fails makes fabric8 throw and
 * never answer; this server answers 422 Invalid, as kube-apiserver does (any other store failure: 500).
 * Strategic merge and server-side apply get 415, and so do protobuf bodies (kubectl sends built-in types
 * as protobuf: {@code kubectl create/replace/apply} of a ConfigMap fail here). The store serves no API
 * discovery; this server answers {@code /api}, {@code /api/v1} (configmaps, namespaces) and {@code /apis},
 * enough for {@code kubectl get} and {@code kubectl patch --type json|merge} (over {@link #startHttps}).
 *
 * <p>Faults are queued and consumed in order, each by the next authenticated request of its method (or any
 * method for {@code "*"}), before the CRUD store sees it: {@link #failNext} answers a Status with that code
 * and the store is untouched; {@link #delayNext} lets the store apply the request at once and sends the
 * answer after the delay (the mock server can only delay answers with a body; all answers here have one).
 * Dropping a connection without an answer is not offered: the mock server gives the dispatcher no handle
 * on the connection, and every trick tried (Connection: close, bad headers, throwing) makes the request
 * hang or fail oddly instead. The functions' tests drop connections on the wire, with a TCP link in front
 * of this server ({@code DroppingLink}).
 */
public final class KubeApiServer implements AutoCloseable {
    /** Accepted by every server, so tests and the sandbox can seed and inspect objects. */
    public static final String ADMIN_TOKEN = "testkit-static-admin-token";
    public static final String AWS_AUTH_PATH = "/api/v1/namespaces/kube-system/configmaps/aws-auth";
    public static final String KUBE_SYSTEM_CONFIGMAPS_PATH = "/api/v1/namespaces/kube-system/configmaps";
    // Held strongly: java.util.logging forgets levels set on loggers that get garbage collected.
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");

    static {
        MOCK_LOG.setLevel(Level.WARNING); // it logs every request at INFO, noisy in the sandbox
    }

    private final String clusterName;
    private final KubernetesMockServer server;
    private final KubeApiDispatcher dispatcher;
    private final String caCertificatePem;
    private KubernetesClient adminClient;

    private KubeApiServer(String clusterName, KubernetesMockServer server, KubeApiDispatcher dispatcher,
                          String caCertificatePem) {
        this.clusterName = clusterName;
        this.server = server;
        this.dispatcher = dispatcher;
        this.caCertificatePem = caCertificatePem;
    }

    /** Plain HTTP: enough for fabric8 and JDK clients. */
    public static KubeApiServer start(String clusterName, TokenAuthenticator authenticator) {
        return start(clusterName, authenticator, false);
    }

    /**
     * HTTPS with a fresh self-signed certificate for 127.0.0.1 ({@link #caCertificatePem()}), as EKS serves.
     * Needed for kubectl: client-go (kubectl 1.32 measured) sends no bearer token to an http:// server.
     */
    public static KubeApiServer startHttps(String clusterName, TokenAuthenticator authenticator) {
        return start(clusterName, authenticator, true);
    }

    private static KubeApiServer start(String clusterName, TokenAuthenticator authenticator, boolean https) {
        Objects.requireNonNull(clusterName, "clusterName");
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        // The mixed dispatcher answers the server's own expectations (/, /version) and sends the rest to CRUD.
        KubeApiDispatcher dispatcher = new KubeApiDispatcher(authenticator,
                new KubernetesMixedDispatcher(expectations));
        MockWebServer web = new MockWebServer();
        // HTTP/1.1 only: the JDK client's h2c upgrade probe makes vert.x framing flaky (MockWebServer docs).
        web.setHttp2ClearTextEnabled(false);
        web.setProtocols(List.of(Protocol.HTTP_1_1));
        KubernetesMockServer server = new KubernetesMockServer(new Context(), web, expectations, dispatcher, https);
        server.start(InetAddress.getLoopbackAddress(), 0);
        for (String namespace : List.of("default", "kube-system", "kube-public")) { // as a new cluster has
            dispatcher.seed("/api/v1/namespaces", new NamespaceBuilder().withNewMetadata().withName(namespace)
                    .endMetadata().build());
        }
        String pem = null;
        if (https) {
            try {
                pem = Files.readString(Path.of(server.getSelfSignedCertificate().certificatePath()));
            } catch (IOException e) {
                server.shutdown();
                throw new UncheckedIOException("cannot read the mock server's certificate", e);
            }
        }
        return new KubeApiServer(clusterName, server, dispatcher, pem);
    }

    public String url() {
        return (caCertificatePem == null ? "http" : "https") + "://127.0.0.1:" + server.getPort();
    }

    /** The PEM certificate to trust for an HTTPS server (base64 it for kubeconfig's certificate-authority-data). */
    public Optional<String> caCertificatePem() {
        return Optional.ofNullable(caCertificatePem);
    }

    public String clusterName() {
        return clusterName;
    }

    /**
     * A client authenticated with {@link #ADMIN_TOKEN}: JDK HTTP client, no retries, short timeouts.
     * Owned by this server (closed with it); do not close it yourself.
     */
    public synchronized KubernetesClient adminClient() {
        if (adminClient == null) {
            adminClient = client(ADMIN_TOKEN);
        }
        return adminClient;
    }

    /** A new client with this bearer token (same settings as the admin client); the caller closes it. */
    public KubernetesClient client(String bearerToken) {
        ConfigBuilder config = new ConfigBuilder(Config.empty())
                .withMasterUrl(url())
                .withOauthToken(bearerToken)
                .withNamespace("default")
                .withRequestRetryBackoffLimit(0)
                .withConnectionTimeout(5_000)
                .withRequestTimeout(10_000);
        caCertificatePem().ifPresent(pem -> config.withCaCertData(
                Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII))));
        return new KubernetesClientBuilder().withConfig(config.build())
                .withHttpClientFactory(new JdkHttpClientFactory()).build();
    }

    /** Every request so far, oldest first. */
    public List<RecordedCall> calls() {
        return dispatcher.calls();
    }

    /** Requests with this HTTP method, whatever their outcome. */
    public long count(String method) {
        return calls().stream().filter(c -> c.method().equalsIgnoreCase(method)).count();
    }

    /**
     * Write attempts on the aws-auth ConfigMap, whatever their outcome (rejected and failed ones count):
     * PUT/PATCH/DELETE on its path, and POSTs to the kube-system ConfigMaps collection that name it.
     * Seeding through {@link #adminClient()} counts too: call {@link #clearCalls()} after seeding.
     */
    public long awsAuthWrites() {
        return calls().stream().filter(KubeApiServer::isAwsAuthWrite).count();
    }

    public void clearCalls() {
        dispatcher.clearCalls();
    }

    /** The next {@code times} requests of {@code method} ("*" = any) get {@code status} with a Status body. */
    public void failNext(String method, int status, int times) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP error code, got " + status);
        }
        dispatcher.addFault(method, status, null, times);
    }

    /**
     * Someone else edits the ConfigMap at {@code path} right after each of the next {@code times} requests
     * of {@code method} to it is answered, as a person with kubectl or another controller would between our
     * read and our write: {@code edit} changes the stored object, which takes a new resourceVersion at once.
     * So after {@code editAfterNext("GET", ...)} a write carrying the resourceVersion it read gets a real 409
     * from the store, and one carrying none (a blind replace) overwrites the other change. The edit itself
     * is not recorded as a call.
     */
    public void editAfterNext(String method, String path, Consumer<ConfigMap> edit, int times) {
        dispatcher.addEdit(method, path, edit, times);
    }

    /** The next {@code times} requests of {@code method} ("*" = any) are applied now, answered after {@code delay}. */
    public void delayNext(String method, Duration delay, int times) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("delay must be zero or positive");
        }
        dispatcher.addFault(method, 0, delay, times);
    }

    @Override
    public synchronized void close() {
        if (adminClient != null) {
            adminClient.close();
        }
        server.shutdown();
    }

    private static boolean isAwsAuthWrite(RecordedCall call) {
        if (!call.isWrite()) {
            return false;
        }
        if (call.path().equals(AWS_AUTH_PATH)) {
            return true;
        }
        return call.method().equals("POST") && call.path().equals(KUBE_SYSTEM_CONFIGMAPS_PATH)
                && "aws-auth".equals(KubeApiDispatcher.createdName(call.body()));
    }
}
