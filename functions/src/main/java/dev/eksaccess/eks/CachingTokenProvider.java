package dev.eksaccess.eks;

import io.fabric8.kubernetes.client.OAuthTokenProvider;
import java.time.Clock;
import java.time.Duration;

/**
 * Bearer tokens for one cluster, presigned locally and reused until a minute before they expire,
 * so a warm container signs once per ~13 minutes and never sends an expired token.
 */
final class CachingTokenProvider implements OAuthTokenProvider {
    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(1);

    private final EksTokenPresigner presigner;
    private final String clusterName;
    private final String region;
    private final Clock clock;
    private EksToken token;

    CachingTokenProvider(EksTokenPresigner presigner, String clusterName, String region, Clock clock) {
        this.presigner = presigner;
        this.clusterName = clusterName;
        this.region = region;
        this.clock = clock;
    }

    @Override
    public synchronized String getToken() {
        if (token == null || !clock.instant().isBefore(token.expiresAt().minus(RENEW_BEFORE_EXPIRY))) {
            token = presigner.presign(clusterName, region);
        }
        return token.value();
    }
}
