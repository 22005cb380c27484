package dev.eksaccess.eks;

import dev.eksaccess.access.AccessChange;
import dev.eksaccess.access.AccessEntryCall;
import dev.eksaccess.access.AccessEntryPlan;
import dev.eksaccess.access.AccessEntryPlanner;
import dev.eksaccess.access.AccessEntryState;
import dev.eksaccess.access.AccessEntryWanted;
import dev.eksaccess.access.AccessRefusedException;
import dev.eksaccess.access.ListedMapping;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Applies access changes to one cluster's EKS access entries: list, read the entries the change concerns,
 * plan, make the calls. EKS has no precondition to write against, so a call that loses a race (entry
 * created or deleted meanwhile) starts the round again from a fresh read, within a bounded number of
 * attempts; plans are made from what is there, so a repeated round only does what is still missing.
 */
public final class AccessEntriesUpdater {
    private final Backoff backoff;
    private final AwsAuthUpdater.Sleeper sleeper;

    public AccessEntriesUpdater(Backoff backoff) {
        this(backoff, d -> Thread.sleep(d.toMillis()));
    }

    public AccessEntriesUpdater(Backoff backoff, AwsAuthUpdater.Sleeper sleeper) {
        this.backoff = backoff;
        this.sleeper = sleeper;
    }

    /**
     * Asked in any round whose plan creates an entry, before that round makes a call (a dry run's too):
     * empty to go on, or the summary of the change left undone (nothing created); may throw to fail it.
     */
    @FunctionalInterface
    public interface BeforeCreate {
        BeforeCreate ALWAYS = create -> Optional.empty();

        Optional<String> leaveUndone(AccessEntryCall.Create create);
    }

    public AccessEntryOutcome apply(AccessEntryStore store, AccessChange change, boolean dryRun) {
        return apply(store, change, dryRun, BeforeCreate.ALWAYS);
    }

    public AccessEntryOutcome apply(AccessEntryStore store, AccessChange change, boolean dryRun,
                                    BeforeCreate beforeCreate) {
        if (change instanceof AccessChange.GrantIdentity grant) {
            AccessEntryWanted.from(grant); // invalid for access entries: fail before any call
        }
        List<AccessEntryCall> made = new ArrayList<>(); // over all rounds: what EKS has of this change so far
        String summary = null; // of the first round that made a call
        WriteConflictException lastConflict = null;
        for (int attempt = 1; attempt <= backoff.maxAttempts(); attempt++) {
            int planned = 0;
            int done = 0;
            try { // a failure anywhere in a round (its read too) undoes or reports what earlier rounds made
                if (attempt > 1) {
                    backoff.pause(attempt - 1, sleeper, "an access-entry change");
                }
                AccessEntryPlan plan = AccessEntryPlanner.plan(change, read(store, change));
                for (AccessEntryCall call : plan.calls()) {
                    Optional<String> undone = call instanceof AccessEntryCall.Create create
                            ? beforeCreate.leaveUndone(create) : Optional.empty();
                    if (undone.isPresent()) {
                        if (!made.isEmpty()) { // an earlier round made calls: stop, and undo them (below)
                            throw new AccessRefusedException(undone.get());
                        }
                        return new AccessEntryOutcome(false, false, undone.get(), "", List.of(), attempt);
                    }
                }
                if (dryRun) {
                    return new AccessEntryOutcome(plan.changed(), false, plan.summary(), plan.diff(), plan.calls(),
                            attempt);
                }
                if (!plan.changed() && made.isEmpty()) {
                    return new AccessEntryOutcome(false, false, plan.summary(), plan.diff(), plan.calls(), attempt);
                }
                planned = plan.calls().size();
                for (AccessEntryCall call : plan.calls()) {
                    store.write(call);
                    made.add(call);
                    done++;
                    summary = summary != null ? summary : plan.summary();
                }
                return new AccessEntryOutcome(true, true, summary, diff(made), List.copyOf(made), attempt);
            } catch (WriteConflictException conflict) {
                lastConflict = conflict; // read and planned again: what was made is seen then
            } catch (RuntimeException failure) {
                throw failed(store, made, planned - done, failure);
            }
        }
        throw failed(store, made, 0, new WriteConflictException("access entries in " + store.describe()
                + " kept changing under us; gave up after " + backoff.maxAttempts() + " attempts", lastConflict));
    }

