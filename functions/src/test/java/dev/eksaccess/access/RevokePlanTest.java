package dev.eksaccess.access;

import static dev.eksaccess.access.AwsAuthFixtures.SSO_ADMIN;
import static dev.eksaccess.access.AwsAuthFixtures.SSO_ADMIN_REGIONAL;
import static dev.eksaccess.access.AwsAuthFixtures.arns;
import static dev.eksaccess.access.AwsAuthFixtures.fixture;
import static dev.eksaccess.access.AwsAuthFixtures.grant;
import static dev.eksaccess.access.AwsAuthFixtures.plan;
import static dev.eksaccess.access.AwsAuthFixtures.reparse;
import static dev.eksaccess.access.AwsAuthFixtures.revoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RevokePlanTest {
    private static final String PLATFORM_ADMIN = "arn:aws:iam::111122223333:role/platform-admin";
    private static final String NODE_ROLE =
            "arn:aws:iam::111122223333:role/eksctl-prod-nodegroup-ng-1-NodeInstanceRole-1A2B3C4D5E6F";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"empty.yaml", "other-keys-only.yaml", "blank-sections.yaml"})
    void revokeFromADocumentWithoutEntriesIsUnchanged(String fixtureName) {
        Map<String, String> data = fixture(fixtureName);
        AccessPlan plan = plan(data, revoke(SSO_ADMIN_REGIONAL));

        assertFalse(plan.changed());
        assertEquals("", plan.diff());
        assertEquals(Set.of(), plan.sections());
        assertEquals(data, plan.apply(data), "nothing is written, not even a normalised blank section");
        assertEquals(SSO_ADMIN + " is not in mapRoles; nothing to remove", plan.summary());
    }

    @Test
    void revokeRemovesEveryEntryForTheRoleWhateverItsCaseOrPath() {
        Map<String, String> data = fixture("duplicates-mixed-case.yaml");
        AccessPlan plan = plan(data, revoke(SSO_ADMIN));
        Map<String, String> written = plan.apply(data);

        assertTrue(plan.changed());
        assertEquals(List.of("arn:aws:iam::111122223333:role/eks-node", "arn:aws:iam::111122223333:role/developers",
                "arn:aws:iam::111122223333:role/viewers"), arns(reparse(written).roles()));
        assertEquals("remove 4 entries for " + SSO_ADMIN + " from mapRoles", plan.summary());
        assertFalse(written.get("mapRoles").toLowerCase().contains("awsreservedsso"), written.get("mapRoles"));
    }

    @Test
    void revokeGivenThePathFormRemovesThePathlessEntry() {
        Map<String, String> data = fixture("eks-default.yaml");
        Map<String, String> granted = plan(data, grant(SSO_ADMIN, "admin", "system:masters")).apply(data);
        Map<String, String> revoked = plan(granted, revoke(SSO_ADMIN_REGIONAL)).apply(granted);

        assertEquals(reparse(data).roles(), reparse(revoked).roles());
    }

    @Test
    void revokeKeepsTheNodeRoleOtherSectionsAndOtherKeys() {
        Map<String, String> data = fixture("eks-default.yaml");
        AccessPlan plan = plan(data, revoke(PLATFORM_ADMIN));
        Map<String, String> written = plan.apply(data);

        assertEquals(Set.of(AwsAuthSection.MAP_ROLES), plan.sections());
        assertEquals(List.of(NODE_ROLE), arns(reparse(written).roles()));
        assertEquals(reparse(data).roles().get(0), reparse(written).roles().get(0));
        assertEquals(data.get("mapUsers"), written.get("mapUsers"));
        assertEquals(data.get("mapAccounts"), written.get("mapAccounts"));
        assertEquals(data.get("otherKey"), written.get("otherKey"));
        assertEquals("remove 1 entry for " + PLATFORM_ADMIN + " from mapRoles", plan.summary());
    }

    @Test
    void revokeKeepsUnknownFieldsAndOrderOfTheRemainingEntries() {
        Map<String, String> data = fixture("unknown-fields.yaml");
        List<IdentityMapping> before = reparse(data).roles();
        Map<String, String> written = plan(data, revoke("arn:aws:iam::111122223333:role/second")).apply(data);

        assertEquals(List.of(before.get(0), before.get(2)), reparse(written).roles());
        assertEquals(data.get("mapUsers"), written.get("mapUsers"));
        assertEquals(data.get("extraKey"), written.get("extraKey"));
    }

    @Test
    void revokeOfTheOnlyEntryLeavesAnEmptyList() {
        Map<String, String> data = fixture("mixed-case-keys.yaml");
        Map<String, String> written = plan(data, revoke("arn:aws:iam::111122223333:role/legacy")).apply(data);

        assertEquals(List.of(), reparse(written).roles());
        assertEquals(data.get("mapUsers"), written.get("mapUsers"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            user with its path                 | arn:aws:iam::111122223333:user/ops/bob | 1
            user ARN in upper case             | arn:aws:iam::111122223333:user/ALICE   | 1
            same user name without its path    | arn:aws:iam::111122223333:user/bob     | 0
            same user name under another path  | arn:aws:iam::111122223333:user/dev/bob | 0
            user in another account            | arn:aws:iam::444455556666:user/alice   | 0
            """)
    void usersAreMatchedOnTheirFullArnIgnoringCase(String description, String userArn, int removed) {
        Map<String, String> data = fixture("eks-default.yaml");
        AccessPlan plan = plan(data, revoke(userArn));
        assertEquals(removed == 1, plan.changed(), plan.summary());
        assertEquals(2 - removed, reparse(plan.apply(data)).users().size());
        assertEquals(data.get("mapRoles"), plan.apply(data).get("mapRoles"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "arn:aws:iam::111122223333:role/not-there",
        "arn:aws:iam::444455556666:role/platform-admin",
        "arn:aws-cn:iam::111122223333:role/platform-admin",
        "arn:aws:iam::111122223333:user/platform-admin",
    })
    void revokeOfAnAbsentIdentityIsUnchanged(String arn) {
        Map<String, String> data = fixture("eks-default.yaml");
        AccessPlan plan = plan(data, revoke(arn));

        assertFalse(plan.changed());
        assertEquals("", plan.diff());
        assertEquals(data, plan.apply(data));
        assertTrue(plan.summary().endsWith("nothing to remove"), plan.summary());
    }

    @Test
    void replayingARevokeOnItsOwnResultChangesNothing() {
        Map<String, String> data = fixture("duplicates-mixed-case.yaml");
        Map<String, String> once = plan(data, revoke(SSO_ADMIN_REGIONAL)).apply(data);
        AccessPlan replay = plan(once, revoke(SSO_ADMIN_REGIONAL));

        assertFalse(replay.changed());
        assertEquals("", replay.diff());
        assertEquals(once, replay.apply(once));
    }

    @Test
    void diffOfARevokeShowsOnlyRemovedLines() {
        AccessPlan plan = plan(fixture("eks-default.yaml"), revoke(PLATFORM_ADMIN));
        assertEquals("""
                @@ mapRoles @@
                - - rolearn: arn:aws:iam::111122223333:role/platform-admin
                -   username: platform-admin
                -   groups:
                -   - system:masters
                """, plan.diff());
    }
}
