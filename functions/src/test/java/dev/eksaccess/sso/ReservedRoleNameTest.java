package dev.eksaccess.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.access.IamRoleArn;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Finding a permission set's reserved role among the roles IAM lists. */
class ReservedRoleNameTest {
    static IamRoleArn role(String pathAndName) {
        return IamRoleArn.parse("arn", "arn:aws:iam::111122223333:role" + pathAndName);
    }

    @Test
    void bothReservedPathFormsAreFound() {
        IamRoleArn global = role("/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_0123456789abcdef");
        IamRoleArn regional = role("/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_AdministratorAccess_0123456789abcdef");
        assertEquals(Optional.of(global), ReservedRoleName.pick("AdministratorAccess", List.of(global)));
        assertEquals(Optional.of(regional), ReservedRoleName.pick("AdministratorAccess", List.of(regional)));
    }

    @Test
    void theNameIsMatchedWholeAndCaseInsensitively() {
        IamRoleArn admin = role("/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_0123456789abcdef");
        IamRoleArn adminX = role("/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccessX_0123456789abcdef");
        assertEquals(Optional.of(admin), ReservedRoleName.pick("administratoraccess", List.of(adminX, admin)));
        assertEquals(Optional.empty(), ReservedRoleName.pick("Administrator", List.of(admin, adminX)));
        assertTrue(ReservedRoleName.pattern("AdministratorAccess").matcher("awsreservedsso_administratoraccess_0123456789ABCDEF").matches());
        assertFalse(ReservedRoleName.pattern("AdministratorAccess").matcher("AWSReservedSSO_AdministratorAccess_0123456789abcde").matches());
    }

    @Test
    void regexCharactersInPermissionSetNamesAreLiteral() {
        IamRoleArn dotted = role("/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Ops.Admin+1_0123456789abcdef");
        IamRoleArn lookalike = role("/aws-reserved/sso.amazonaws.com/AWSReservedSSO_OpsXAdmin1_0123456789abcdef");
        assertEquals(Optional.of(dotted), ReservedRoleName.pick("Ops.Admin+1", List.of(lookalike, dotted)));
    }

    @Test
    void aLookalikeRoleOutsideTheReservedPathIsNotTaken() {
        IamRoleArn planted = role("/AWSReservedSSO_AdministratorAccess_0123456789abcdef");
        IamRoleArn deeper = role("/aws-reserved/sso.amazonaws.com/eu-west-1/extra/AWSReservedSSO_AdministratorAccess_0123456789abcdef");
        assertEquals(Optional.empty(), ReservedRoleName.pick("AdministratorAccess", List.of(planted, deeper)));
    }

    @Test
    void twoCandidatesAreAnErrorRatherThanAGuess() {
        IamRoleArn a = role("/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_0123456789abcdef");
        IamRoleArn b = role("/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_AdministratorAccess_fedcba9876543210");
        assertThrows(IllegalStateException.class, () -> ReservedRoleName.pick("AdministratorAccess", List.of(a, b)));
    }
}
