package dev.eksaccess.sso;

import dev.eksaccess.access.AccessChange;
import dev.eksaccess.access.AccountId;
import dev.eksaccess.access.AwsAuthDocument;
import dev.eksaccess.access.IamRoleArn;
import dev.eksaccess.access.IdentityMapping;
import dev.eksaccess.access.KubernetesGroup;
import dev.eksaccess.access.ManagedArns;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reconcile's decision for one cluster: what Identity Center says (per permission set the policy maps to
 * this cluster) against the cluster's aws-auth and its managed list. Pure.
 *
 * <p>Only managed entries (safety rule 7) of the listed permission sets' reserved roles in the cluster's
 * account are ever changed. A hand-made entry for a role counts as that role's mapping: reconcile neither
 * duplicates nor replaces it. A permission set still being provisioned is left as it is.
 *
 * <p>The returned change is planned again on the ConfigMap as it is when written (AccessPlanner), so a
 * concurrent edit between this read and the write is never lost; the drift reported is what this read saw.
 */
public final class DriftPlanner {
    private DriftPlanner() {
    }

    public static ClusterDrift plan(AccountId account, List<PermissionSetInAccount> sets, AwsAuthDocument doc,
                                    ManagedArns managed) {
        List<Drift> drift = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<AccessChange> changes = new ArrayList<>();
        for (PermissionSetInAccount set : sets) {
            plan(account, set, doc, managed, drift, notes, changes);
        }
        return drift.isEmpty() ? new ClusterDrift(List.of(), notes, null)
                : new ClusterDrift(drift, notes, new AccessChange.Batch(changes));
    }

    private static void plan(AccountId account, PermissionSetInAccount set, AwsAuthDocument doc, ManagedArns managed,
                             List<Drift> drift, List<String> notes, List<AccessChange> changes) {
        String name = set.name();
        Pattern pattern = ReservedRoleName.pattern(name);
        List<IdentityMapping> mine = doc.roles().stream().filter(e -> ReservedRoleName.entryRole(e.arn())
                .filter(r -> r.accountId().equals(account) && pattern.matcher(r.name()).matches()).isPresent())
                .toList();
        List<IdentityMapping> managedMine = mine.stream()
                .filter(e -> managed.contains(e.arn()) && !e.mapsNodes()).toList();
        List<IdentityMapping> handMade = mine.stream().filter(e -> !managedMine.contains(e)).toList();
        String what = "permission set " + name;
        switch (set.holding()) {
            case NOT_HELD -> {
                if (!managedMine.isEmpty()) {
                    drift.add(new Drift.Remove(name, arns(managedMine), name + " is assigned to nobody in account "
                            + account.value()));
                    changes.add(new AccessChange.RevokeManaged(account, pattern, what));
                }
                if (!handMade.isEmpty()) {
                    notes.add(handMade.size() + " hand-made " + entries(handMade.size()) + " of " + what
                            + " left as " + (handMade.size() == 1 ? "it is" : "they are") + ": " + arns(handMade));
                }
            }
            case PROVISIONING -> notes.add(what + " is assigned in account " + account.value() + " but its reserved "
                    + "role is not there yet; its entries are left as they are until a later run");
            case HELD -> held(account, set, mine, managedMine, handMade, drift, notes, changes);
            default -> throw new IllegalStateException("unknown holding " + set.holding());
        }
    }

    private static void held(AccountId account, PermissionSetInAccount set, List<IdentityMapping> mine,
                             List<IdentityMapping> managedMine, List<IdentityMapping> handMade, List<Drift> drift,
                             List<String> notes, List<AccessChange> changes) {
        String name = set.name();
        IamRoleArn role = set.role().withoutPath();
        String arn = role.awsAuthArn();
        List<IdentityMapping> forRole = mine.stream().filter(e -> role.matchesEntryArn(e.arn())).toList();
        List<IdentityMapping> stale = managedMine.stream().filter(e -> !role.matchesEntryArn(e.arn())).toList();
        List<IdentityMapping> handMadeForRole = forRole.stream().filter(handMade::contains).toList();
        AccessChange grant = set.access().grantFor(set.role()); // as the SSO event path grants it
        AccessChange dropStale = new AccessChange.RevokeManaged(account, ReservedRoleName.patternExcept(name, role),
                "earlier roles of permission set " + name);
        String staleReason = "earlier role of " + name + ", which is now " + role.name();
        if (!handMadeForRole.isEmpty()) {
            notes.add("a hand-made entry for " + arn + " exists; left as it is (not managed by eks-access)");
        } else if (forRole.isEmpty()) {
            drift.add(stale.isEmpty() ? new Drift.Add(name, arn) : new Drift.Replace(name, arns(stale), arn));
            if (!stale.isEmpty()) {
                changes.add(dropStale);
            }
            changes.add(grant);
            stale = List.of();
        } else if (!inPlace(forRole, arn, set.access())) {
            drift.add(new Drift.Update(name, arn));
            changes.add(grant);
        }
        if (!stale.isEmpty()) {
            drift.add(new Drift.Remove(name, arns(stale), staleReason));
            changes.add(dropStale);
        }
        List<IdentityMapping> otherHandMade = handMade.stream().filter(e -> !forRole.contains(e)).toList();
        if (!otherHandMade.isEmpty()) {
            notes.add(otherHandMade.size() + " hand-made " + entries(otherHandMade.size()) + " of permission set "
                    + name + " left as " + (otherHandMade.size() == 1 ? "it is" : "they are") + ": "
                    + arns(otherHandMade));
        }
    }

    /**
     * Managed entries of reserved roles in {@code account} whose permission set is none of {@code mapped}
     * (the ones the policy maps to this cluster): left by a permission set taken out of the policy, or by a
     * cluster taken out of its selectors. Reconcile reports them and leaves them: removing them on its own
     * would let a policy typo revoke access everywhere.
     */
    public static List<String> unmappedManaged(AccountId account, Collection<String> mapped, AwsAuthDocument doc,
                                               ManagedArns managed) {
        List<Pattern> patterns = mapped.stream().map(ReservedRoleName::pattern).toList();
        return doc.roles().stream()
                .filter(e -> managed.contains(e.arn()) && !e.mapsNodes())
                .filter(e -> ReservedRoleName.entryRole(e.arn())
                        .filter(r -> r.accountId().equals(account) && r.name().toLowerCase(Locale.ROOT)
                                .startsWith("awsreservedsso_")
                                && patterns.stream().noneMatch(p -> p.matcher(r.name()).matches())).isPresent())
                .map(IdentityMapping::arn)
                .toList();
    }

    /**
     * True when a managed grant would write nothing: exactly one entry, with the ARN as a grant writes it and
     * the policy's username and groups (AccessPlanner's no-op condition).
     */
    private static boolean inPlace(List<IdentityMapping> forRole, String arn, PermissionSetAccess access) {
        if (forRole.size() != 1) {
            return false;
        }
        IdentityMapping e = forRole.get(0);
        List<String> groups = access.groups().stream().map(KubernetesGroup::value).distinct().toList();
        return arn.equals(e.arn()) && Objects.equals(access.username().value(), e.username())
                && groups.equals(e.groups());
    }

    private static List<String> arns(List<IdentityMapping> entries) {
        return entries.stream().map(IdentityMapping::arn).toList();
    }

    private static String entries(int n) {
        return n == 1 ? "entry" : "entries";
    }
}
