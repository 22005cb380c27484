package dev.eksaccess.handler;

import static dev.eksaccess.handler.AccessHandlersTest.json;
import static dev.eksaccess.handler.AccessHandlersTest.roles;
import static dev.eksaccess.handler.LocalCloud.ACCOUNT;
import static dev.eksaccess.handler.LocalCloud.OTHER_ACCOUNT;
import static dev.eksaccess.handler.LocalCloud.invoke;
import static dev.eksaccess.handler.SsoCloud.ADMIN_ROLE;
import static dev.eksaccess.handler.SsoCloud.GLOBAL_PATH;
import static dev.eksaccess.handler.SsoCloud.GROUP;
import static dev.eksaccess.handler.SsoCloud.POLICY;
import static dev.eksaccess.handler.SsoCloud.REGIONAL_PATH;
import static dev.eksaccess.handler.SsoCloud.USER;
import static dev.eksaccess.handler.SsoCloud.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.access.IdentityMapping;
import dev.eksaccess.access.ManagedArns;
import dev.eksaccess.sso.ProvisioningWait;
import dev.eksaccess.testkit.KubeApiServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The SSO function's lifecycle, driven as Lambda drives it with the sample events, against moto (Identity
 * Center, IAM, STS, EKS) and a Kubernetes API per cluster: grant on the first assignment, nothing on more,
 * keep while anyone holds the permission set, revoke with the last; hand-made entries survive all of it.
 */
class SsoAssignmentHandlerTest {
    static final String ROLE_ARN = "arn:aws:iam::111122223333:role/" + ADMIN_ROLE;
    static final String PLATFORM_ADMIN = "arn:aws:iam::111122223333:role/platform-admin";
    static final String NODE_ROLE = "arn:aws:iam::111122223333:role/eks-node-group-NodeInstanceRole";

    SsoCloud sso;
    SsoAssignmentHandler handler;

    @BeforeEach
    void start() {
        sso = new SsoCloud();
        handler = sso.handler(sso.env(POLICY), ProvisioningWait.Sleeper.REAL);
    }

    @AfterEach
    void stop() {
        sso.close();
    }

    /** The first assignment as Identity Center leaves it: role created, assignment listed. */
    String firstUserAssignment() {
        sso.createRole(ACCOUNT, GLOBAL_PATH, ADMIN_ROLE);
        return sso.assign(sso.adminSet, "USER", USER, ACCOUNT);
    }

    JsonNode createUser(String requestId) {
        return json(invoke(handler, event("sso-create-user.json", sso.adminSet, requestId)));
    }

    @Test
    void theFirstAssignmentGrantsTheRoleOnEveryPolicyClusterOfItsAccount() {
        JsonNode out = createUser(firstUserAssignment());
        assertEquals("grant", out.get("action").asString(), out.toString());
        assertEquals("AdministratorAccess", out.get("permissionSet").asString());
        assertEquals(ROLE_ARN, out.get("role").asString(), "the role's path is stripped for aws-auth");
        assertEquals(0, out.get("failed").asInt());
        assertEquals(List.of("dev", "prod"), clusters(out), "tagged eks-access=enabled in 111122223333 only");
        out.get("results").forEach(r -> assertTrue(r.get("changed").asBoolean(), r.toString()));

        for (KubeApiServer cluster : List.of(sso.cloud.prod, sso.dev)) {
            ConfigMap cm = sso.cloud.awsAuth(cluster);
            IdentityMapping entry = entry(cm, ROLE_ARN).orElseThrow();
            assertEquals("admin:{{SessionName}}", entry.username());
            assertEquals(List.of("system:masters"), entry.groups());
            assertEquals(ROLE_ARN.toLowerCase(), cm.getMetadata().getAnnotations().get(ManagedArns.ANNOTATION));
        }
        assertTrue(entry(sso.cloud.awsAuth(sso.cloud.prod), NODE_ROLE).isPresent());
        assertEquals(0, sso.cloud.staging.awsAuthWrites(), "staging is listed for 222222222222 only");

        List<JsonNode> audit = sso.auditLines();
        assertEquals(2, audit.size(), sso.rawAudit());
        for (JsonNode line : audit) {
            assertEquals("eks-access-audit", line.get("type").asString());
            assertEquals("7c1e5a2b-3d4f-4a6b-9c8d-0e1f2a3b4c5d", line.get("eventId").asString());
            assertEquals("arn:aws:sts::999988887777:assumed-role/AWSReservedSSO_IdentityCenterAdmin_7f3c2a1b9d8e6f50/"
                    + "jane.doe@example.com", line.get("actor").asString());
            assertEquals("grant", line.get("action").asString());
            assertEquals("AdministratorAccess", line.get("permissionSet").asString());
            assertEquals(ACCOUNT, line.get("accountId").asString());
            assertTrue(line.get("diff").asString().contains("+ - rolearn: " + ROLE_ARN), line.toString());
        }
        assertEquals(List.of("dev", "prod"), audit.stream().map(l -> l.get("cluster").asString()).toList());
        assertFalse(sso.rawAudit().contains(sso.cloud.secretAccessKey), "no credentials in the audit log");
        assertFalse(sso.rawAudit().contains(sso.cloud.accessKeyId));
        assertFalse(sso.rawAudit().contains("k8s-aws-v1."), "no tokens in the audit log");
    }

