package dev.eksaccess.sso;

import dev.eksaccess.access.IamRoleArn;

/**
 * What Identity Center says about one policy permission set in one account, as reconcile compares it with
 * a cluster: someone holds it there and this is its role; someone holds it but the role is not created
 * yet; or nobody holds it.
 *
 * @param role the current reserved role when {@link Holding#HELD}, otherwise null
 */
public record PermissionSetInAccount(PermissionSetAccess access, Holding holding, IamRoleArn role) {

    public enum Holding { HELD, PROVISIONING, NOT_HELD }

    public PermissionSetInAccount {
        if (access == null || holding == null) {
            throw new IllegalArgumentException("access and holding are required");
        }
        if ((holding == Holding.HELD) != (role != null)) {
            throw new IllegalArgumentException("a role goes with HELD, and only with HELD (got " + holding + ", role "
                    + role + ")");
        }
    }

    public String name() {
        return access.name();
    }
}
