package dev.eksaccess.access;

import static dev.eksaccess.access.AwsAuthFixtures.fixture;
import static dev.eksaccess.access.AwsAuthFixtures.grantAccount;
import static dev.eksaccess.access.AwsAuthFixtures.plan;
import static dev.eksaccess.access.AwsAuthFixtures.reparse;
import static dev.eksaccess.access.AwsAuthFixtures.revokeAccount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MapAccountsTest {

    @Test
    void quotedAndUnquotedAccountIdsAreRead() {
        assertEquals(List.of("111122223333", "444455556666", "777788889999"),
                reparse(fixture("map-accounts.yaml")).accounts());
    }

    @Test
    void grantIntoAnEmptyDocumentWritesAQuotedString() {
        Map<String, String> data = fixture("empty.yaml");
        AccessPlan plan = plan(data, grantAccount("123456789012"));

        assertTrue(plan.changed());
        assertEquals(Set.of(AwsAuthSection.MAP_ACCOUNTS), plan.sections());
        assertEquals("- \"123456789012\"\n", plan.apply(data).get("mapAccounts"));
        assertEquals("add account 123456789012 to mapAccounts", plan.summary());
        assertEquals("@@ mapAccounts @@\n+ - \"123456789012\"\n", plan.diff());
    }

    @Test
    void grantAppendsAndRewritesEveryAccountAsAQuotedString() {
        Map<String, String> data = fixture("map-accounts.yaml");
        Map<String, String> written = plan(data, grantAccount("123456789012")).apply(data);
        String text = written.get("mapAccounts");

        assertTrue(text.contains("\"123456789012\""), text);
        assertTrue(text.contains("- \"111122223333\""), "the number read from input is written as a string: " + text);
        assertEquals(List.of("111122223333", "444455556666", "777788889999", "123456789012"),
                reparse(written).accounts());
        assertEquals(data.get("mapRoles"), written.get("mapRoles"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"111122223333", "444455556666", "777788889999"})
    void grantOfAnAccountAlreadyListedChangesNothing(String account) {
        Map<String, String> data = fixture("map-accounts.yaml");
        AccessPlan plan = plan(data, grantAccount(account));

        assertFalse(plan.changed());
        assertEquals("", plan.diff());
        assertEquals(data, plan.apply(data));
        assertEquals("account " + account + " is already in mapAccounts", plan.summary());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"111122223333", "444455556666", "777788889999"})
    void revokeRemovesTheAccountWhetherItWasQuotedOrNot(String account) {
        Map<String, String> data = fixture("map-accounts.yaml");
        AccessPlan plan = plan(data, revokeAccount(account));
        Map<String, String> written = plan.apply(data);

        assertTrue(plan.changed());
        List<String> left = reparse(written).accounts();
        assertEquals(2, left.size());
        assertFalse(left.contains(account));
        assertEquals("remove account " + account + " from mapAccounts", plan.summary());
        assertEquals("@@ mapAccounts @@\n- - \"" + account + "\"\n", plan.diff());
        assertEquals(data.get("mapRoles"), written.get("mapRoles"));
    }

    @Test
    void revokeOfAnAbsentAccountChangesNothing() {
        Map<String, String> data = fixture("map-accounts.yaml");
        AccessPlan plan = plan(data, revokeAccount("123456789012"));
        assertFalse(plan.changed());
        assertEquals(data, plan.apply(data));
        assertEquals("account 123456789012 is not in mapAccounts; nothing to remove", plan.summary());
    }

    @Test
    void revokeOfTheLastAccountLeavesAnEmptyList() {
        Map<String, String> data = fixture("eks-default.yaml");
        Map<String, String> written = plan(data, revokeAccount("444455556666")).apply(data);
        assertEquals(List.of(), reparse(written).accounts());
        assertEquals(data.get("mapRoles"), written.get("mapRoles"));
        assertEquals(data.get("mapUsers"), written.get("mapUsers"));
    }

    @Test
    void accountWithALeadingZeroKeepsAllTwelveDigits() {
        Map<String, String> data = fixture("empty.yaml");
        Map<String, String> written = plan(data, grantAccount("012345678901")).apply(data);
        assertEquals("- \"012345678901\"\n", written.get("mapAccounts"));
        assertEquals(List.of("012345678901"), reparse(written).accounts());
    }

    @Test
    void grantAndRevokeReplayAsNoOps() {
        Map<String, String> data = fixture("map-accounts.yaml");
        Map<String, String> granted = plan(data, grantAccount("123456789012")).apply(data);
        assertFalse(plan(granted, grantAccount("123456789012")).changed());

        Map<String, String> revoked = plan(granted, revokeAccount("123456789012")).apply(granted);
        assertFalse(plan(revoked, revokeAccount("123456789012")).changed());
        assertEquals(reparse(data).accounts(), reparse(revoked).accounts());
    }
}
