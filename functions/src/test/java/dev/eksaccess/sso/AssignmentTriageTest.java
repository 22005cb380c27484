package dev.eksaccess.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.access.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which events are acted on, and when a deletion leaves the permission set held by others. */
class AssignmentTriageTest {
    static final String INSTANCE = "arn:aws:sso:::instance/ssoins-6804a1b2c3d4e5f6";
    static final String PS = "arn:aws:sso:::permissionSet/ssoins-6804a1b2c3d4e5f6/ps-2f3e4d5c6b7a8091";
    static final String USER = "93670f2e5c-4b1d7a28-6c3e-4f90-a1b2-7d8e9f0a1b2c";

    static AssignmentEvent event(String name, String errorCode, String targetType, String targetId) {
        return new AssignmentEvent("7c1e5a2b-3d4f-4a6b-9c8d-0e1f2a3b4c5d", "aws.sso", "AWS API Call via CloudTrail",
                "sso.amazonaws.com", name, "eu-west-1", "arn:aws:sts::999988887777:assumed-role/Admin/jane",
                errorCode, errorCode == null ? null : "denied", INSTANCE, targetId, targetType, PS, "USER", USER,
                "3f6c8e2a-7b1d-4c9e-a5f0-2d8b6e4c1a97");
    }

    @Test
    void aSuccessfulCreateForAnAccountIsActedOn() {
        AssignmentTriage.Act act = assertInstanceOf(AssignmentTriage.Act.class,
                AssignmentTriage.triage(event("CreateAccountAssignment", null, "AWS_ACCOUNT", "111122223333")));
        AccountAssignment a = act.assignment();
        assertEquals(AccountAssignment.Kind.CREATE, a.kind());
        assertEquals("111122223333", a.account().value());
        assertEquals("eu-west-1", a.region());
        assertEquals(AccountAssignment.Kind.DELETE, ((AssignmentTriage.Act) AssignmentTriage.triage(
                event("DeleteAccountAssignment", null, "AWS_ACCOUNT", "111122223333"))).assignment().kind());
    }

    @Test
    void aFailedCallIsIgnoredWhateverElseItSays() {
        AssignmentTriage.Ignore ignore = assertInstanceOf(AssignmentTriage.Ignore.class, AssignmentTriage.triage(
                event("CreateAccountAssignment", "AccessDenied", "AWS_ACCOUNT", "not-an-account")));
        assertTrue(ignore.reason().contains("AccessDenied"), ignore.reason());
    }

    @Test
    void otherTargetTypesAndOtherCallsAreIgnored() {
        assertTrue(((AssignmentTriage.Ignore) AssignmentTriage.triage(
                event("CreateAccountAssignment", null, "AWS_OU", "ou-abcd-12345678"))).reason().contains("AWS_OU"));
        assertInstanceOf(AssignmentTriage.Ignore.class, AssignmentTriage.triage(
                event("CreatePermissionSet", null, "AWS_ACCOUNT", "111122223333")));
        AssignmentEvent otherSource = new AssignmentEvent("x", "aws.iam", "AWS API Call via CloudTrail",
                "iam.amazonaws.com", "CreateAccountAssignment", "eu-west-1", null, null, null, INSTANCE,
                "111122223333", "AWS_ACCOUNT", PS, "USER", USER, null);
        assertInstanceOf(AssignmentTriage.Ignore.class, AssignmentTriage.triage(otherSource));
    }

    @Test
    void anActionableEventWithAMalformedFieldNamesItsJsonPath() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AssignmentTriage.triage(
                event("CreateAccountAssignment", null, "AWS_ACCOUNT", "1111")));
        assertEquals("detail.requestParameters.targetId", e.field());
        AssignmentEvent badPrincipal = new AssignmentEvent("x", "aws.sso", "AWS API Call via CloudTrail",
                "sso.amazonaws.com", "DeleteAccountAssignment", "eu-west-1", null, null, null, INSTANCE,
                "111122223333", "AWS_ACCOUNT", PS, "ROLE", USER, null);
        assertEquals("detail.requestParameters.principalType", assertThrows(InvalidInputException.class,
                () -> AssignmentTriage.triage(badPrincipal)).field());
    }

    @Test
    void theRemovedPrincipalDoesNotCountAsStillHoldingThePermissionSet() {
        AccountAssignment removed = ((AssignmentTriage.Act) AssignmentTriage.triage(
                event("DeleteAccountAssignment", null, "AWS_ACCOUNT", "111122223333"))).assignment();
        assertEquals(List.of(), AssignmentTriage.othersThan(removed, List.of(new AssignedPrincipal("USER", USER))));
        AssignedPrincipal group = new AssignedPrincipal("GROUP", USER); // same id, other type: someone else
        assertEquals(List.of(group), AssignmentTriage.othersThan(removed,
                List.of(new AssignedPrincipal("USER", USER), group, group)));
    }
}