    /**
     * The change stopped with {@code made} done and {@code left} calls not made. When every call made was
     * on entries this change created (CreateAccessEntry, then AssociateAccessPolicy on them), deleting those
     * entries takes the cluster back to where it was: the change is whole or not at all, and a retry starts
     * clean. Otherwise, or when that delete fails, the result says what EKS has.
     */
    private static RuntimeException failed(AccessEntryStore store, List<AccessEntryCall> made, int left,
                                           RuntimeException failure) {
        if (made.isEmpty()) {
            return failure;
        }
        List<String> created = made.stream().filter(c -> c instanceof AccessEntryCall.Create)
                .map(AccessEntryCall::principalArn).distinct().toList();
        boolean onlyOnCreated = made.stream().allMatch(c -> (c instanceof AccessEntryCall.Create
                || c instanceof AccessEntryCall.Associate) && created.contains(c.principalArn()));
        if (!onlyOnCreated) {
            return new PartlyWrittenException(made, left, failure, null);
        }
        List<String> deleted = new ArrayList<>();
        try {
            for (String arn : created) {
                Optional<AccessEntryState> now = store.read(arn, true);
                if (now.isPresent() && !asMade(now.get(), made)) {
                    // Another grant of the same identity (a group and a user assigned at once, say) has
                    // completed the entry meanwhile and counts on it: it stays.
                    List<AccessEntryCall> remaining = made.stream().filter(c -> !deleted.contains(c.principalArn()))
                            .toList();
                    return new PartlyWrittenException(remaining, left, failure, "the access entry it created was "
                            + "changed by someone else meanwhile, so it was left in place");
                }
                store.write(new AccessEntryCall.Delete(arn)); // an entry deleted meanwhile counts as deleted
                deleted.add(arn);
            }
        } catch (RuntimeException undo) {
            failure.addSuppressed(undo);
            List<AccessEntryCall> remaining = made.stream().filter(c -> !deleted.contains(c.principalArn())).toList();
            return new PartlyWrittenException(remaining, left, failure, "deleting the access entry it created failed "
                    + "too (" + AccessProvisioner.describe(undo) + ")", true);
        }
        return new ChangeUndoneException(failure, "the access entry it created was deleted again: nothing is changed");
    }

    /** The entry holds only what this change's calls put there: its groups, its username, its policies. */
    private static boolean asMade(AccessEntryState entry, List<AccessEntryCall> made) {
        Set<String> policies = new HashSet<>();
        for (AccessEntryCall call : made) {
            if (!call.principalArn().equals(entry.principalArn())) {
                continue;
            }
            if (call instanceof AccessEntryCall.Create c && (!new HashSet<>(c.groups()).equals(new HashSet<>(
                    entry.groups())) || c.username() != null && !c.username().equals(entry.username()))) {
                return false;
            }
            if (call instanceof AccessEntryCall.Associate a) {
                policies.add(a.policy().name());
            }
        }
        return entry.policies().stream().allMatch(p -> policies.contains(p.name()));
    }

    private static String diff(List<AccessEntryCall> calls) {
        return calls.stream().map(c -> c.diffLine() + "\n").collect(java.util.stream.Collectors.joining());
    }

    /** Every entry with its policies, as list shows them. */
    public List<ListedMapping> list(AccessEntryStore store) {
        List<ListedMapping> out = new ArrayList<>();
        for (String arn : store.principalArns()) {
            store.read(arn, true).ifPresent(e -> out.add(e.listed()));
        }
        return out;
    }

    private static List<AccessEntryState> read(AccessEntryStore store, AccessChange change) {
        boolean withPolicies = change instanceof AccessChange.GrantIdentity; // revokes delete whole entries
        List<AccessEntryState> current = new ArrayList<>();
        for (String arn : store.principalArns()) {
            if (AccessEntryPlanner.concerns(change, arn)) {
                store.read(arn, withPolicies).ifPresent(current::add);
            }
        }
        return current;
    }
}
