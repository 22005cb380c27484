package dev.eksaccess.sso;

import dev.eksaccess.access.AccountId;
import dev.eksaccess.access.IamRoleArn;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one place that finds a permission set's reserved role in an account and decides what its absence
 * means: the permission set is not assigned there (no role will come), or it is and Identity Center is
 * still creating the role (try again later). The SSO event path, ResolveRoleFunction and reconcile all
 * go through it, so they cannot disagree on which role a permission set has.
 */
public final class ReservedRoleLookup {
    private final IdentityCenter identityCenter;
    private final ReservedRoles roles;

    public ReservedRoleLookup(IdentityCenter identityCenter, ReservedRoles roles) {
        this.identityCenter = identityCenter;
        this.roles = roles;
    }

    /** The role as it is now, if any (IAM only; no Identity Center call). */
    public Optional<IamRoleArn> find(AccountId account, String region, String permissionSet) {
        return ReservedRoleName.pick(permissionSet, roles.list(account, region));
    }

    /**
     * The role, or empty when nobody holds the permission set in the account (so none will appear).
     *
     * @param permissionSetArn the ARN of {@code permissionSet}, asked for only when the role is missing
     * @param context          appended to the error, e.g. where provisioning stands
     * @throws RoleNotProvisionedYetException when the permission set is assigned but its role is not there yet
     */
    public Optional<IamRoleArn> resolve(IdentityCenterInstance instance, AccountId account, String permissionSet,
                                        Supplier<String> permissionSetArn, String context) {
        Optional<IamRoleArn> role = find(account, instance.region(), permissionSet);
        if (role.isPresent() || identityCenter.principals(instance, account, permissionSetArn.get()).isEmpty()) {
            return role;
        }
        throw new RoleNotProvisionedYetException("no reserved role AWSReservedSSO_" + permissionSet + "_* under "
                + ReservedRoleName.PATH_PREFIX + " in account " + account.value() + " although permission set "
                + permissionSet + " is assigned there" + context);
    }
}
