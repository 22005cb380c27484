package dev.eksaccess.sso;

import dev.eksaccess.access.AccountId;
import java.util.List;
import java.util.Map;

/** The IAM Identity Center (sso-admin) calls the functions make, in the instance's region. */
public interface IdentityCenter {

    /** The instances visible in {@code region} (ListInstances): an organization has at most one. */
    List<String> instances(String region);

    /** Every permission set of the instance, name to ARN (ListPermissionSets, then DescribePermissionSet each). */
    Map<String, String> permissionSets(IdentityCenterInstance instance);

    /** A permission set's name (DescribePermissionSet). */
    String permissionSetName(IdentityCenterInstance instance, String permissionSetArn);

    /** The accounts the permission set is provisioned to (ListAccountsForProvisionedPermissionSet, all pages). */
    List<AccountId> accountsWithPermissionSet(IdentityCenterInstance instance, String permissionSetArn);

    /** Who holds the permission set in the account now (ListAccountAssignments, all pages). */
    List<AssignedPrincipal> principals(IdentityCenterInstance instance, AccountId account, String permissionSetArn);

    /** Where the creation of this assignment is (DescribeAccountAssignmentCreationStatus). */
    ProvisioningStatus creationStatus(AccountAssignment assignment);

    /** Where the deletion of this assignment is (DescribeAccountAssignmentDeletionStatus). */
    ProvisioningStatus deletionStatus(AccountAssignment assignment);

    /** The assignment's permission set name. */
    default String permissionSetName(AccountAssignment a) {
        return permissionSetName(a.instance(), a.permissionSetArn());
    }

    /** Who holds the assignment's permission set in its account now. */
    default List<AssignedPrincipal> principals(AccountAssignment a) {
        return principals(a.instance(), a.account(), a.permissionSetArn());
    }
}
