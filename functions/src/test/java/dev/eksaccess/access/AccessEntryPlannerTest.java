package dev.eksaccess.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The access-entry decisions: wanted entry against the entries found, to the exact list of calls. */
class AccessEntryPlannerTest {
    static final String ROLE = "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/"
            + "AWSReservedSSO_AdministratorAccess_0123456789abcdef";
    static final String ADMIN_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
    static final String VIEW_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy";
    static final Map<String, String> MANAGED = Map.of(AccessEntryState.MANAGED_TAG, "true");

    static AccessChange.GrantIdentity grant(String username, String... groups) {
        return AccessChange.GrantIdentity.of(ROLE, username, List.of(groups));
    }

    static AccessEntryState entry(String arn, String username, List<String> groups, Map<String, String> tags,
                                  AccessPolicyGrant... policies) {
        return new AccessEntryState(arn, "STANDARD", username, groups, tags, List.of(policies));
    }

    static AccessPolicyGrant view(String... namespaces) {
        return new AccessPolicyGrant("AmazonEKSViewPolicy", List.of(namespaces));
    }

    @Test
    void aNewManagedGrantCreatesTheTaggedEntryWithItsFullArnAndMapsMastersToClusterAdmin() {
        AccessEntryPlan plan = AccessEntryPlanner.plan(grant("admin:{{SessionName}}", "system:masters", "ops").asManaged(),
                List.of());
        assertEquals(List.of(
                new AccessEntryCall.Create(ROLE, "admin:{{SessionName}}", List.of("ops"), MANAGED),
                new AccessEntryCall.Associate(ROLE, ADMIN_POLICY, AccessPolicyGrant.clusterAdmin())), plan.calls());
        assertTrue(plan.diff().contains("+ access entry " + ROLE), plan.diff());
        assertTrue(plan.diff().contains("+ access policy AmazonEKSClusterAdminPolicy (cluster)"), plan.diff());
    }

    @Test
    void aDirectGrantIsNotTaggedAndNamesItsPoliciesInThePrincipalsPartition() {
        String cn = "arn:aws-cn:iam::111122223333:role/dev";
        AccessChange.GrantIdentity g = AccessChange.GrantIdentity.of(cn, "dev", List.of())
                .withAccessPolicies(List.of(view("team-b", "team-a")));
        assertEquals(List.of(new AccessEntryCall.Create(cn, "dev", List.of(), Map.of()),
                new AccessEntryCall.Associate(cn, "arn:aws-cn:eks::aws:cluster-access-policy/AmazonEKSViewPolicy",
                        view("team-a", "team-b"))), AccessEntryPlanner.plan(g, List.of()).calls());
    }

    @Test
    void anEntryAlreadyAsWantedGetsNoCall() {
        AccessEntryState same = entry(ROLE, "admin:{{SessionName}}", List.of("ops"), MANAGED,
                AccessPolicyGrant.clusterAdmin());
        AccessEntryPlan plan = AccessEntryPlanner.plan(grant("admin:{{SessionName}}", "ops", "system:masters").asManaged(),
                List.of(same));
        assertFalse(plan.changed());
        assertEquals("", plan.diff());
        assertTrue(plan.summary().contains("already as requested"), plan.summary());
    }

    @Test
    void onlyWhatDiffersIsWritten() {
        AccessEntryState before = entry(ROLE, "old", List.of("ops", "gone"), Map.of(), view("team-a"),
                new AccessPolicyGrant("AmazonEKSEditPolicy", List.of()));
        AccessChange.GrantIdentity g = grant("new", "ops").withAccessPolicies(List.of(view()));
        assertEquals(List.of(
                new AccessEntryCall.Update(ROLE, "new", List.of("ops"), "old", List.of("ops", "gone")),
                new AccessEntryCall.Associate(ROLE, VIEW_POLICY, view()),
                new AccessEntryCall.Disassociate(ROLE, "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy",
                        new AccessPolicyGrant("AmazonEKSEditPolicy", List.of()))),
                AccessEntryPlanner.plan(g, List.of(before)).calls());
    }

    @Test
    void noUsernameKeepsTheOneEksGeneratedAndGroupOrderDoesNotMatter() {
        AccessEntryState before = entry(ROLE, "arn:aws:sts::111122223333:assumed-role/X/{{SessionName}}",
                List.of("b", "a"), Map.of());
        assertFalse(AccessEntryPlanner.plan(grant(null, "a", "b"), List.of(before)).changed());
    }

