package dev.eksaccess.eks;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * fabric8 clients (JDK HTTP client) for EKS clusters, one per cluster and endpoint, kept for the life
 * of the container. Authentication is an EKS token signed with the credentials of the cluster's
 * account and renewed before it expires; TLS trusts only the cluster CA from DescribeCluster.
 */
public final class Fabric8ClusterConnector implements ClusterConnector {
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
     * reads and writes an aws-auth ConfigMap through its serialization. Keeps nothing: no client, token or
     * credentials survive the call.
     */
    public static void warmUp() {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl("https://127.0.0.1:1")
                .withRequestRetryBackoffLimit(0)
                .withNamespace("kube-system")
                .build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
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
        if (cluster.certificateAuthority() != null) {
            config.withCaCertData(cluster.certificateAuthority());
        }
        return new KubernetesClientBuilder()
                .withConfig(config.build())
                .withHttpClientFactory(new JdkHttpClientFactory())
                .build();
    }
}
