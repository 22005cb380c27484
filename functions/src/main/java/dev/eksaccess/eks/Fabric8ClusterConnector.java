package dev.eksaccess.eks;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.util.Base64;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * fabric8 clients (JDK HTTP client) for EKS clusters, one per cluster and endpoint, kept for the life
 * of the container. Authentication is an EKS token signed with the credentials of the cluster's
 * account and renewed before it expires; TLS trusts only the cluster CA from DescribeCluster.
 */
public final class Fabric8ClusterConnector implements ClusterConnector {
    /**
     * One serialization for every client of the process (Jackson mappers are thread-safe): what its mapper
     * learns of the model classes (ConfigMap, ObjectMeta, ...) is learnt once, by the warm-up or the first
     * client, instead of once per client. It holds no credentials.
     */
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final AccountCredentials accounts;
    private final Clock clock;
    private final int connectTimeoutMillis;
    private final int requestTimeoutMillis;
    private final ConcurrentMap<String, KubernetesClient> clients = new ConcurrentHashMap<>();

    public Fabric8ClusterConnector(AccountCredentials accounts, Clock clock, int connectTimeoutMillis,
                                   int requestTimeoutMillis) {
        this.accounts = accounts;
        this.clock = clock;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.requestTimeoutMillis = requestTimeoutMillis;
    }

    @Override
    public AwsAuthStore awsAuth(ClusterInfo cluster) {
        String key = cluster.accountId().value() + "/" + cluster.ref().region() + "/" + cluster.ref().name() + "@"
                + cluster.endpoint();
        KubernetesClient client = clients.computeIfAbsent(key, k -> build(cluster));
        return new Fabric8AwsAuthStore(client, cluster.accountId().value() + "/" + cluster.ref().region() + "/"
                + cluster.ref().name());
    }

    /**
     * Runs the client's one-time work offline, for priming: builds a client (no connection is made) and
     * reads and writes an aws-auth ConfigMap through the shared serialization, which keeps what it learnt
     * of the model classes. No client, token or credentials survive the call.
     */
    public static void warmUp() {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl("https://127.0.0.1:1")
                .withRequestRetryBackoffLimit(0)
                .withNamespace("kube-system")
                .build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
                .withKubernetesSerialization(SERIALIZATION)
                .withHttpClientFactory(new JdkHttpClientFactory()).build()) {
            KubernetesSerialization serialization = client.getKubernetesSerialization();
            ConfigMap map = serialization.unmarshal("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":"
                    + "{\"name\":\"aws-auth\",\"namespace\":\"kube-system\",\"resourceVersion\":\"1\","
                    + "\"annotations\":{\"a\":\"b\"}},\"data\":{\"mapRoles\":\"[]\"}}", ConfigMap.class);
            serialization.asJson(map);
            client.configMaps().inNamespace("kube-system").withName("aws-auth");
        }
    }

    /** Produces a TLS ClientHello offline, for priming: the TLS engine's one-time work. Keeps nothing. */
    public static void warmUpTls() {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, null, null);
            SSLEngine engine = tls.createSSLEngine("localhost", 443);
            engine.setUseClientMode(true);
            engine.beginHandshake();
            engine.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(engine.getSession().getPacketBufferSize()));
        } catch (GeneralSecurityException | SSLException e) {
            // Only a warm-up: the real connection reports its own errors.
        }
    }

    private KubernetesClient build(ClusterInfo cluster) {
        EksTokenPresigner presigner = new EksTokenPresigner(
                accounts.forAccount(cluster.ref().accountId(), cluster.ref().region()), clock);
        ConfigBuilder config = new ConfigBuilder(Config.empty())
                .withMasterUrl(cluster.endpoint())
                .withOauthTokenProvider(new CachingTokenProvider(presigner, cluster.ref().name(),
                        cluster.ref().region(), clock))
                .withConnectionTimeout(connectTimeoutMillis)
                .withRequestTimeout(requestTimeoutMillis)
                // Conflicts are retried by AwsAuthUpdater with a fresh read; blind client retries would not help.
                .withRequestRetryBackoffLimit(0)
                .withNamespace("kube-system");
        KubernetesClientBuilder builder = new KubernetesClientBuilder()
                .withConfig(config.build())
                .withKubernetesSerialization(SERIALIZATION)
                .withHttpClientFactory(new JdkHttpClientFactory());
        if (cluster.certificateAuthority() != null) {
            TrustManager[] clusterCa = trustOnly(cluster.ref().name(), cluster.certificateAuthority());
            builder.withHttpClientBuilderConsumer(http -> http.sslContext(null, clusterCa));
        }
        return builder.build();
    }

    /**
     * Trust managers that trust the cluster's CA and nothing else, as kubectl does with a kubeconfig's
     * certificate-authority-data. (fabric8's own {@code caCertData} adds the CA to a copy of the JVM's whole
     * trust store, which it reads and parses again for every client.) {@code caData}: base64 of the PEM, as
     * DescribeCluster gives it, or the PEM itself.
     */
    static TrustManager[] trustOnly(String clusterName, String caData) {
        byte[] pem;
        try {
            pem = Base64.getDecoder().decode(caData.replaceAll("\\s", ""));
        } catch (IllegalArgumentException notBase64) {
            pem = caData.getBytes(StandardCharsets.US_ASCII);
        }
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem));
            if (certificates.isEmpty()) {
                throw new CertificateException("no certificate in it");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("cluster-ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("EKS cluster " + clusterName + ": its certificate authority is not a usable "
                    + "PEM certificate (" + e.getMessage() + ")", e);
        }
    }
}
