package dev.eksaccess.sso;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Polls an assignment's provisioning status until it leaves IN_PROGRESS, within a bounded wait. The
 * time counted is the larger of the clock's and the pauses asked for, so a test's instant sleeper still
 * ends the loop after maxWait / interval polls.
 */
public final class ProvisioningWait {
    private final Duration maxWait;
    private final Duration interval;
    private final Sleeper sleeper;
    private final Clock clock;

    /** Pauses between polls; a seam so tests need not sleep (and may act between polls). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        Sleeper REAL = d -> Thread.sleep(d.toMillis());
    }

    public ProvisioningWait(Duration maxWait, Duration interval, Sleeper sleeper, Clock clock) {
        if (maxWait.isNegative() || interval.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        this.maxWait = maxWait;
        // At least 1 ms, so that every poll counts against the wait even with an instant sleeper.
        this.interval = interval.isZero() ? Duration.ofMillis(1) : interval;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    public Duration maxWait() {
        return maxWait;
    }

    /** The first status that is not IN_PROGRESS, or IN_PROGRESS when the wait ran out. */
    public ProvisioningStatus await(Supplier<ProvisioningStatus> status) {
        Instant start = clock.instant();
        Duration slept = Duration.ZERO;
        while (true) {
            ProvisioningStatus s = status.get();
            if (s.state() != ProvisioningStatus.State.IN_PROGRESS) {
                return s;
            }
            Duration elapsed = Duration.between(start, clock.instant());
            if (slept.compareTo(elapsed) > 0) {
                elapsed = slept;
            }
            if (elapsed.plus(interval).compareTo(maxWait) > 0) {
                return s;
            }
            try {
                sleeper.sleep(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Identity Center provisioning", e);
            }
            slept = slept.plus(interval);
        }
    }
}
