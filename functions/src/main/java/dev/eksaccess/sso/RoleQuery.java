package dev.eksaccess.sso;

import dev.eksaccess.access.AccountId;
import dev.eksaccess.access.ClusterRef;
import dev.eksaccess.access.InvalidInputException;
import dev.eksaccess.access.Printable;
import java.util.regex.Pattern;

/**
 * Which reserved role to look for: a permission set (by ARN or by name, exactly one) in an account, in
 * an Identity Center instance and region that default to the function's ({@link InstanceLocator}).
 *
 * @param permissionSetArn  null when given by name
 * @param permissionSetName null when given by ARN
 * @param instanceArn       null for the default instance
 * @param region            null for the default Identity Center region
 */
public record RoleQuery(AccountId account, String permissionSetArn, String permissionSetName, String instanceArn,
                        String region) {
    /** As loose as AccountAssignment's rule, so that emulators' ARN forms pass too. */
    private static final Pattern PERMISSION_SET_ARN = Pattern.compile("arn:[a-z-]{3,20}:sso:::[A-Za-z]+/[\\w./-]{1,1200}");

    public RoleQuery {
        if (account == null) {
            throw new InvalidInputException("accountId", "is required");
        }
        if ((permissionSetArn == null) == (permissionSetName == null)) {
            throw new InvalidInputException("permissionSetArn", "give exactly one of permissionSetArn and "
                    + "permissionSetName");
        }
        if (permissionSetArn != null && !PERMISSION_SET_ARN.matcher(permissionSetArn).matches()) {
            throw new InvalidInputException("permissionSetArn", "must be a permission set ARN such as arn:aws:sso:::"
                    + "permissionSet/ssoins-0123456789abcdef/ps-0123456789abcdef (got '" + Printable.of(permissionSetArn)
                    + "')");
        }
        if (permissionSetName != null) {
            PermissionSetName.check("permissionSetName", permissionSetName);
        }
        if (instanceArn != null) {
            IdentityCenterInstance.check("instanceArn", instanceArn);
        }
        if (region != null) {
            ClusterRef.checkRegion("region", region);
        }
    }
}
