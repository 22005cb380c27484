package dev.eksaccess.eks;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

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
