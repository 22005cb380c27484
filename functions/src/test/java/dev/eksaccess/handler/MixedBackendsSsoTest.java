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

    /** Puts a mapping of the permission set's role (no path, as aws-auth wants) in prod's aws-auth. */
    void mapInProdAwsAuth(boolean managed) {
        io.fabric8.kubernetes.api.model.ConfigMap cm = sso.cloud.awsAuth(sso.cloud.prod);
        cm.getData().put("mapRoles", cm.getData().get("mapRoles") + "- rolearn: " + ROLE_ARN
                + "\n  username: admin:{{SessionName}}\n  groups: [system:masters]\n");
        if (managed) {
            cm.getMetadata().setAnnotations(Map.of(dev.eksaccess.access.ManagedArns.ANNOTATION, ROLE_ARN.toLowerCase()));
        }
        sso.cloud.prod.adminClient().configMaps().inNamespace("kube-system").resource(cm).update();
        sso.cloud.prod.clearCalls();
    }

    static JsonNode resultFor(JsonNode out, String cluster) {
        return out.get("results").valueStream().filter(r -> r.get("cluster").asString().equals(cluster)).findFirst()
                .orElseThrow();
    }

    @Test
    void whereEksReadsBothAnAutomaticGrantLeavesAHandMadeAwsAuthMappingInCharge() {
        eks.authenticationMode("prod", "API_AND_CONFIG_MAP");
        mapInProdAwsAuth(false);
        JsonNode granted = create();

        JsonNode prod = resultFor(granted, "prod");
        assertFalse(prod.get("changed").asBoolean(), prod.toString());
        assertTrue(prod.get("summary").asString().startsWith("a hand-made mapRoles entry for " + ROLE_ARN + " exists "
                + "in aws-auth, which EKS also reads (API_AND_CONFIG_MAP); left as it is"), prod.toString());
        assertEquals(List.of("111122223333/eu-north-1/prod"), SsoAssignmentHandlerTest.strings(granted.get("handMade")));
        assertEquals(List.of(), eks.entries("prod"), "no access entry to take the mapping's place");
        assertEquals(0, sso.cloud.prod.awsAuthWrites());
        assertTrue(resultFor(granted, "dev").get("changed").asBoolean(), "dev, in API mode, is granted as before");
    }

    @Test
    void whereEksReadsBothAnAutomaticGrantReplacesItsOwnAwsAuthMappingAndSaysSo() {
        eks.authenticationMode("prod", "API_AND_CONFIG_MAP");
        mapInProdAwsAuth(true);
        JsonNode granted = create();

        JsonNode prod = resultFor(granted, "prod");
        assertTrue(prod.get("changed").asBoolean(), prod.toString());
        assertEquals("access-entries", prod.get("backend").asString());
        assertTrue(prod.get("summary").asString().endsWith("; EKS uses the access entry in place of the aws-auth "
                + "mapRoles entry for " + ROLE_ARN + " (username admin:{{SessionName}}, groups [system:masters])"),
                prod.toString());
        assertEquals(List.of(FULL_ARN), eks.entries("prod").stream().map(EksAccessEntriesServer.Entry::principalArn)
                .toList());
    }

    @Test
    void whereEksReadsBothAnAutomaticGrantThatCannotReadAwsAuthCreatesNothing() {
        eks.authenticationMode("prod", "API_AND_CONFIG_MAP");
        sso.cloud.prod.failNext("GET", 403, 1);
        ProvisioningFailedException e = org.junit.jupiter.api.Assertions.assertThrows(ProvisioningFailedException.class,
                this::create);
        JsonNode granted = json(e.getMessage().substring(e.getMessage().indexOf('{')));

        JsonNode prod = resultFor(granted, "prod");
        assertFalse(prod.get("changed").asBoolean(), prod.toString());
        assertTrue(prod.get("error").asString().contains("aws-auth could not be read (Kubernetes API refused the "
                + "provisioner (HTTP 403)"), prod.toString());
        assertEquals(List.of(), eks.entries("prod"));
        assertTrue(resultFor(granted, "dev").get("changed").asBoolean(), "the other cluster goes on");
    }

    @Test
    void aHandMadeMappingFoundInALaterRoundStopsTheGrantAndUndoesTheEarlierRound() throws Exception {
        eks.authenticationMode("prod", "API_AND_CONFIG_MAP");
        // Round 1 creates prod's entry; its association then finds the entry gone (deleted meanwhile, here by
        // the proxy), so round 2 plans to create it again ...
        java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        try (AwsProxy proxy = AwsProxy.start(eks.endpoint(), (exchange, body) -> {
            String path = exchange.getRequestURI().getRawPath();
            if (!path.startsWith("/clusters/prod/") || !path.endsWith("/access-policies")
                    || !exchange.getRequestMethod().equals("POST") || once.getAndSet(true)) {
                return false;
            }
            String entry = path.substring(0, path.length() - "/access-policies".length());
            try {
                http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(eks.endpoint() + entry)).DELETE()
                        .build(), java.net.http.HttpResponse.BodyHandlers.discarding());
            } catch (InterruptedException e) {
                throw new java.io.IOException(e);
            }
            AwsProxy.reply(exchange, 404, Map.of("x-amzn-ErrorType", "ResourceNotFoundException"),
                    "{\"message\":\"The specified principalArn could not be found.\"}".getBytes());
            return true;
        })) {
            // ... and by then someone has mapped the role by hand in aws-auth.
            sso.cloud.prod.editAfterNext("GET", dev.eksaccess.testkit.KubeApiServer.AWS_AUTH_PATH, cm -> cm.getData()
                    .put("mapRoles", cm.getData().get("mapRoles") + "- rolearn: " + ROLE_ARN + "\n  username: admin\n"
                            + "  groups: [system:masters]\n"), 1);
            Map<String, String> env = new java.util.LinkedHashMap<>(sso.env(POLICY));
            env.put("AWS_ENDPOINT_URL_EKS", proxy.url().toString());
            SsoAssignmentHandler viaProxy = sso.handler(env, ProvisioningWait.Sleeper.REAL);
            ProvisioningFailedException e = org.junit.jupiter.api.Assertions.assertThrows(
                    ProvisioningFailedException.class, () -> invoke(viaProxy, event("sso-create-user.json",
                            sso.adminSet, sso.assign(sso.adminSet, "USER", USER, ACCOUNT))));

            JsonNode prod = resultFor(json(e.getMessage().substring(e.getMessage().indexOf('{'))), "prod");
            assertFalse(prod.get("changed").asBoolean(), prod.toString());
            String error = prod.get("error").asString();
            assertTrue(error.startsWith("a hand-made mapRoles entry for " + ROLE_ARN + " exists in aws-auth"), error);
            assertTrue(error.endsWith("the access entry it created was deleted again: nothing is changed"), error);
            assertEquals(List.of(), eks.entries("prod"));
        }
    }

    @Test
    void anSsoRevokeTakesItsOwnAwsAuthMappingOutTooWhenThePermissionSetForcesAccessEntries() {
        eks.authenticationMode("prod", "API_AND_CONFIG_MAP");
        mapInProdAwsAuth(true); // the provisioner's own mapping, from before the cluster's switch
        Map<String, String> env = new java.util.LinkedHashMap<>(sso.env(POLICY.replace(
                "groups: [system:masters]\n", "groups: [system:masters]\n    backend: access-entries\n")));
        env.put("AWS_ENDPOINT_URL_EKS", eks.endpoint().toString());
        SsoAssignmentHandler forced = sso.handler(env, ProvisioningWait.Sleeper.REAL);
        JsonNode granted = json(invoke(forced, event("sso-create-user.json", sso.adminSet,
                sso.assign(sso.adminSet, "USER", USER, ACCOUNT))));
        assertTrue(resultFor(granted, "prod").get("changed").asBoolean(), granted.toString());

        sso.unassign(sso.adminSet, "USER", USER, ACCOUNT);
        sso.deleteRole(ACCOUNT, ADMIN_ROLE);
        JsonNode revoked = json(invoke(forced, event("sso-delete.json", sso.adminSet, null)));

        JsonNode prod = resultFor(revoked, "prod");
        assertEquals("access-entries+aws-auth", prod.get("backend").asString(), prod.toString());
        assertTrue(entry(sso.cloud.awsAuth(sso.cloud.prod), ROLE_ARN).isEmpty(), "no mapping left to give the access "
                + "back once the entry is gone");
        assertTrue(eks.entries("prod").stream().noneMatch(en -> en.principalArn().equals(FULL_ARN)));
    }
}
