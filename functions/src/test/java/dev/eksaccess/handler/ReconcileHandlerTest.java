package dev.eksaccess.handler;

import static dev.eksaccess.handler.AccessHandlersTest.json;
import static dev.eksaccess.handler.LocalCloud.ACCOUNT;
import static dev.eksaccess.handler.LocalCloud.invoke;
import static dev.eksaccess.handler.SsoAssignmentHandlerTest.annotations;
import static dev.eksaccess.handler.SsoAssignmentHandlerTest.entry;
import static dev.eksaccess.handler.SsoCloud.ADMIN_ROLE;
import static dev.eksaccess.handler.SsoCloud.GLOBAL_PATH;
import static dev.eksaccess.handler.SsoCloud.GROUP;
import static dev.eksaccess.handler.SsoCloud.POLICY;
import static dev.eksaccess.handler.SsoCloud.REGIONAL_PATH;
import static dev.eksaccess.handler.SsoCloud.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.access.IdentityMapping;
import dev.eksaccess.access.ManagedArns;
import dev.eksaccess.testkit.KubeApiServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * ReconcileFunction on moto (Identity Center, IAM, STS, EKS) and a Kubernetes API per cluster: each kind of
 * drift that missed events leave is repaired, hand-made entries survive, a dry run writes nothing, and one
 * failing cluster does not stop the others. Clusters (SsoCloud): prod and dev tagged in 111122223333,
 * staging named for 222222222222.
 */
class ReconcileHandlerTest {
    static final String ROLE_ARN = "arn:aws:iam::111122223333:role/" + ADMIN_ROLE;
    static final String NEW_ROLE = "AWSReservedSSO_AdministratorAccess_fedcba9876543210";
    static final String NEW_ROLE_ARN = "arn:aws:iam::111122223333:role/" + NEW_ROLE;
    static final String VIEWER_ROLE = "AWSReservedSSO_ReadOnlyAccess_0a1b2c3d4e5f6a7b";
    static final String VIEWER_ARN = "arn:aws:iam::111122223333:role/" + VIEWER_ROLE;
    static final String OLD_ROLE_ARN = "arn:aws:iam::111122223333:role/AWSReservedSSO_AdministratorAccess_00000000aaaaaaaa";

    SsoCloud sso;
    ReconcileHandler reconcile;

    @BeforeEach
    void start() {
        sso = new SsoCloud();
        reconcile = sso.reconciler(sso.env(POLICY));
    }

    @AfterEach
    void stop() {
        sso.close();
    }

    JsonNode run(boolean dryRun) {
        return json(invoke(reconcile, "{\"dryRun\": " + dryRun + "}"));
    }

    /** AdministratorAccess given to a user in 111122223333, as Identity Center leaves it, with no event seen. */
    void adminHeld() {
        sso.createRole(ACCOUNT, GLOBAL_PATH, ADMIN_ROLE);
        sso.assign(sso.adminSet, "USER", USER, ACCOUNT);
    }

    /** AdministratorAccess to a user and ReadOnlyAccess to a group in 111122223333, both mapped by a first run. */
    void adminAndReadOnlyMapped() {
        String readOnly = sso.createPermissionSet("ReadOnlyAccess");
        sso.createRole(ACCOUNT, GLOBAL_PATH, VIEWER_ROLE);
        sso.assign(readOnly, "GROUP", GROUP, ACCOUNT);
        adminHeld();
        assertCounts(run(false), 4, 0, 0, 0);
    }

    long writes() {
        return sso.cloud.prod.awsAuthWrites() + sso.dev.awsAuthWrites() + sso.cloud.staging.awsAuthWrites();
    }

    static void assertCounts(JsonNode out, int added, int replaced, int removed, int failed) {
        assertEquals(List.of(added, replaced, removed, failed), List.of(out.get("added").asInt(),
                out.get("replaced").asInt(), out.get("removed").asInt(), out.get("failed").asInt()), out.toString());
    }

