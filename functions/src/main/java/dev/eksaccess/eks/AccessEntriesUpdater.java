package dev.eksaccess.eks;

import dev.eksaccess.access.AccessChange;
import dev.eksaccess.access.AccessEntryCall;
import dev.eksaccess.access.AccessEntryPlan;
import dev.eksaccess.access.AccessEntryPlanner;
import dev.eksaccess.access.AccessEntryState;
import dev.eksaccess.access.AccessEntryWanted;
import dev.eksaccess.access.ListedMapping;
import java.util.ArrayList;
import java.util.List;

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

    public AccessEntryOutcome apply(AccessEntryStore store, AccessChange change, boolean dryRun) {
        if (change instanceof AccessChange.GrantIdentity grant) {
            AccessEntryWanted.from(grant); // invalid for access entries: fail before any call
        }
        WriteConflictException lastConflict = null;
        for (int attempt = 1; attempt <= backoff.maxAttempts(); attempt++) {
            if (attempt > 1) {
                backoff.pause(attempt - 1, sleeper, "an access-entry change");
            }
            AccessEntryPlan plan = AccessEntryPlanner.plan(change, read(store, change));
            if (dryRun || !plan.changed()) {
                return new AccessEntryOutcome(plan.changed(), false, plan.summary(), plan.diff(), plan.calls(), attempt);
            }
            int made = 0;
            try {
                for (AccessEntryCall call : plan.calls()) {
                    store.write(call);
                    made++;
                }
                return new AccessEntryOutcome(true, true, plan.summary(), plan.diff(), plan.calls(), attempt);
            } catch (WriteConflictException conflict) {
                lastConflict = conflict; // read and planned again: what was made is seen then
            } catch (RuntimeException failure) {
                if (made == 0) {
                    throw failure;
                }
                throw new PartlyWrittenException(plan.calls(), made, failure);
            }
        }
        throw new WriteConflictException("access entries in " + store.describe() + " kept changing under us; gave up "
                + "after " + backoff.maxAttempts() + " attempts (some calls may have been made; a retry completes them)",
                lastConflict);
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
