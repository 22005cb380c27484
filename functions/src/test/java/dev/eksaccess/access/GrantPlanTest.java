package dev.eksaccess.access;

import static dev.eksaccess.access.AwsAuthFixtures.SSO_ADMIN;
import static dev.eksaccess.access.AwsAuthFixtures.SSO_ADMIN_GLOBAL;
import static dev.eksaccess.access.AwsAuthFixtures.SSO_ADMIN_REGIONAL;
import static dev.eksaccess.access.AwsAuthFixtures.arns;
import static dev.eksaccess.access.AwsAuthFixtures.entry;
import static dev.eksaccess.access.AwsAuthFixtures.fixture;
import static dev.eksaccess.access.AwsAuthFixtures.grant;
import static dev.eksaccess.access.AwsAuthFixtures.plan;
import static dev.eksaccess.access.AwsAuthFixtures.reparse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class GrantPlanTest {
    private static final String DEVELOPERS = "arn:aws:iam::111122223333:role/developers";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"empty.yaml", "other-keys-only.yaml", "blank-sections.yaml"})
    void grantIntoADocumentWithoutEntriesAddsTheEntry(String fixtureName) {
        Map<String, String> data = fixture(fixtureName);
        AccessPlan plan = plan(data, grant(DEVELOPERS, "dev:{{SessionName}}", "dev"));

        assertTrue(plan.changed());
        assertEquals(Set.of(AwsAuthSection.MAP_ROLES), plan.sections());
        Map<String, String> written = plan.apply(data);
        AwsAuthDocument after = reparse(written);
        assertEquals(List.of(new IdentityMapping(DEVELOPERS, "dev:{{SessionName}}", List.of("dev"), Map.of())),
                after.roles());
        assertEquals(List.of(), after.users());
        assertEquals(List.of(), after.accounts());
        Set<String> expectedKeys = new HashSet<>(data.keySet());
        expectedKeys.add("mapRoles");
        assertEquals(expectedKeys, written.keySet(), "no other data key is added or dropped");
        data.forEach((key, text) -> {
            if (!key.equals("mapRoles")) {
                assertEquals(text, written.get(key), key + " keeps its exact text");
            }
        });
    }

    @Test
    void grantIntoAConfigMapWithNoDataAtAll() {
        AccessPlan plan = AccessPlanner.plan(AwsAuthDocument.parse(null), grant(DEVELOPERS, "dev", "dev"));
        Map<String, String> written = plan.apply(null);
        assertEquals(Set.of("mapRoles"), written.keySet());
        assertEquals(List.of(DEVELOPERS), arns(reparse(written).roles()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {SSO_ADMIN_REGIONAL, SSO_ADMIN_GLOBAL})
    void ssoRoleIsWrittenWithoutItsPathAndTheSummarySaysSo(String ssoRoleArn) {
        Map<String, String> data = fixture("eks-default.yaml");
        AccessPlan plan = plan(data, grant(ssoRoleArn, "admin:{{SessionName}}", "system:masters"));
        Map<String, String> written = plan.apply(data);

        assertEquals(SSO_ADMIN, entry(reparse(written).roles(), SSO_ADMIN).arn());
        assertFalse(written.get("mapRoles").contains("aws-reserved"), written.get("mapRoles"));
        String path = ssoRoleArn.substring(ssoRoleArn.indexOf("/aws-reserved"), ssoRoleArn.lastIndexOf('/') + 1);
        assertTrue(plan.summary().contains("path " + path + " removed"), plan.summary());
        assertTrue(plan.summary().startsWith("add " + SSO_ADMIN + " to mapRoles"), plan.summary());
    }

    @Test
    void grantOfARoleWithoutPathDoesNotTalkAboutPaths() {
        AccessPlan plan = plan(fixture("eks-default.yaml"), grant(DEVELOPERS, "dev", "dev"));
        assertEquals("add " + DEVELOPERS + " to mapRoles", plan.summary());
    }

    @Test
    void duplicatesInMixedCaseBecomeOneEntryAtThePositionOfTheLast() {
        Map<String, String> data = fixture("duplicates-mixed-case.yaml");
        AccessPlan plan = plan(data, grant(SSO_ADMIN_REGIONAL, "admin:{{SessionName}}", "system:masters"));
        List<IdentityMapping> roles = reparse(plan.apply(data)).roles();

        assertEquals(List.of("arn:aws:iam::111122223333:role/eks-node", DEVELOPERS, SSO_ADMIN,
                "arn:aws:iam::111122223333:role/viewers"), arns(roles));
        IdentityMapping admin = roles.get(2);
        assertEquals("admin:{{SessionName}}", admin.username());
        assertEquals(List.of("system:masters"), admin.groups());
        assertEquals(Map.of("ticket", "OPS-1234", "labels", Map.of("team", "platform")), admin.extra(),
                "the unknown fields of the last entry, which the authenticator used, survive");
        assertTrue(plan.summary().startsWith("replace 4 entries for " + SSO_ADMIN + " in mapRoles with one"),
                plan.summary());
    }

    @Test
    void updatingAnEntryKeepsItsPositionAndUnknownFieldsAndEveryOtherEntry() {
        Map<String, String> data = fixture("unknown-fields.yaml");
        List<IdentityMapping> before = reparse(data).roles();
        AccessPlan plan = plan(data, grant("arn:aws:iam::111122223333:role/second", "second", "edit", "view"));
        List<IdentityMapping> after = reparse(plan.apply(data)).roles();

        assertEquals(3, after.size());
        assertEquals(before.get(0), after.get(0));
        assertEquals(before.get(2), after.get(2), "a hand-made entry that breaks our input rules is kept as written");
        assertEquals("legacy admin", after.get(2).username());
        IdentityMapping second = after.get(1);
        assertEquals(List.of("edit", "view"), second.groups());
        assertEquals(before.get(1).extra(), second.extra());
        assertEquals(List.of("x-ticket", "priority", "enabled", "ratio", "notes", "tags", "annotations"),
                List.copyOf(second.extra().keySet()), "unknown fields keep their order");
        assertEquals(7, second.extra().get("priority"));
        assertEquals(true, second.extra().get("enabled"));
        assertEquals(0.5, second.extra().get("ratio"));
        assertTrue(second.extra().containsKey("notes") && second.extra().get("notes") == null);
        assertEquals("update arn:aws:iam::111122223333:role/second in mapRoles", plan.summary());
    }

    @Test
    void addingAnEntryAppendsItAndKeepsTheOthersInOrder() {
        Map<String, String> data = fixture("unknown-fields.yaml");
        List<IdentityMapping> before = reparse(data).roles();
        Map<String, String> written = plan(data, grant("arn:aws:iam::111122223333:role/fourth", "fourth")).apply(data);
        List<IdentityMapping> after = reparse(written).roles();

        assertEquals(before, after.subList(0, 3));
        assertEquals(new IdentityMapping("arn:aws:iam::111122223333:role/fourth", "fourth", List.of(), Map.of()),
                after.get(3));
        assertEquals(data.get("mapUsers"), written.get("mapUsers"));
        assertEquals(data.get("extraKey"), written.get("extraKey"));
    }

    @Test
    void sectionsThatDoNotChangeKeepTheirTextByteForByte() {
        Map<String, String> data = fixture("eks-default.yaml");
        AccessPlan plan = plan(data, grant(DEVELOPERS, "dev", "dev"));
        Map<String, String> written = plan.apply(data);

        assertEquals(Set.of(AwsAuthSection.MAP_ROLES), plan.sections());
        assertEquals(data.get("mapUsers"), written.get("mapUsers"));
        assertTrue(written.get("mapUsers").contains("# break-glass users; keep this comment"));
        assertEquals(data.get("mapAccounts"), written.get("mapAccounts"));
        assertEquals(data.get("otherKey"), written.get("otherKey"));
        assertEquals(List.copyOf(data.keySet()), List.copyOf(written.keySet()), "data keys keep their order");
        assertEquals(reparse(data).roles(), reparse(written).roles().subList(0, 2), "node role and admin kept");
    }

    @Test
    void grantingAUserRewritesOnlyMapUsers() {
        Map<String, String> data = fixture("eks-default.yaml");
        AccessPlan plan = plan(data, grant("arn:aws:iam::111122223333:user/ops/erin", "erin", "view"));
        Map<String, String> written = plan.apply(data);

        assertEquals(Set.of(AwsAuthSection.MAP_USERS), plan.sections());
        assertEquals(data.get("mapRoles"), written.get("mapRoles"));
        assertEquals(List.of("arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:user/ops/bob",
                "arn:aws:iam::111122223333:user/ops/erin"), arns(reparse(written).users()),
                "user ARNs keep their path");
    }

    @Test
    void diffOfAnAddShowsTheNewEntryUnderItsSection() {
        AccessPlan plan = plan(fixture("eks-default.yaml"), grant(DEVELOPERS, "dev:{{SessionName}}", "dev"));
        assertEquals("""
                @@ mapRoles @@
                + - rolearn: arn:aws:iam::111122223333:role/developers
                +   username: dev:{{SessionName}}
                +   groups:
                +   - dev
                """, plan.diff());
    }

    @Test
    void diffOfAReplaceShowsRemovedAndAddedEntries() {
        AccessPlan plan = plan(fixture("duplicates-mixed-case.yaml"), grant(SSO_ADMIN_REGIONAL, "admin", "system:masters"));
        List<String> lines = plan.diff().lines().toList();

        assertEquals("@@ mapRoles @@", lines.get(0));
        assertTrue(lines.contains("- - rolearn: " + SSO_ADMIN_REGIONAL), plan.diff());
        assertTrue(lines.contains("-   username: shouting-admin"), plan.diff());
        assertTrue(lines.contains("-   username: old-admin"), plan.diff());
        assertTrue(lines.contains("+ - rolearn: " + SSO_ADMIN), plan.diff());
        assertTrue(lines.contains("+   username: admin"), plan.diff());
        assertTrue(lines.contains("+   ticket: OPS-1234"), plan.diff());
        assertTrue(lines.stream().skip(1).allMatch(l -> l.startsWith("+ ") || l.startsWith("- ")), plan.diff());
        // Untouched entries between the collapsed duplicates are not shown as removed and re-added.
        assertTrue(lines.stream().noneMatch(l -> l.contains("eks-node") || l.contains("role/developers")), plan.diff());
    }

    static Stream<Arguments> grants() {
        return Stream.of(
                Arguments.of("new role into eks-default", "eks-default.yaml", grant(DEVELOPERS, "dev", "dev")),
                Arguments.of("SSO role with regional path", "eks-default.yaml",
                        grant(SSO_ADMIN_REGIONAL, "admin:{{SessionName}}", "system:masters")),
                Arguments.of("SSO role over duplicates", "duplicates-mixed-case.yaml",
                        grant(SSO_ADMIN_GLOBAL, "admin", "system:masters")),
                Arguments.of("user with path", "eks-default.yaml",
                        grant("arn:aws:iam::111122223333:user/ops/bob", "bob", "edit")),
                Arguments.of("update keeping unknown fields", "unknown-fields.yaml",
                        grant("arn:aws:iam::111122223333:role/second", "second", "view")),
                Arguments.of("groups that need quoting", "empty.yaml",
                        grant(DEVELOPERS, "123", "yes", "on", "0x1F")),
                Arguments.of("no username, no groups", "empty.yaml", grant(DEVELOPERS, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("grants")
    void replayingAGrantOnItsOwnResultChangesNothing(String description, String fixtureName,
                                                     AccessChange.GrantIdentity grant) {
        Map<String, String> data = fixture(fixtureName);
        Map<String, String> once = plan(data, grant).apply(data);
        AccessPlan replay = plan(once, grant);

        assertFalse(replay.changed());
        assertEquals("", replay.diff());
        assertEquals(Set.of(), replay.sections());
        assertEquals(once, replay.apply(once));
        assertTrue(replay.summary().endsWith("is already mapped as requested in " + grant.arn().section().key()),
                replay.summary());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"AccountID", "SessionName", "SessionNameRaw", "AccessKeyID", "EC2PrivateDNSName"})
    void authenticatorPlaceholdersAreAcceptedInUsernameAndGroups(String placeholder) {
        String p = "{{" + placeholder + "}}";
        Map<String, String> data = fixture("empty.yaml");
        Map<String, String> written = plan(data, grant(DEVELOPERS, p, p, "team-" + p, p + ":x")).apply(data);

        IdentityMapping entry = entry(reparse(written).roles(), DEVELOPERS);
        assertEquals(p, entry.username());
        assertEquals(List.of(p, "team-" + p, p + ":x"), entry.groups());
    }

    @Test
    void repeatedGroupsInARequestAreWrittenOnce() {
        Map<String, String> data = fixture("empty.yaml");
        Map<String, String> written = plan(data, grant(DEVELOPERS, "dev", "view", "edit", "view")).apply(data);
        assertEquals(List.of("view", "edit"), entry(reparse(written).roles(), DEVELOPERS).groups());
    }

    @Test
    void grantWithoutUsernameOrGroupsWritesOnlyTheArn() {
        Map<String, String> data = fixture("empty.yaml");
        Map<String, String> written = plan(data, grant(DEVELOPERS, null)).apply(data);
        assertEquals("- rolearn: " + DEVELOPERS + "\n", written.get("mapRoles"));
    }
}