    @Test
    void aManagedGrantNeverTakesOverAHandMadeEntry() {
        AccessEntryState handMade = entry(ROLE, "break-glass", List.of(), Map.of(), AccessPolicyGrant.clusterAdmin());
        AccessEntryPlan plan = AccessEntryPlanner.plan(grant("admin", "ops").asManaged(), List.of(handMade));
        assertFalse(plan.changed());
        assertTrue(plan.summary().contains("hand-made"), plan.summary());
        assertTrue(AccessEntryPlanner.plan(grant("admin", "ops"), List.of(handMade)).changed(),
                "a direct grant may change it");
    }

    @Test
    void nodeEntriesAreNeverChangedOrRemoved() {
        AccessEntryState node = new AccessEntryState(ROLE, "EC2_LINUX", "system:node:{{EC2PrivateDNSName}}", List.of(),
                Map.of(), List.of());
        assertThrows(AccessRefusedException.class, () -> AccessEntryPlanner.plan(grant("admin"), List.of(node)));
        assertThrows(AccessRefusedException.class,
                () -> AccessEntryPlanner.plan(AccessChange.RevokeIdentity.of(ROLE), List.of(node)));
        AccessChange.RevokeManaged managed = new AccessChange.RevokeManaged(new AccountId("111122223333"),
                java.util.regex.Pattern.compile("AWSReservedSSO_AdministratorAccess_[0-9a-f]{16}"), "permission set A");
        AccessEntryState taggedNode = new AccessEntryState(ROLE, "EC2_LINUX", null, List.of(), MANAGED, List.of());
        assertFalse(AccessEntryPlanner.plan(managed, List.of(taggedNode)).changed());
    }

    @Test
    void reservedUsernamesAndSystemGroupsAreRefusedBeforeAnything() {
        for (String reserved : List.of("system:admin", "eks:x", "aws:x", "amazon:x", "iam:x")) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> AccessEntryPlanner.plan(grant(reserved), List.of()));
            assertEquals("username", e.field());
        }
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> AccessEntryPlanner.plan(grant("u", "ops", "system:authenticated"), List.of()));
        assertEquals("groups[1]", e.field());
        assertThrows(AccessRefusedException.class, () -> AccessEntryPlanner.plan(grant("u", "system:nodes"), List.of()));
    }

    @Test
    void aDirectRevokeRemovesEveryEntryOfTheIdentityWithOrWithoutPath() {
        String bare = "arn:aws:iam::111122223333:role/AWSReservedSSO_AdministratorAccess_0123456789abcdef";
        assertTrue(AccessEntryPlanner.concerns(AccessChange.RevokeIdentity.of(bare), ROLE));
        assertFalse(AccessEntryPlanner.concerns(AccessChange.RevokeIdentity.of(bare),
                "arn:aws:iam::222222222222:role/AWSReservedSSO_AdministratorAccess_0123456789abcdef"));
        AccessEntryPlan plan = AccessEntryPlanner.plan(AccessChange.RevokeIdentity.of(bare),
                List.of(entry(ROLE, "x", List.of(), Map.of())));
        assertEquals(List.of(new AccessEntryCall.Delete(ROLE)), plan.calls());
        assertFalse(AccessEntryPlanner.plan(AccessChange.RevokeIdentity.of(bare), List.of()).changed());
    }

    @Test
    void aManagedRevokeRemovesOnlyTaggedEntriesOfThePatternAndReportsHandMadeOnes() {
        AccessChange.RevokeManaged revoke = new AccessChange.RevokeManaged(new AccountId("111122223333"),
                java.util.regex.Pattern.compile("AWSReservedSSO_AdministratorAccess_[0-9a-f]{16}"),
                "permission set AdministratorAccess");
        String other = "arn:aws:iam::111122223333:role/AWSReservedSSO_AdministratorAccess_fedcba9876543210";
        assertTrue(AccessEntryPlanner.concerns(revoke, ROLE));
        assertFalse(AccessEntryPlanner.concerns(revoke, "arn:aws:iam::111122223333:role/AWSReservedSSO_ReadOnly_"
                + "0123456789abcdef"));
        AccessEntryPlan plan = AccessEntryPlanner.plan(revoke, List.of(entry(ROLE, "a", List.of(), MANAGED),
                entry(other, "b", List.of(), Map.of())));
        assertEquals(List.of(new AccessEntryCall.Delete(ROLE)), plan.calls());
        assertTrue(plan.summary().contains("1 hand-made entry left as it is"), plan.summary());
    }

    @Test
    void accountChangesHaveNoAccessEntryForm() {
        assertThrows(AccessRefusedException.class, () -> AccessEntryPlanner.plan(
                new AccessChange.GrantAccount(new AccountId("444455556666")), List.of()));
    }
}
