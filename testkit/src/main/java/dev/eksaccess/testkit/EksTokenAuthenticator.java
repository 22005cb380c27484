package dev.eksaccess.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Accepts EKS tokens ({@code k8s-aws-v1.}) that {@link EksTokenVerifier} finds valid for one cluster.
 * The secret key is looked up by the access key id in the token's credential scope, as STS would; an
 * unknown key id is rejected. The principal is the access key id. Why a token was rejected is kept in
 * {@link #lastRejection()}, since the 401 itself says only "Unauthorized", as EKS does.
 */
public final class EksTokenAuthenticator implements TokenAuthenticator {
    private final String clusterName;
    private final Function<String, String> secretByAccessKeyId;
    private final Clock clock;
    private volatile String lastRejection;

    public EksTokenAuthenticator(String clusterName, Function<String, String> secretByAccessKeyId) {
        this(clusterName, secretByAccessKeyId, Clock.systemUTC());
    }

    public EksTokenAuthenticator(String clusterName, Function<String, String> secretByAccessKeyId, Clock clock) {
        this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
        this.secretByAccessKeyId = Objects.requireNonNull(secretByAccessKeyId, "secretByAccessKeyId");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<String> authenticate(String bearerToken) {
        try {
            String accessKeyId = accessKeyId(bearerToken);
            String secret = secretByAccessKeyId.apply(accessKeyId);
            if (secret == null) {
                return reject("unknown access key id " + accessKeyId);
            }
            return Optional.of(EksTokenVerifier.verify(bearerToken, clusterName, secret, clock.instant())
                    .accessKeyId());
        } catch (IllegalArgumentException e) { // InvalidTokenException included
            return reject(e.getMessage());
        }
    }

    /** Why the last rejected token was rejected (never the token itself). */
    public Optional<String> lastRejection() {
        return Optional.ofNullable(lastRejection);
    }

    private Optional<String> reject(String reason) {
        lastRejection = reason;
        return Optional.empty();
    }

    /** The key id from X-Amz-Credential ({@code <key>/<date>/<region>/sts/aws4_request}). */
    private static String accessKeyId(String token) {
        String query = EksTokenVerifier.decode(token).getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equalsIgnoreCase("X-Amz-Credential")) {
                String credential = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                return credential.substring(0, Math.max(0, credential.indexOf('/')));
            }
        }
        throw new EksTokenVerifier.InvalidTokenException("X-Amz-Credential is missing");
    }
}
