package dev.eksaccess.eks;

import dev.eksaccess.access.AccessChange;
import dev.eksaccess.access.AccessPlan;
import dev.eksaccess.access.AccessPlanner;
import dev.eksaccess.access.AwsAuthDocument;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Applies one access change to one aws-auth: read, plan, write with the read version as precondition;
 * on a conflict, read again and re-plan (so a concurrent edit is never lost), within a bounded number
 * of attempts. An unchanged plan writes nothing.
 */
public final class AwsAuthUpdater {
    private final Backoff backoff;
    private final Sleeper sleeper;

    /** Pauses between attempts; a seam so tests need not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public AwsAuthUpdater(Backoff backoff) {
        this(backoff, d -> Thread.sleep(d.toMillis()));
    }

    public AwsAuthUpdater(Backoff backoff, Sleeper sleeper) {
        this.backoff = backoff;
        this.sleeper = sleeper;
    }

    public AccessOutcome apply(AwsAuthStore store, AccessChange change, boolean dryRun) {
        WriteConflictException lastConflict = null;
        for (int attempt = 1; attempt <= backoff.maxAttempts(); attempt++) {
            if (attempt > 1) {
                pause(attempt - 1);
            }
            Optional<AwsAuthConfigMap> current = store.read();
            Map<String, String> data = current.map(AwsAuthConfigMap::data).orElse(Map.of());
            AccessPlan plan = AccessPlanner.plan(AwsAuthDocument.parse(data), change);
            Map<String, String> newData = plan.changed() ? plan.apply(data) : data;
            if (!plan.changed() || dryRun) {
                return new AccessOutcome(plan.changed(), false, plan.summary(), plan.diff(), attempt, newData);
            }
            Map<String, String> annotations = current.map(AwsAuthConfigMap::annotations).orElse(Map.of());
            try {
                store.write(current.orElse(null), newData, annotations);
                return new AccessOutcome(true, true, plan.summary(), plan.diff(), attempt, newData);
            } catch (WriteConflictException conflict) {
                lastConflict = conflict;
            }
        }
        throw new WriteConflictException("aws-auth in " + store.describe() + " kept changing under us; gave up after "
                + backoff.maxAttempts() + " attempts, nothing was written", lastConflict);
    }

    private void pause(int retry) {
        try {
            sleeper.sleep(backoff.delayBefore(retry));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry an aws-auth write", e);
        }
    }
}