    @Test
    void aSecondPrincipalWithTheSamePermissionSetChangesNothing() {
        createUser(firstUserAssignment());
        String groupRequest = sso.assign(sso.adminSet, "GROUP", GROUP, ACCOUNT);
        sso.clearCalls();

        JsonNode out = json(invoke(handler, event("sso-create-group.json", sso.adminSet, groupRequest)));
        assertEquals("grant", out.get("action").asString());
        out.get("results").forEach(r -> assertFalse(r.get("changed").asBoolean(), r.toString()));
        assertEquals(0, sso.cloud.prod.awsAuthWrites() + sso.dev.awsAuthWrites());
    }

    @Test
    void aReplayedEventChangesNothing() {
        String request = firstUserAssignment();
        createUser(request);
        sso.clearCalls();
        JsonNode replay = createUser(request);
        replay.get("results").forEach(r -> assertFalse(r.get("changed").asBoolean(), r.toString()));
        assertEquals(0, sso.cloud.prod.awsAuthWrites() + sso.dev.awsAuthWrites());
    }

    @Test
    void deletingOneOfTwoAssignmentsKeepsAccess() {
        createUser(firstUserAssignment());
        sso.assign(sso.adminSet, "GROUP", GROUP, ACCOUNT);
        sso.unassign(sso.adminSet, "USER", USER, ACCOUNT);
        sso.clearCalls();

        JsonNode out = json(invoke(handler, event("sso-delete.json", sso.adminSet, null)));
        assertEquals("keep", out.get("action").asString(), out.toString());
        assertTrue(out.get("reason").asString().contains("still assigned to 1 principal"), out.toString());
        assertEquals(0, out.get("results").size());
        assertTrue(sso.cloud.prod.calls().isEmpty() && sso.dev.calls().isEmpty(), "no cluster is even read");
        assertTrue(entry(sso.cloud.awsAuth(sso.cloud.prod), ROLE_ARN).isPresent());
    }

    @Test
    void aDeleteHandledAfterTheSamePrincipalWasAssignedAgainKeepsAccess() {
        // A retried or redriven delete event: its deletion succeeded, and the user holds the set again since.
        createUser(firstUserAssignment());
        String deletion = sso.unassign(sso.adminSet, "USER", USER, ACCOUNT);
        sso.assign(sso.adminSet, "USER", USER, ACCOUNT);
        sso.clearCalls();

        JsonNode out = json(invoke(handler, event("sso-delete.json", sso.adminSet, deletion)));
        assertEquals("keep", out.get("action").asString(), out.toString());
        assertTrue(out.get("reason").asString().contains("still assigned to 1 principal"), out.toString());
        assertEquals(0, sso.cloud.prod.awsAuthWrites() + sso.dev.awsAuthWrites());
        assertTrue(entry(sso.cloud.awsAuth(sso.cloud.prod), ROLE_ARN).isPresent());
    }

    @Test
    void aDeletionIdentityCenterFailedKeepsAccessAndSaysWhy() {
        createUser(firstUserAssignment());
        String deletion = sso.unassign(sso.adminSet, "USER", USER, ACCOUNT);
        sso.stub.answerDeletionStatus("FAILED");
        sso.clearCalls();

        JsonNode out = json(invoke(handler, event("sso-delete.json", sso.adminSet, deletion)));
        assertEquals("keep", out.get("action").asString(), out.toString());
        assertTrue(out.get("reason").asString().startsWith("Identity Center failed to delete the assignment"),
                out.toString());
        assertEquals(0, sso.cloud.prod.awsAuthWrites() + sso.dev.awsAuthWrites());
    }

    @Test
    void aDeletionStillInProgressDoesNotCountTheRemovedPrincipal() {
        createUser(firstUserAssignment());
        String deletion = sso.unassign(sso.adminSet, "USER", USER, ACCOUNT);
        sso.assign(sso.adminSet, "USER", USER, ACCOUNT); // how Identity Center lists it while the deletion runs
        sso.stub.answerDeletionStatus("IN_PROGRESS");

        JsonNode out = json(invoke(handler, event("sso-delete.json", sso.adminSet, deletion)));
        assertEquals("revoke", out.get("action").asString(), out.toString());
        assertTrue(entry(sso.cloud.awsAuth(sso.cloud.prod), ROLE_ARN).isEmpty());
    }