    static JsonNode result(JsonNode out, String cluster) {
        return out.get("results").valueStream().filter(r -> r.get("cluster").asString().equals(cluster)).findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + cluster + ": " + out));
    }

    @Test
    void aMissedCreateEventIsRepairedAndASecondRunChangesNothing() {
        adminHeld();
        JsonNode out = run(false);
        assertEquals(3, out.get("checked").asInt(), "prod and dev (tagged), staging (named for 222222222222)");
        assertCounts(out, 2, 0, 0, 0);
        for (KubeApiServer cluster : List.of(sso.cloud.prod, sso.dev)) {
            ConfigMap cm = sso.cloud.awsAuth(cluster);
            IdentityMapping e = entry(cm, ROLE_ARN).orElseThrow();
            assertEquals("admin:{{SessionName}}", e.username());
            assertEquals(ROLE_ARN.toLowerCase(), annotations(cm).get(ManagedArns.ANNOTATION));
        }
        assertEquals("add", result(out, "prod").get("drift").get(0).get("kind").asString());
        assertFalse(result(out, "staging").get("changed").asBoolean(), "nobody holds it in 222222222222");
        assertEquals(0, sso.cloud.staging.awsAuthWrites());
        List<JsonNode> audit = sso.auditLines();
        assertEquals(List.of("reconcile-add", "reconcile-add"), audit.stream().map(l -> l.get("action").asString())
                .toList(), sso.rawAudit());
        assertEquals(List.of("dev", "prod"), audit.stream().map(l -> l.get("cluster").asString()).toList());

        sso.clearCalls();
        sso.clearAudit();
        JsonNode again = run(false);
        assertCounts(again, 0, 0, 0, 0);
        assertEquals(0, writes(), "a second run writes nothing");
        assertTrue(sso.auditLines().isEmpty());
    }

    @Test
    void aRoleRecreatedWithANewSuffixIsReplaced() {
        adminHeld();
        run(false);
        // Unassigned and assigned again with both events missed: Identity Center made a new role.
        sso.deleteRole(ACCOUNT, ADMIN_ROLE);
        sso.createRole(ACCOUNT, REGIONAL_PATH, NEW_ROLE);

        JsonNode out = run(false);
        assertCounts(out, 0, 2, 0, 0);
        JsonNode drift = result(out, "dev").get("drift").get(0);
        assertEquals("replace", drift.get("kind").asString());
        assertEquals(NEW_ROLE_ARN, drift.get("role").asString(), "path stripped");
        assertEquals(List.of(ROLE_ARN), SsoAssignmentHandlerTest.strings(drift.get("entries")));
        for (KubeApiServer cluster : List.of(sso.cloud.prod, sso.dev)) {
            ConfigMap cm = sso.cloud.awsAuth(cluster);
            assertTrue(entry(cm, ROLE_ARN).isEmpty());
            assertEquals("admin:{{SessionName}}", entry(cm, NEW_ROLE_ARN).orElseThrow().username());
            assertEquals(NEW_ROLE_ARN.toLowerCase(), annotations(cm).get(ManagedArns.ANNOTATION));
        }
    }

    @Test
    void aMissedDeleteEventIsRepairedOnTheClustersOfAnAccountStillHoldingAnotherPolicyPermissionSet() {
        adminAndReadOnlyMapped();
        sso.unassign(sso.adminSet, "USER", USER, ACCOUNT);
        sso.deleteRole(ACCOUNT, ADMIN_ROLE);

        JsonNode out = run(false);
        assertCounts(out, 0, 0, 2, 0);
        JsonNode drift = result(out, "prod").get("drift").get(0);
        assertEquals("remove", drift.get("kind").asString());
        assertTrue(drift.get("reason").asString().contains("assigned to nobody in account 111122223333"), out.toString());
        for (KubeApiServer cluster : List.of(sso.cloud.prod, sso.dev)) {
            ConfigMap cm = sso.cloud.awsAuth(cluster);
            assertTrue(entry(cm, ROLE_ARN).isEmpty());
            assertEquals("viewer:{{SessionName}}", entry(cm, VIEWER_ARN).orElseThrow().username());
            assertEquals(VIEWER_ARN.toLowerCase(), annotations(cm).get(ManagedArns.ANNOTATION));
        }
        assertTrue(entry(sso.cloud.awsAuth(sso.cloud.prod), SsoAssignmentHandlerTest.PLATFORM_ADMIN).isPresent());
    }

    @Test
    void managedEntriesOfAPermissionSetTakenOutOfThePolicyAreReportedAndLeft() {
        adminAndReadOnlyMapped();
        String withoutAdmin = POLICY.substring(0, POLICY.indexOf("  AdministratorAccess:"))
                + POLICY.substring(POLICY.indexOf("  ReadOnlyAccess:"));

        JsonNode out = json(invoke(sso.reconciler(sso.env(withoutAdmin)), "{\"dryRun\": false}"));
        assertCounts(out, 0, 0, 0, 0);
        String notes = result(out, "prod").get("notes").toString();
        assertTrue(notes.contains("1 managed entry of permission sets the access policy no longer maps to this "
                + "cluster, left as it is (revoke to remove): [" + ROLE_ARN + "]"), out.toString());
        assertTrue(entry(sso.cloud.awsAuth(sso.cloud.prod), ROLE_ARN).isPresent(), "left: a policy typo must not revoke");
    }

    @Test
    void handMadeEntriesOfTheSamePermissionSetSurviveGrantsAndRemovals() {
        // The policy names prod for 111122223333 too, so the account stays in scope after the last assignment.
        reconcile = sso.reconciler(sso.env(POLICY.replace("- {accountId: \"222222222222\", region: eu-north-1, name: "
                + "staging}", "- {accountId: \"222222222222\", region: eu-north-1, name: staging}\n"
                + "      - {accountId: \"111122223333\", region: eu-north-1, name: prod}")));
        ConfigMap seeded = sso.cloud.awsAuth(sso.cloud.prod);
        seeded.getData().put("mapRoles", seeded.getData().get("mapRoles")
                + "- rolearn: " + ROLE_ARN + "\n  username: break-glass\n  groups:\n    - system:masters\n"
                + "- rolearn: " + OLD_ROLE_ARN + "\n  username: old-admin\n  groups:\n    - system:masters\n");
        sso.cloud.prod.adminClient().configMaps().inNamespace("kube-system").resource(seeded).update();
        String before = sso.cloud.awsAuth(sso.cloud.prod).getData().get("mapRoles");
        sso.clearCalls();

        adminHeld();
        JsonNode granted = run(false);
        assertCounts(granted, 1, 0, 0, 0);
        assertFalse(result(granted, "prod").get("changed").asBoolean());
        assertTrue(result(granted, "prod").get("notes").toString().contains("hand-made entry for " + ROLE_ARN),
                granted.toString());
        sso.unassign(sso.adminSet, "USER", USER, ACCOUNT);
        sso.deleteRole(ACCOUNT, ADMIN_ROLE);
        JsonNode revoked = run(false);
        assertCounts(revoked, 0, 0, 1, 0);
        assertTrue(entry(sso.cloud.awsAuth(sso.dev), ROLE_ARN).isEmpty(), "the managed entry on dev went");

        assertEquals(0, sso.cloud.prod.awsAuthWrites(), "prod holds only hand-made entries: never written");
        assertEquals(before, sso.cloud.awsAuth(sso.cloud.prod).getData().get("mapRoles"));
        assertTrue(result(revoked, "prod").get("notes").toString().contains("2 hand-made entries"), revoked.toString());
    }

    @Test
    void aDryRunReportsTheDriftAndWritesNothing() {
        adminHeld();
        sso.clearCalls();
        JsonNode out = run(true);
        assertTrue(out.get("dryRun").asBoolean());
        assertCounts(out, 2, 0, 0, 0);
        assertTrue(result(out, "prod").get("changed").asBoolean(), "would change");
        assertTrue(result(out, "prod").get("diff").asString().contains("+ - rolearn: " + ROLE_ARN), out.toString());
        assertEquals(0, writes(), "not one write attempt");
        assertTrue(entry(sso.cloud.awsAuth(sso.cloud.prod), ROLE_ARN).isEmpty());
        assertTrue(sso.auditLines().isEmpty(), "a dry run changes nothing, so it audits nothing");

        assertCounts(run(false), 2, 0, 0, 0);
        assertEquals(2, writes());
    }

    @Test
    void aFailingClusterDoesNotStopTheOthersAndTheNextRunRepairsIt() {
        adminHeld();
        sso.cloud.prod.failNext("PUT", 500, 1); // the updater does not retry a 500
        ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class, () -> run(false));
        assertTrue(e.getMessage().contains("\"failed\":1"), e.getMessage());
        assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
        assertTrue(entry(sso.cloud.awsAuth(sso.dev), ROLE_ARN).isPresent(), "dev was repaired all the same");
        assertTrue(entry(sso.cloud.awsAuth(sso.cloud.prod), ROLE_ARN).isEmpty());
        JsonNode prodLine = sso.auditLines().stream().filter(l -> l.get("cluster").asString().equals("prod"))
                .findFirst().orElseThrow();
        assertTrue(prodLine.get("error").asString().contains("HTTP 500"), prodLine.toString());

        JsonNode next = run(false);
        assertCounts(next, 1, 0, 0, 0);
        assertTrue(entry(sso.cloud.awsAuth(sso.cloud.prod), ROLE_ARN).isPresent());
    }
}
