package dev.eksaccess.eks;

import dev.eksaccess.access.AccessChange;
import dev.eksaccess.access.AccessPlan;
import dev.eksaccess.access.AccessPlanner;
import dev.eksaccess.access.AwsAuthDocument;
import dev.eksaccess.access.ManagedArns;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Applies access changes to one aws-auth: read, plan, write with the read version as precondition;
 * on a conflict, read again and re-plan (so a concurrent edit is never lost), within a bounded number
 * of attempts. An unchanged plan writes nothing.
 *
 * <p>Changes to the same ConfigMap from threads of one process are committed as a group: while one
 * thread writes, the others queue, and the next writer applies every queued change in one
 * read-plan-write round. A burst of grants then costs a few writes instead of a conflict storm.
 */
public final class AwsAuthUpdater {
    private final Backoff backoff;
    private final Sleeper sleeper;
    /** JVM-wide: every updater in the process (one per handler instance) joins the same groups. */
    private static final ConcurrentMap<String, Queue> QUEUES = new ConcurrentHashMap<>();

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
        if (dryRun) {
            AwsAuthConfigMap current = store.read().orElse(null);
            Map<String, String> data = current == null ? Map.of() : current.data();
            ManagedArns managed = ManagedArns.fromAnnotations(current == null ? Map.of() : current.annotations());
            AccessPlan plan = AccessPlanner.plan(AwsAuthDocument.parse(data), managed, change);
            Map<String, String> annotations = current == null ? Map.of() : current.annotations();
            return new AccessOutcome(plan.changed(), false, plan.summary(), plan.diff(), 1,
                    plan.changed() ? plan.apply(data) : data, plan.applyAnnotations(annotations));
        }
        Pending mine = new Pending(change);
        Queue queue = QUEUES.computeIfAbsent(store.describe(), k -> new Queue());
        synchronized (queue.waiting) {
            queue.waiting.add(mine);
        }
        queue.writer.lock();
        try {
            if (!mine.done()) {
                List<Pending> batch;
                synchronized (queue.waiting) {
                    batch = new ArrayList<>(queue.waiting);
                    queue.waiting.clear();
                }
                commit(store, batch);
            }
        } finally {
            queue.writer.unlock();
        }
        return mine.result();
    }

    /**
     * One group: plan every change in turn on the latest read, write once, retry the whole group on conflict.
     * A write that got no answer is read back: in place, it is done; not in place, it counts as an attempt
     * (the write carried the read version, so it cannot land over anything written since).
     */
    private void commit(AwsAuthStore store, List<Pending> batch) {
        RuntimeException lastRetried = null;
        boolean answerLost = false;
        for (int attempt = 1; attempt <= backoff.maxAttempts(); attempt++) {
            if (attempt > 1) {
                backoff.pause(attempt - 1, sleeper, "an aws-auth write");
            }
            Optional<AwsAuthConfigMap> current;
            AwsAuthDocument original;
            ManagedArns originalManaged;
            try {
                current = store.read();
                original = AwsAuthConfigMap.document(current);
                originalManaged = AwsAuthConfigMap.managed(current);
            } catch (RuntimeException e) {
                batch.forEach(p -> p.fail(e));
                return;
            }
            Map<String, String> data = current.map(AwsAuthConfigMap::data).orElse(Map.of());
            Map<String, String> annotations = current.map(AwsAuthConfigMap::annotations).orElse(Map.of());
            AwsAuthDocument doc = original;
            ManagedArns managed = originalManaged;
            List<Pending> live = new ArrayList<>();
            for (Pending p : batch) {
                try {
                    p.plan = AccessPlanner.plan(doc, managed, p.change);
                    doc = p.plan.after();
                    managed = p.plan.managedAfter();
                    live.add(p);
                } catch (RuntimeException refusedOrInvalid) {
                    p.fail(refusedOrInvalid);
                }
            }
            final int attemptNo = attempt;
            if (doc.equals(original) && managed.equals(originalManaged)) {
                // After a lost answer the change may be in place because that write was applied after all.
                String note = answerLost ? " (an earlier write of this change got no answer: it may be that write "
                        + "that put it in place)" : "";
                live.forEach(p -> p.succeed(outcome(p, false, attemptNo, data, annotations, note)));
                return;
            }
            Map<String, String> newData = doc.writeInto(data, original);
            Map<String, String> newAnnotations = managed.equals(originalManaged) ? annotations
                    : managed.writeInto(annotations);
            try {
                store.write(current.orElse(null), newData, newAnnotations);
                live.forEach(p -> p.succeed(outcome(p, true, attemptNo, newData, newAnnotations, "")));
                return;
            } catch (WriteConflictException conflict) {
                lastRetried = conflict;
                batch = live;
            } catch (WriteOutcomeUnknownException lost) {
                Optional<AwsAuthConfigMap> readBack;
                try {
                    readBack = store.read();
                } catch (RuntimeException readFailed) {
                    WriteOutcomeUnknownException unknown = new WriteOutcomeUnknownException(lost.getMessage()
                            + ", and reading aws-auth back failed too (" + AccessProvisioner.describe(readFailed)
                            + "): the change may or may not be in place; run it again (a replay changes nothing "
                            + "if it is)", lost);
                    live.forEach(p -> p.fail(unknown));
                    return;
                }
                if (inPlace(readBack, current, newData, newAnnotations)) {
                    live.forEach(p -> p.succeed(outcome(p, true, attemptNo, newData, newAnnotations,
                            " (the write got no answer; read back, it is in place)")));
                    return;
                }
                answerLost = true;
                lastRetried = lost;
                batch = live;
            } catch (RuntimeException e) {
                live.forEach(p -> p.fail(e));
                return;
            }
        }
        RuntimeException giveUp = lastRetried instanceof WriteOutcomeUnknownException lost
                ? new WriteOutcomeUnknownException(lost.getMessage() + "; gave up after " + backoff.maxAttempts()
                        + " attempts, and the change was not in place when last read back (a write still on its way "
                        + "may yet be applied: run it again to be sure)", lost)
                : new WriteConflictException("aws-auth in " + store.describe() + " kept changing under us; gave up "
                        + "after " + backoff.maxAttempts() + " attempts, nothing was written", lastRetried);
        batch.forEach(p -> p.fail(giveUp));
    }

    /** Our write, as read back: a new version holding exactly what we sent. */
    private static boolean inPlace(Optional<AwsAuthConfigMap> readBack, Optional<AwsAuthConfigMap> before,
                                   Map<String, String> data, Map<String, String> annotations) {
        if (readBack.isEmpty()) {
            return false;
        }
        AwsAuthConfigMap now = readBack.get();
        boolean newVersion = before.isEmpty() || !Objects.equals(before.get().resourceVersion(), now.resourceVersion());
        return newVersion && now.data().equals(data) && now.annotations().equals(annotations);
    }

    private static AccessOutcome outcome(Pending p, boolean written, int attempts, Map<String, String> data,
                                         Map<String, String> annotations, String note) {
        boolean changed = p.plan.changed();
        return new AccessOutcome(changed, written && changed, p.plan.summary() + note, p.plan.diff(), attempts, data,
                annotations);
    }


    /** Changes waiting for one ConfigMap, and the lock its writer holds. */
    private static final class Queue {
        final List<Pending> waiting = new ArrayList<>();
        final ReentrantLock writer = new ReentrantLock();
    }

    /** One caller's change and, once the group is committed, its outcome or failure. */
    private static final class Pending {
        final AccessChange change;
        AccessPlan plan;
        private AccessOutcome outcome;
        private RuntimeException failure;

        Pending(AccessChange change) {
            this.change = change;
        }

        boolean done() {
            return outcome != null || failure != null;
        }

        void succeed(AccessOutcome o) {
            outcome = o;
        }

        void fail(RuntimeException e) {
            failure = e;
        }

        AccessOutcome result() {
            if (failure != null) {
                throw failure;
            }
            if (outcome == null) {
                // Only if the writer that took this change died of an Error: say so rather than return null.
                throw new IllegalStateException("the aws-auth write this change was part of did not finish");
            }
            return outcome;
        }
    }
}
