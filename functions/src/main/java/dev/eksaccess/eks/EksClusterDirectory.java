package dev.eksaccess.eks;

import dev.eksaccess.access.AccountId;
import dev.eksaccess.access.ClusterRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * DescribeCluster ({@link EksDescribeCluster}). A cluster's endpoint and CA practically never change, so answers
 * are kept for a while: a warm container makes no AWS call to find a cluster it has seen.
 */
public final class EksClusterDirectory implements ClusterDirectory {
    static final Duration TTL = Duration.ofMinutes(15);

    private final AwsClients clients;
    private final AccountCredentials accounts;
    private final KubeEndpoints overrides;
    private final Clock clock;
    private final ConcurrentMap<ClusterRef, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(ClusterInfo info, Instant until) {
    }

    public EksClusterDirectory(AwsClients clients, AccountCredentials accounts, KubeEndpoints overrides, Clock clock) {
        this.clients = clients;
        this.accounts = accounts;
        this.overrides = overrides;
        this.clock = clock;
    }

    @Override
    public ClusterInfo describe(ClusterRef ref) {
        Cached cached = cache.get(ref);
        if (cached != null && clock.instant().isBefore(cached.until())) {
            return cached.info();
        }
        AccountId account = ref.accountId() != null ? ref.accountId() : accounts.callerAccount(ref.region());
        AwsCredentialsProvider credentials = accounts.forAccount(ref.accountId(), ref.region());
        EksDescribeCluster.Described cluster = clients.eksDescribe(ref.region(), credentials).describe(ref.name())
                .orElseThrow(() -> new ClusterNotFoundException("EKS cluster " + ref.name() + " not found in account "
                        + account.value() + ", region " + ref.region()));
        java.util.Optional<KubeEndpoints.Endpoint> override = overrides.forCluster(ref.name());
        String endpoint = override.map(KubeEndpoints.Endpoint::url).orElse(cluster.endpoint());
        boolean overridden = override.isPresent();
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalStateException("EKS cluster " + ref.name() + " has no API endpoint yet (status "
                    + cluster.status() + ")");
        }
        if (!overridden && !endpoint.startsWith("https://")) {
            throw new IllegalStateException("EKS cluster " + ref.name() + " endpoint is not https: " + endpoint);
        }
        String ca = overridden ? override.get().certificateAuthority() : cluster.certificateAuthority();
        String mode = cluster.authenticationMode() == null ? "CONFIG_MAP" : cluster.authenticationMode();
        ClusterInfo info = new ClusterInfo(ref, account, endpoint, ca, mode);
        cache.put(ref, new Cached(info, clock.instant().plus(TTL)));
        return info;
    }

    @Override
    public void forget(ClusterRef ref) {
        cache.remove(ref);
    }

    @Override
    public void callerAccountIs(AccountId account) {
        accounts.callerAccountIs(account);
    }

    @Override
    public void prepare(String region) {
        clients.eksDescribe(region, accounts.forAccount(null, region));
    }
}
