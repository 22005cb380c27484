package dev.eksaccess.sso;

import java.util.List;

/** The IAM Identity Center (sso-admin) calls this function makes, in the instance's region. */
public interface IdentityCenter {

    /** The permission set's name (DescribePermissionSet). */
    String permissionSetName(AccountAssignment assignment);

    /** Where the creation of this assignment is (DescribeAccountAssignmentCreationStatus). */
    ProvisioningStatus creationStatus(AccountAssignment assignment);

    /** Who holds the assignment's permission set in its account now (ListAccountAssignments, all pages). */
    List<AssignedPrincipal> principals(AccountAssignment assignment);
}
