package dev.eksaccess.handler;

import static dev.eksaccess.handler.AccessHandlersTest.json;
import static dev.eksaccess.handler.LocalCloud.ACCOUNT;
import static dev.eksaccess.handler.LocalCloud.invoke;
import static dev.eksaccess.handler.SsoAssignmentHandlerTest.ROLE_ARN;
import static dev.eksaccess.handler.SsoAssignmentHandlerTest.entry;
import static dev.eksaccess.handler.SsoCloud.ADMIN_ROLE;
import static dev.eksaccess.handler.SsoCloud.POLICY;
import static dev.eksaccess.handler.SsoCloud.REGIONAL_PATH;
import static dev.eksaccess.handler.SsoCloud.USER;
import static dev.eksaccess.handler.SsoCloud.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.sso.ProvisioningWait;
import dev.eksaccess.testkit.EksAccessEntriesServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One Identity Center assignment, two backends: "prod" authenticates with aws-auth (CONFIG_MAP), "dev" with
 * access entries (API mode, served by the testkit's EKS stand-in in front of moto). The same event grants
 * through each, and the last assignment's deletion revokes both.
 */
class MixedBackendsSsoTest {
    static final String FULL_ARN = "arn:aws:iam::111122223333:role" + REGIONAL_PATH + ADMIN_ROLE;
    static final String ADMIN_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";

    SsoCloud sso;
    EksAccessEntriesServer eks;
    SsoAssignmentHandler handler;

    @BeforeEach
    void start() {
        sso = new SsoCloud();
        eks = EksAccessEntriesServer.start(sso.cloud.moto.endpoint());
        eks.authenticationMode("dev", "API");
        eks.seed("dev", "arn:aws:iam::111122223333:role/eks-dev-nodegroup-NodeInstanceRole", "EC2_LINUX");
        Map<String, String> env = new java.util.LinkedHashMap<>(sso.env(POLICY));
        env.put("AWS_ENDPOINT_URL_EKS", eks.endpoint().toString());
        handler = sso.handler(env, ProvisioningWait.Sleeper.REAL);
        sso.createRole(ACCOUNT, REGIONAL_PATH, ADMIN_ROLE);
    }

    @AfterEach
    void stop() {
        eks.close();
        sso.close();
    }

    JsonNode create() {
        return json(invoke(handler, event("sso-create-user.json", sso.adminSet,
                sso.assign(sso.adminSet, "USER", USER, ACCOUNT))));
    }

    @Test
    void oneAssignmentGrantsThroughAwsAuthAndAccessEntriesAndItsDeletionRevokesBoth() {
        JsonNode granted = create();
        assertEquals("grant", granted.get("action").asString(), granted.toString());
        assertEquals(0, granted.get("failed").asInt(), granted.toString());
        JsonNode dev = granted.get("results").get(0);
        JsonNode prod = granted.get("results").get(1);
        assertEquals(List.of("dev", "access-entries", "prod", "aws-auth"), List.of(dev.get("cluster").asString(),
                dev.get("backend").asString(), prod.get("cluster").asString(), prod.get("backend").asString()));
        assertTrue(dev.get("changed").asBoolean() && prod.get("changed").asBoolean(), granted.toString());

        assertEquals("admin:{{SessionName}}", entry(sso.cloud.awsAuth(sso.cloud.prod), ROLE_ARN).orElseThrow().username(),
                "aws-auth: no path");
        EksAccessEntriesServer.Entry entry = eks.entries("dev").get(1);
        assertEquals(FULL_ARN, entry.principalArn(), "access entry: the full ARN");
        assertEquals("admin:{{SessionName}}", entry.username());
        assertEquals(List.of(), entry.groups(), "system:masters is no group there");
        assertEquals(Map.of(ADMIN_POLICY, List.of()), entry.policies());
        assertEquals(Map.of("eks-access.dev/managed", "true"), entry.tags());
        assertEquals(List.of("ListAccessEntries dev", "CreateAccessEntry dev " + FULL_ARN,
                "AssociateAccessPolicy dev " + FULL_ARN + " " + ADMIN_POLICY), eks.calls());
        assertTrue(sso.dev.calls().isEmpty(), "an API-mode cluster's Kubernetes API is not used");

        eks.clearCalls();
        sso.clearCalls();
        JsonNode replay = create();
        replay.get("results").forEach(r -> assertFalse(r.get("changed").asBoolean(), r.toString()));
        assertEquals(List.of("ListAccessEntries dev", "DescribeAccessEntry dev " + FULL_ARN,
                "ListAssociatedAccessPolicies dev " + FULL_ARN), eks.calls(), "a replay only reads");
        assertEquals(0, sso.cloud.prod.awsAuthWrites());

        sso.unassign(sso.adminSet, "USER", USER, ACCOUNT);
        sso.deleteRole(ACCOUNT, ADMIN_ROLE);
        eks.clearCalls();
        JsonNode revoked = json(invoke(handler, event("sso-delete.json", sso.adminSet, null)));
        assertEquals("revoke", revoked.get("action").asString(), revoked.toString());
        revoked.get("results").forEach(r -> assertTrue(r.get("changed").asBoolean(), r.toString()));
        assertTrue(entry(sso.cloud.awsAuth(sso.cloud.prod), ROLE_ARN).isEmpty());
        assertEquals(List.of("arn:aws:iam::111122223333:role/eks-dev-nodegroup-NodeInstanceRole"),
                eks.entries("dev").stream().map(EksAccessEntriesServer.Entry::principalArn).toList(), "nodes stay");
        assertEquals(List.of("ListAccessEntries dev", "DescribeAccessEntry dev " + FULL_ARN,
                "DeleteAccessEntry dev " + FULL_ARN), eks.calls());
    }

    @Test
    void aHandMadeAccessEntryForTheRoleIsNeverTakenOverOrRemoved() {
        eks.seed("dev", FULL_ARN, "STANDARD"); // made by hand: no managed tag
        JsonNode granted = create();
        assertEquals(List.of("111122223333/eu-north-1/dev"), SsoAssignmentHandlerTest.strings(granted.get("handMade")),
                granted.toString());
        assertEquals(Map.of(), eks.entries("dev").get(1).policies());

        sso.unassign(sso.adminSet, "USER", USER, ACCOUNT);
        JsonNode revoked = json(invoke(handler, event("sso-delete.json", sso.adminSet, null)));
        assertEquals(List.of("111122223333/eu-north-1/dev"), SsoAssignmentHandlerTest.strings(revoked.get("handMade")));
        assertEquals(2, eks.entries("dev").size());
        assertTrue(eks.calls().stream().noneMatch(c -> c.startsWith("Delete") || c.startsWith("Update")
                || c.startsWith("Associate")), eks.calls().toString());
    }
}
