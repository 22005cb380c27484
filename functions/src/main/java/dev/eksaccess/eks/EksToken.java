package dev.eksaccess.eks;

import java.time.Instant;
import java.util.Objects;

/**
 * A Kubernetes bearer token for EKS (aws-iam-authenticator v1 format) and the instant a client should
 * stop using it. {@link #toString()} never shows the value: tokens must not reach logs (safety rule 6).
 */
public record EksToken(String value, Instant expiresAt) {
    static final String PREFIX = "k8s-aws-v1.";

    public EksToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!value.startsWith(PREFIX) || value.length() == PREFIX.length()) {
            throw new IllegalArgumentException("value: must be '" + PREFIX + "' followed by the encoded URL");
        }
    }

    /** True once {@code now} has reached {@link #expiresAt()}. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "EksToken[value=<redacted>, expiresAt=" + expiresAt + "]";
    }
}