    @Test
    void deletingTheLastAssignmentRevokesEverywhereAndAReplayChangesNothing() {
        createUser(firstUserAssignment());
        String deletion = sso.unassign(sso.adminSet, "USER", USER, ACCOUNT);
        sso.deleteRole(ACCOUNT, ADMIN_ROLE); // Identity Center removes the role with the last assignment
        sso.clearAudit();

        JsonNode out = json(invoke(handler, event("sso-delete.json", sso.adminSet, deletion)));
        assertEquals("revoke", out.get("action").asString(), out.toString());
        assertEquals(List.of("dev", "prod"), clusters(out));
        out.get("results").forEach(r -> assertTrue(r.get("changed").asBoolean(), r.toString()));
        for (KubeApiServer cluster : List.of(sso.cloud.prod, sso.dev)) {
            ConfigMap cm = sso.cloud.awsAuth(cluster);
            assertTrue(entry(cm, ROLE_ARN).isEmpty());
            assertNull(annotations(cm).get(ManagedArns.ANNOTATION), "the managed list goes with its last entry");
        }
        ConfigMap prod = sso.cloud.awsAuth(sso.cloud.prod);
        assertTrue(entry(prod, NODE_ROLE).isPresent() && entry(prod, PLATFORM_ADMIN).isPresent());
        List<JsonNode> audit = sso.auditLines();
        assertEquals(2, audit.size());
        assertTrue(audit.get(1).get("diff").asString().contains("- - rolearn: " + ROLE_ARN), audit.toString());

        sso.clearCalls();
        JsonNode replay = json(invoke(handler, event("sso-delete.json", sso.adminSet, null)));
        replay.get("results").forEach(r -> assertFalse(r.get("changed").asBoolean(), r.toString()));
        assertEquals(0, sso.cloud.prod.awsAuthWrites() + sso.dev.awsAuthWrites());
    }

    @Test
    void aHandMadeEntryForTheSameRoleIsNeverTakenOverOrRemoved() {
        ConfigMap seeded = sso.cloud.awsAuth(sso.cloud.prod);
        String handMade = "- rolearn: " + ROLE_ARN + "\n  username: break-glass\n  groups:\n    - system:masters\n";
        seeded.getData().put("mapRoles", seeded.getData().get("mapRoles") + handMade);
        sso.cloud.prod.adminClient().configMaps().inNamespace("kube-system").resource(seeded).update();

        JsonNode granted = createUser(firstUserAssignment());
        assertEquals(List.of("111122223333/eu-north-1/prod"), strings(granted.get("handMade")), granted.toString());
        JsonNode prodResult = granted.get("results").get(1);
        assertFalse(prodResult.get("changed").asBoolean());
        assertTrue(prodResult.get("summary").asString().contains("hand-made"), prodResult.toString());
        assertEquals("break-glass", entry(sso.cloud.awsAuth(sso.cloud.prod), ROLE_ARN).orElseThrow().username());
        assertEquals("admin:{{SessionName}}", entry(sso.cloud.awsAuth(sso.dev), ROLE_ARN).orElseThrow().username());

        sso.unassign(sso.adminSet, "USER", USER, ACCOUNT);
        JsonNode revoked = json(invoke(handler, event("sso-delete.json", sso.adminSet, null)));
        assertEquals("revoke", revoked.get("action").asString());
        assertEquals(List.of("111122223333/eu-north-1/prod"), strings(revoked.get("handMade")));
        assertEquals("break-glass", entry(sso.cloud.awsAuth(sso.cloud.prod), ROLE_ARN).orElseThrow().username());
        assertTrue(entry(sso.cloud.awsAuth(sso.dev), ROLE_ARN).isEmpty());
    }

    @Test
    void theRegionalRolePathInAMemberAccountIsFoundThroughTheTargetRole() {
        sso.createRole(OTHER_ACCOUNT, REGIONAL_PATH, "AWSReservedSSO_AdministratorAccess_fedcba9876543210");
        String request = sso.assign(sso.adminSet, "USER", USER, OTHER_ACCOUNT);
        String otherAccountEvent = event("sso-create-user.json", sso.adminSet, request)
                .replace("\"targetId\":\"111122223333\"", "\"targetId\":\"" + OTHER_ACCOUNT + "\"");

        JsonNode out = json(invoke(handler, otherAccountEvent));
        String role = "arn:aws:iam::222222222222:role/AWSReservedSSO_AdministratorAccess_fedcba9876543210";
        assertEquals(role, out.get("role").asString(), out.toString());
        assertEquals(List.of("staging"), clusters(out), "named for 222222222222; no tagged cluster there");
        assertTrue(out.get("results").get(0).get("changed").asBoolean());
        assertTrue(entry(sso.cloud.awsAuth(sso.cloud.staging), role).isPresent());
        assertEquals(0, sso.cloud.prod.awsAuthWrites() + sso.dev.awsAuthWrites());
    }

    static Optional<IdentityMapping> entry(ConfigMap cm, String arn) {
        return roles(cm).stream().filter(m -> arn.equals(m.arn())).findFirst();
    }

    static List<String> clusters(JsonNode out) {
        return out.get("results").valueStream().map(r -> r.get("cluster").asString()).toList();
    }

    static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    static Map<String, String> annotations(ConfigMap cm) {
        return cm.getMetadata().getAnnotations() == null ? Map.of() : cm.getMetadata().getAnnotations();
    }
}
