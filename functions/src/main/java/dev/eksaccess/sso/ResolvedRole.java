package dev.eksaccess.sso;

import dev.eksaccess.access.AccountId;
import dev.eksaccess.access.IamRoleArn;

/**
 * A permission set's reserved role in an account, or the fact that there is none because nobody holds the
 * permission set there.
 *
 * @param role null when not found
 */
public record ResolvedRole(String permissionSet, AccountId account, IamRoleArn role) {

    public ResolvedRole {
        PermissionSetName.check("permissionSet", permissionSet);
        if (account == null) {
            throw new IllegalArgumentException("account is required");
        }
    }

    public boolean found() {
        return role != null;
    }

    /** The ARN for aws-auth: no path. Null when not found. */
    public String roleArn() {
        return role == null ? null : role.awsAuthArn();
    }

    /** The ARN as IAM has it, path included (what EKS access entries want). Null when not found. */
    public String fullRoleArn() {
        return role == null ? null : role.value();
    }
}
