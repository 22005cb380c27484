package dev.eksaccess.eks;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bounded, jittered exponential backoff ("full jitter"): attempt n waits a random time in
 * [0, min(max, base * 2^n)], so many writers racing on one ConfigMap spread out.
 */
public record Backoff(int maxAttempts, Duration base, Duration max) {
    public static final Backoff DEFAULT = new Backoff(5, Duration.ofMillis(50), Duration.ofSeconds(2));

    public Backoff {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** Sleeps before retry number {@code retry}; {@code what} names the retried work if interrupted. */
    public void pause(int retry, AwsAuthUpdater.Sleeper sleeper, String what) {
        try {
            sleeper.sleep(delayBefore(retry));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry " + what, e);
        }
    }

    /** The pause before retry number {@code retry} (1 for the first retry). */
    public Duration delayBefore(int retry) {
        long cap = Math.min(max.toMillis(), base.toMillis() << Math.min(retry, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap + 1));
    }
}
