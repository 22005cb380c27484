package dev.eksaccess.sso;

import dev.eksaccess.access.AccountId;
import dev.eksaccess.access.IamRoleArn;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Which accounts reconcile visits, and what a permission set's state in one account is. Pure.
 *
 * <p>An account is visited when the policy names it in a cluster entry, or when any policy permission set is
 * provisioned there. On a visited account's clusters every policy permission set that selects them is
 * checked, assigned or not, so a missed deletion is found as long as the account is still visited. An
 * account the policy does not name and that no longer holds any policy permission set is not visited: its
 * leftover managed entries name deleted roles (a recreated role gets a new suffix), so they grant nothing.
 */
public final class ReconcileScope {
    private ReconcileScope() {
    }

    /** The accounts to visit, in account order, from the policy and each permission set's provisioned accounts. */
    public static List<AccountId> accounts(AccessPolicy policy, Map<String, List<AccountId>> provisionedByName) {
        TreeSet<AccountId> accounts = new TreeSet<>(Comparator.comparing(AccountId::value));
        for (PermissionSetAccess access : policy.permissionSets().values()) {
            access.clusters().stream().map(ClusterSelector::accountId).filter(java.util.Objects::nonNull)
                    .forEach(accounts::add);
            accounts.addAll(provisionedByName.getOrDefault(access.name(), List.of()));
        }
        return List.copyOf(accounts);
    }

    /**
     * A permission set's state in an account: Identity Center's assignments decide whether anyone holds it;
     * the role found in IAM, whether it is provisioned. A role left without assignments (being deleted) does
     * not make it held.
     */
    public static PermissionSetInAccount state(PermissionSetAccess access, boolean assigned,
                                               Optional<IamRoleArn> role) {
        if (!assigned) {
            return new PermissionSetInAccount(access, PermissionSetInAccount.Holding.NOT_HELD, null);
        }
        return role.map(r -> new PermissionSetInAccount(access, PermissionSetInAccount.Holding.HELD, r))
                .orElseGet(() -> new PermissionSetInAccount(access, PermissionSetInAccount.Holding.PROVISIONING, null));
    }
}
