package dev.eksaccess.access;

import static dev.eksaccess.access.AwsAuthFixtures.SSO_ADMIN;
import static dev.eksaccess.access.AwsAuthFixtures.SSO_ADMIN_REGIONAL;
import static dev.eksaccess.access.AwsAuthFixtures.fixture;
import static dev.eksaccess.access.AwsAuthFixtures.grant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Safety rule 7: automatic paths record what they create and remove only that. */
class ManagedEntriesTest {
    static final Pattern ADMIN_ROLE = Pattern.compile("AWSReservedSSO_AdministratorAccess_[0-9a-f]{16}");
    static final AccessChange.RevokeManaged REVOKE_ADMIN =
            new AccessChange.RevokeManaged(new AccountId("111122223333"), ADMIN_ROLE, "permission set AdministratorAccess");

    @Test
    void aManagedGrantRecordsTheEntryInTheAnnotation() {
        AccessPlan plan = AccessPlanner.plan(AwsAuthDocument.EMPTY, ManagedArns.NONE,
                grant(SSO_ADMIN_REGIONAL, "admin:{{SessionName}}", "system:masters").asManaged());
        assertTrue(plan.changed());
        Map<String, String> annotations = plan.applyAnnotations(Map.of("other", "kept"));
        assertEquals(SSO_ADMIN.toLowerCase(), annotations.get(ManagedArns.ANNOTATION));
        assertEquals("kept", annotations.get("other"));
    }

    @Test
    void aManagedGrantLeavesAHandMadeEntryAsItIs() {
        AwsAuthDocument doc = AwsAuthDocument.parse(fixture("duplicates-mixed-case.yaml"));
        AccessPlan plan = AccessPlanner.plan(doc, ManagedArns.NONE,
                grant(SSO_ADMIN_REGIONAL, "someone-else", "system:masters").asManaged());
        assertFalse(plan.changed());
        assertTrue(plan.summary().contains("hand-made"), plan.summary());
        assertEquals(Map.of(), plan.applyAnnotations(Map.of()));
    }

    @Test
    void aManagedGrantUpdatesItsOwnEntryAndReplaysAreNoOps() {
        AccessChange.GrantIdentity first = grant(SSO_ADMIN_REGIONAL, "admin", "system:masters").asManaged();
        AccessPlan created = AccessPlanner.plan(AwsAuthDocument.EMPTY, ManagedArns.NONE, first);
        AccessPlan replay = AccessPlanner.plan(created.after(), created.managedAfter(), first);
        assertFalse(replay.changed());
        AccessPlan updated = AccessPlanner.plan(created.after(), created.managedAfter(),
                grant(SSO_ADMIN_REGIONAL, "admin", "system:masters", "viewers").asManaged());
        assertTrue(updated.changed());
        assertEquals(List.of("system:masters", "viewers"), updated.after().roles().get(0).groups());
    }

    @Test
    void revokeManagedRemovesOnlyManagedEntriesOfThatAccountAndPattern() {
        String oldSuffix = "arn:aws:iam::111122223333:role/AWSReservedSSO_AdministratorAccess_aaaaaaaaaaaaaaaa";
        String otherAccount = "arn:aws:iam::222222222222:role/AWSReservedSSO_AdministratorAccess_0123456789abcdef";
        String handMade = "arn:aws:iam::111122223333:role/AWSReservedSSO_AdministratorAccess_bbbbbbbbbbbbbbbb";
        String otherSet = "arn:aws:iam::111122223333:role/AWSReservedSSO_ReadOnlyAccess_0123456789abcdef";
        AwsAuthDocument doc = new AwsAuthDocument(List.of(
                new IdentityMapping(SSO_ADMIN, "admin", List.of("system:masters"), Map.of()),
                new IdentityMapping(oldSuffix, "admin", List.of("system:masters"), Map.of()),
                new IdentityMapping(otherAccount, "admin", List.of("system:masters"), Map.of()),
                new IdentityMapping(handMade, "admin", List.of("system:masters"), Map.of()),
                new IdentityMapping(otherSet, "viewer", List.of("view"), Map.of())), List.of(), List.of());
        String stale = "arn:aws:iam::111122223333:role/awsreservedsso_administratoraccess_cccccccccccccccc";
        ManagedArns managed = new ManagedArns(java.util.Set.of(SSO_ADMIN, oldSuffix, otherAccount, otherSet, stale));

        AccessPlan plan = AccessPlanner.plan(doc, managed, REVOKE_ADMIN);

        assertEquals(List.of(otherAccount, handMade, otherSet),
                plan.after().roles().stream().map(IdentityMapping::arn).toList());
        assertEquals(new ManagedArns(java.util.Set.of(otherAccount, otherSet)), plan.managedAfter());
        assertTrue(plan.summary().contains("remove 2 managed"), plan.summary());
        assertTrue(plan.summary().contains("1 hand-made entry left as it is"), plan.summary());
        assertFalse(AccessPlanner.plan(plan.after(), plan.managedAfter(), REVOKE_ADMIN).changed(), "replay");
    }

    @Test
    void aDirectRevokeAlsoForgetsTheManagedRecord() {
        AccessPlan created = AccessPlanner.plan(AwsAuthDocument.EMPTY, ManagedArns.NONE,
                grant(SSO_ADMIN_REGIONAL, "admin", "system:masters").asManaged());
        AccessPlan revoked = AccessPlanner.plan(created.after(), created.managedAfter(),
                AccessChange.RevokeIdentity.of(SSO_ADMIN_REGIONAL));
        assertTrue(revoked.after().roles().isEmpty());
        assertEquals(ManagedArns.NONE, revoked.managedAfter());
        assertEquals(Map.of("x", "y"), revoked.applyAnnotations(Map.of("x", "y", ManagedArns.ANNOTATION, "a")));
    }

    @Test
    void theAnnotationIsOneArnPerLineAndSurvivesCommasInNames() {
        ManagedArns read = ManagedArns.fromAnnotations(Map.of(ManagedArns.ANNOTATION,
                " arn:aws:iam::111122223333:role/a,b\n\nARN:AWS:IAM::111122223333:ROLE/C \n"));
        assertTrue(read.contains("arn:aws:iam::111122223333:role/a,b"));
        assertTrue(read.contains("arn:aws:iam::111122223333:role/c"));
        assertEquals("arn:aws:iam::111122223333:role/a,b\narn:aws:iam::111122223333:role/c",
                read.writeInto(Map.of()).get(ManagedArns.ANNOTATION));
    }
}
