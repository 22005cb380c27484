package dev.eksaccess.handler;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.eksaccess.handler.AccessHandlersTest.json;
import static dev.eksaccess.handler.EksStubs.ADMIN_POLICY;
import static dev.eksaccess.handler.EksStubs.VIEW_POLICY;
import static dev.eksaccess.handler.LocalCloud.invoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Grant, revoke and list on a cluster in API mode, through the handlers, against a WireMock EKS (moto has
 * no access-entry API): the exact requests are asserted, so "unchanged" really means no write was sent.
 */
class AccessEntriesHandlerTest {
    static final String ROLE = "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/"
            + "AWSReservedSSO_AdministratorAccess_0123456789abcdef";
    static final String GRANT = "{\"clusters\":[{\"name\":\"api\",\"region\":\"eu-north-1\"}],\"arn\":\"" + ROLE
            + "\",\"username\":\"admin:{{SessionName}}\",\"groups\":[\"system:masters\"]";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    LocalCloud cloud;
    Map<String, String> env;
    EksStubs api = new EksStubs(wm, "api");

    @BeforeEach
    void start() {
        cloud = new LocalCloud();
        env = new java.util.LinkedHashMap<>(cloud.env());
        env.put("AWS_ENDPOINT_URL_EKS", wm.baseUrl()); // STS, IAM stay on moto
        api.cluster(LocalCloud.ACCOUNT, "API");
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    /**
     * The body exactly, except the idempotency token the SDK adds to Create/UpdateAccessEntry (a fresh
     * UUID per call; the SDK's own retries reuse it).
     */
    static com.github.tomakehurst.wiremock.matching.StringValuePattern withToken(String json) {
        return equalToJson(json.substring(0, json.length() - 1) + ",\"clientRequestToken\":\"${json-unit.any-string}\"}");
    }

    JsonNode grant(String request) {
        return AccessHandlersTest.only(json(invoke(new GrantAccessHandler(env), request)));
    }

    @Test
    void aNewGrantCreatesTheEntryWithTheFullArnAndClusterAdminForMasters() {
        api.list();
        api.writesSucceed(ROLE);
        JsonNode result = grant(GRANT + "}");

        assertEquals("access-entries", result.get("backend").asString(), result.toString());
        assertTrue(result.get("changed").asBoolean());
        assertTrue(result.get("diff").asString().contains("+ access entry " + ROLE), result.toString());
        wm.verify(getRequestedFor(urlPathEqualTo("/clusters/api")));
        wm.verify(getRequestedFor(urlPathEqualTo(api.entries())));
        wm.verify(postRequestedFor(urlPathEqualTo(api.entries())).withRequestBody(withToken("{\"principalArn\":\""
                + ROLE + "\",\"username\":\"admin:{{SessionName}}\",\"kubernetesGroups\":[],\"type\":\"STANDARD\"}"))
                .withRequestBody(matchingJsonPath("$.clientRequestToken")));
        wm.verify(postRequestedFor(urlPathEqualTo(api.policies(ROLE))).withRequestBody(equalToJson(
                "{\"policyArn\":\"" + ADMIN_POLICY + "\",\"accessScope\":{\"type\":\"cluster\"}}")));
        wm.verify(4, anyRequestedFor(anyUrl()));
        assertEquals(0, cloud.prod.calls().size() + cloud.staging.calls().size(), "no Kubernetes API is used");
    }

    @Test
    void anEntryAlreadyAsRequestedGetsOnlyReads() {
        api.list("arn:aws:iam::111122223333:role/node", ROLE);
        api.entry(ROLE, "STANDARD", "admin:{{SessionName}}", List.of(), Map.of(), Map.of(ADMIN_POLICY, List.of()));
        JsonNode result = grant(GRANT + "}");

        assertFalse(result.get("changed").asBoolean(), result.toString());
        wm.verify(getRequestedFor(urlPathEqualTo(api.entry(ROLE))));
        wm.verify(getRequestedFor(urlPathEqualTo(api.policies(ROLE))));
        wm.verify(4, anyRequestedFor(anyUrl())); // DescribeCluster, List, Describe, ListAssociated: no write
    }

    @Test
    void onlyWhatDiffersIsWritten() {
        api.list(ROLE);
        api.entry(ROLE, "STANDARD", "old-name", List.of("ops"), Map.of(),
                Map.of(ADMIN_POLICY, List.of(), VIEW_POLICY, List.of("team-a")));
        api.writesSucceed(ROLE);
        JsonNode result = grant(GRANT + ",\"accessPolicies\":[{\"policy\":\"AmazonEKSViewPolicy\"}]}");

        assertTrue(result.get("changed").asBoolean(), result.toString());
        wm.verify(postRequestedFor(urlPathEqualTo(api.entry(ROLE))).withRequestBody(withToken(
                "{\"username\":\"admin:{{SessionName}}\",\"kubernetesGroups\":[]}")));
        wm.verify(postRequestedFor(urlPathEqualTo(api.policies(ROLE))).withRequestBody(equalToJson(
                "{\"policyArn\":\"" + VIEW_POLICY + "\",\"accessScope\":{\"type\":\"cluster\"}}")));
        wm.verify(0, postRequestedFor(urlPathEqualTo(api.entries())));
        wm.verify(0, deleteRequestedFor(anyUrl()));
        wm.verify(6, anyRequestedFor(anyUrl()));
    }

    @Test
    void aReservedUsernameIsRefusedBeforeAnyAccessEntryCall() {
        ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class,
                () -> invoke(new GrantAccessHandler(env), GRANT.replace("admin:{{SessionName}}", "eks:admin") + "}"));
        assertTrue(e.getMessage().contains("username: EKS access entries refuse usernames starting with system:, eks:"),
                e.getMessage());
        wm.verify(1, anyRequestedFor(anyUrl())); // DescribeCluster only
    }

    @Test
    void aCreateThatLosesARaceIsReadAndPlannedAgain() {
        api.writesSucceed(ROLE);
        api.stub(post(urlPathEqualTo(api.entries())).willReturn(EksStubs.error(409, "ResourceInUseException",
                "The specified access entry resource is already in use on this cluster.", true)));
        api.listThen(List.of(), List.of(ROLE));
        api.entry(ROLE, "STANDARD", "admin:{{SessionName}}", List.of(), Map.of(), Map.of());
        JsonNode result = grant(GRANT + "}");

        assertTrue(result.get("changed").asBoolean(), result.toString());
        wm.verify(1, postRequestedFor(urlPathEqualTo(api.entries())));
        wm.verify(2, getRequestedFor(urlPathEqualTo(api.entries())));
        wm.verify(1, postRequestedFor(urlPathEqualTo(api.policies(ROLE))));
    }

    @Test
    void anEntryDeletedBetweenListAndDescribeIsCreatedAgain() {
        api.list(ROLE);
        api.stub(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(api.entry(ROLE))).willReturn(
                EksStubs.error(404, "ResourceNotFoundException", "The specified access entry resource could not be found.",
                        true)));
        api.writesSucceed(ROLE);
        JsonNode result = grant(GRANT + "}");

        assertTrue(result.get("changed").asBoolean(), result.toString());
        wm.verify(1, postRequestedFor(urlPathEqualTo(api.entries())));
        wm.verify(0, getRequestedFor(urlPathEqualTo(api.policies(ROLE))));
    }

    @Test
    void anEksRefusalIsReportedWithTheOperation() {
        api.list();
        api.stub(post(urlPathEqualTo(api.entries())).willReturn(EksStubs.error(400, "InvalidParameterException",
                "The specified principalArn is invalid: principal doesn't exist", false)));
        ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class,
                () -> invoke(new GrantAccessHandler(env), GRANT + "}"));
        assertTrue(e.getMessage().contains("EKS refused CreateAccessEntry for " + ROLE + " on cluster eu-north-1/api: "
                + "The specified principalArn is invalid"), e.getMessage());
        wm.verify(0, postRequestedFor(urlPathEqualTo(api.policies(ROLE))));
    }

    @Test
    void aGrantRefusedAfterItsCreateDeletesTheEntryAgainAndChangesNothing() {
        api.list();
        api.writesSucceed(ROLE);
        api.entry(ROLE, "STANDARD", "admin:{{SessionName}}", List.of(), Map.of(), Map.of()); // as created
        api.stub(post(urlPathEqualTo(api.policies(ROLE))).willReturn(EksStubs.error(403, "AccessDeniedException",
                "not authorized: eks:AssociateAccessPolicy", false)));
        JsonNode result = failedGrant(GRANT + "}");

        assertFalse(result.get("changed").asBoolean(), "the entry made a moment ago is gone again: " + result);
        assertTrue(result.get("error").asString().contains("AssociateAccessPolicy"), result.toString());
        assertTrue(result.get("error").asString().endsWith("the access entry it created was deleted again: nothing is "
                + "changed"), result.toString());
        wm.verify(1, postRequestedFor(urlPathEqualTo(api.entries())));
        wm.verify(1, deleteRequestedFor(urlPathEqualTo(api.entry(ROLE))));
    }

    @Test
    void aGrantWhoseEntryCannotBeDeletedAgainSaysWhatWasMade() {
        api.list();
        api.writesSucceed(ROLE);
        api.entry(ROLE, "STANDARD", "admin:{{SessionName}}", List.of(), Map.of(), Map.of());
        api.stub(post(urlPathEqualTo(api.policies(ROLE))).willReturn(EksStubs.error(403, "AccessDeniedException",
                "not authorized: eks:AssociateAccessPolicy", false)));
        api.stub(com.github.tomakehurst.wiremock.client.WireMock.delete(urlPathEqualTo(api.entry(ROLE))).willReturn(
                EksStubs.error(403, "AccessDeniedException", "not authorized: eks:DeleteAccessEntry", false)));
        JsonNode result = failedGrant(GRANT + "}");

        assertTrue(result.get("changed").asBoolean(), "the entry was created: " + result);
        String summary = result.get("summary").asString();
        assertTrue(summary.startsWith("partly made: 1 of 2 calls (Create " + ROLE + "); the rest failed; deleting the "
                + "access entry it created failed too ("), summary);
        assertTrue(summary.contains("eks:DeleteAccessEntry"), summary);
        assertTrue(result.get("diff").asString().contains(ROLE), result.toString());
        assertTrue(result.get("error").asString().contains("AssociateAccessPolicy"), result.toString());
    }

    @Test
    void aFailureInALaterRoundStillDeletesTheEntryAnEarlierRoundCreated() {
        api.writesSucceed(ROLE);
        api.entry(ROLE, "STANDARD", "admin:{{SessionName}}", List.of(), Map.of(), Map.of()); // as created
        // Round 1: the entry is created, its association loses a race; round 2's ListAccessEntries is refused.
        tools.jackson.databind.node.ObjectNode none = Json.object();
        none.putArray("accessEntries");
        api.stub(post(urlPathEqualTo(api.policies(ROLE))).willReturn(EksStubs.error(409, "ResourceInUseException",
                "The specified access entry resource is already in use on this cluster.", true)));
        api.stub(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(api.entries())).inScenario("list")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED).willSetStateTo("refused")
                .willReturn(EksStubs.ok(none)));
        api.stub(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(api.entries())).inScenario("list")
                .whenScenarioStateIs("refused").willReturn(EksStubs.error(400, "InvalidRequestException",
                        "The cluster's authentication mode must be set to one of [API, API_AND_CONFIG_MAP]", true)));
        JsonNode result = failedGrant(GRANT + "}");

        assertFalse(result.get("changed").asBoolean(), result.toString());
        assertTrue(result.get("error").asString().contains("ListAccessEntries"), result.toString());
        assertTrue(result.get("error").asString().endsWith("the access entry it created was deleted again: nothing is "
                + "changed"), result.toString());
        wm.verify(1, deleteRequestedFor(urlPathEqualTo(api.entry(ROLE))));
    }

    @Test
    void anEntryAnotherGrantCompletedMeanwhileIsNotDeletedUnderIt() {
        api.list();
        api.writesSucceed(ROLE);
        // Between our CreateAccessEntry and our refused association, another grant of the same role (the
        // permission set assigned to a group as well, say) associated its policy: the entry is in use.
        api.entry(ROLE, "STANDARD", "admin:{{SessionName}}", List.of(), Map.of(), Map.of(VIEW_POLICY, List.of()));
        api.stub(post(urlPathEqualTo(api.policies(ROLE))).willReturn(EksStubs.error(429, "ThrottlingException",
                "Rate exceeded", false)));
        JsonNode result = failedGrant(GRANT + "}");

        assertTrue(result.get("changed").asBoolean(), result.toString());
        assertTrue(result.get("summary").asString().endsWith("the access entry it created was changed by someone "
                + "else meanwhile, so it was left in place"), result.toString());
        wm.verify(0, deleteRequestedFor(anyUrl()));
    }

    @Test
    void aGrantRefusedAfterChangingAnEntryItFoundSaysWhatWasMade() {
        api.list(ROLE);
        api.entry(ROLE, "STANDARD", "old-name", List.of("ops"), Map.of(), Map.of());
        api.writesSucceed(ROLE);
        api.stub(post(urlPathEqualTo(api.policies(ROLE))).willReturn(EksStubs.error(403, "AccessDeniedException",
                "not authorized: eks:AssociateAccessPolicy", false)));
        JsonNode result = failedGrant(GRANT + "}");

        assertTrue(result.get("changed").asBoolean(), "the entry was updated: " + result);
        assertTrue(result.get("summary").asString().startsWith("partly made: 1 of 2 calls (Update " + ROLE + "); the "
                + "rest failed"), result.toString());
        wm.verify(0, deleteRequestedFor(anyUrl())); // not ours to delete
    }

    @Test
    void aRaceThatNeverEndsGivesUpAfterTheBoundAndSaysNothingWasMade() {
        env.put("MAX_WRITE_ATTEMPTS", "3");
        api.list(); // never shows the entry that CreateAccessEntry keeps finding
        api.stub(post(urlPathEqualTo(api.entries())).willReturn(EksStubs.error(409, "ResourceInUseException",
                "The specified access entry resource is already in use on this cluster.", true)));
        JsonNode result = failedGrant(GRANT + "}");

        assertFalse(result.get("changed").asBoolean(), result.toString());
        assertTrue(result.get("error").asString().startsWith("access entries in cluster eu-north-1/api kept changing "
                + "under us; gave up after 3 attempts"), result.toString());
        wm.verify(3, postRequestedFor(urlPathEqualTo(api.entries())));
        wm.verify(0, postRequestedFor(urlPathEqualTo(api.policies(ROLE))));
    }

    /** The one cluster result of a grant that failed. */
    JsonNode failedGrant(String request) {
        ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class,
                () -> invoke(new GrantAccessHandler(env), request));
        return json(e.getMessage().substring(e.getMessage().indexOf('{'))).get("results").get(0);
    }

    @Test
    void aDirectRevokeDeletesTheEntryWhateverPathFormIsAsked() {
        api.list(ROLE, "arn:aws:iam::111122223333:role/platform-admin");
        api.entry(ROLE, "STANDARD", "someone", List.of(), Map.of(), Map.of());
        api.writesSucceed(ROLE);
        String bare = "arn:aws:iam::111122223333:role/AWSReservedSSO_AdministratorAccess_0123456789abcdef";
        JsonNode result = AccessHandlersTest.only(json(invoke(new RevokeAccessHandler(env),
                "{\"clusters\":[{\"name\":\"api\",\"region\":\"eu-north-1\"}],\"arn\":\"" + bare + "\"}")));

        assertTrue(result.get("changed").asBoolean(), result.toString());
        wm.verify(deleteRequestedFor(urlPathEqualTo(api.entry(ROLE))));
        wm.verify(4, anyRequestedFor(anyUrl())); // DescribeCluster, List, Describe, Delete
    }

    static final String HAND_MADE_ADMIN = "arn:aws:iam::111122223333:role/platform-admin"; // in prod's aws-auth
    static final String REVOKE_ADMIN_ON_PROD = "{\"clusters\":[{\"name\":\"prod\",\"region\":\"eu-north-1\"}],"
            + "\"arn\":\"" + HAND_MADE_ADMIN + "\"}";

    /** "prod" in API_AND_CONFIG_MAP, with an access entry for the admin that aws-auth also maps by hand. */
    EksStubs prodReadingBoth() {
        EksStubs prod = new EksStubs(wm, "prod");
        prod.cluster(LocalCloud.ACCOUNT, "API_AND_CONFIG_MAP");
        prod.list(HAND_MADE_ADMIN);
        prod.entry(HAND_MADE_ADMIN, "STANDARD", "platform-admin", List.of(), Map.of(), Map.of());
        return prod;
    }

    @Test
    void aRevokeWhereEksReadsBothTakesTheIdentityOutOfBoth() {
        EksStubs prod = prodReadingBoth();
        prod.writesSucceed(HAND_MADE_ADMIN);
        JsonNode result = AccessHandlersTest.only(json(invoke(new RevokeAccessHandler(env), REVOKE_ADMIN_ON_PROD)));

        assertEquals("access-entries+aws-auth", result.get("backend").asString());
        assertTrue(result.get("changed").asBoolean(), result.toString());
        wm.verify(deleteRequestedFor(urlPathEqualTo(prod.entry(HAND_MADE_ADMIN))));
        String mapRoles = cloud.awsAuth(cloud.prod).getData().get("mapRoles");
        assertFalse(mapRoles.contains(HAND_MADE_ADMIN), mapRoles);
        assertTrue(mapRoles.contains("eks-node-group-NodeInstanceRole"), "node role kept: " + mapRoles);
    }

    @Test
    void anIdentityMappedOnlyInAwsAuthIsRevokedThereWhereEksStillReadsIt() {
        // Before, the revoke went to access entries alone, found nothing and said so: the mapping kept working.
        EksStubs prod = new EksStubs(wm, "prod");
        prod.cluster(LocalCloud.ACCOUNT, "API_AND_CONFIG_MAP");
        prod.list();
        JsonNode result = AccessHandlersTest.only(json(invoke(new RevokeAccessHandler(env), REVOKE_ADMIN_ON_PROD)));

        assertTrue(result.get("changed").asBoolean(), result.toString());
        assertFalse(cloud.awsAuth(cloud.prod).getData().get("mapRoles").contains(HAND_MADE_ADMIN));
        wm.verify(0, deleteRequestedFor(anyUrl()));
    }

    @Test
    void anEntryGoneBeforeItIsReadIsCheckedAgainstAwsAuthBeforeItIsCreatedAgain() {
        String nodes = "arn:aws:iam::111122223333:role/eks-node-group-NodeInstanceRole"; // in prod's aws-auth
        EksStubs prod = new EksStubs(wm, "prod");
        prod.cluster(LocalCloud.ACCOUNT, "API_AND_CONFIG_MAP");
        prod.list(nodes); // listed, but gone when described: the plan is to create it
        prod.stub(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(prod.entry(nodes))).willReturn(
                EksStubs.error(404, "ResourceNotFoundException", "The specified access entry resource could not be "
                        + "found.", true)));
        prod.writesSucceed(nodes);
        ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class,
                () -> invoke(new GrantAccessHandler(env), "{\"clusters\":[{\"name\":\"prod\",\"region\":"
                        + "\"eu-north-1\"}],\"arn\":\"" + nodes + "\",\"username\":\"viewer\"}"));

        assertTrue(e.getMessage().contains("refusing to create an access entry for " + nodes + ": aws-auth maps it as "
                + "nodes"), e.getMessage());
        wm.verify(0, postRequestedFor(urlPathEqualTo(prod.entries())));
    }

    @Test
    void aDirectRevokeThatMayNotReadAwsAuthChangesNothingAndSaysWhy() {
        EksStubs prod = prodReadingBoth();
        prod.writesSucceed(HAND_MADE_ADMIN);
        cloud.prod.failNext("GET", 403, 1);
        ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class,
                () -> invoke(new RevokeAccessHandler(env), REVOKE_ADMIN_ON_PROD));

        assertTrue(e.getMessage().contains("may not read (HTTP 403)") && e.getMessage().contains("Nothing was changed"),
                e.getMessage());
        wm.verify(0, deleteRequestedFor(anyUrl()));
        assertEquals(0, cloud.prod.awsAuthWrites());
    }

    @Test
    void aRevokeWhoseAwsAuthWriteFailsLeavesTheAccessEntryInPlace() {
        // Deleting the entry first would let the aws-auth mapping take over (system:masters here) when the
        // aws-auth write then fails.
        EksStubs prod = prodReadingBoth();
        prod.entry(HAND_MADE_ADMIN, "STANDARD", "platform-admin", List.of("viewers"), Map.of(), Map.of());
        prod.writesSucceed(HAND_MADE_ADMIN);
        cloud.prod.failNext("PUT", 403, 1);
        ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class,
                () -> invoke(new RevokeAccessHandler(env), REVOKE_ADMIN_ON_PROD));

        assertTrue(e.getMessage().contains("HTTP 403"), e.getMessage());
        wm.verify(0, deleteRequestedFor(anyUrl()));
        assertTrue(cloud.awsAuth(cloud.prod).getData().get("mapRoles").contains(HAND_MADE_ADMIN));
    }

    @Test
    void aRevokeWhoseAccessEntryDeleteFailsSaysTheMappingWentAndTheEntryDidNot() {
        EksStubs prod = prodReadingBoth();
        prod.stub(com.github.tomakehurst.wiremock.client.WireMock.delete(urlPathEqualTo(prod.entry(HAND_MADE_ADMIN)))
                .willReturn(EksStubs.error(403, "AccessDeniedException", "not authorized: eks:DeleteAccessEntry", false)));
        ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class,
                () -> invoke(new RevokeAccessHandler(env), REVOKE_ADMIN_ON_PROD));

        JsonNode result = json(e.getMessage().substring(e.getMessage().indexOf('{'))).get("results").get(0);
        assertTrue(result.get("changed").asBoolean(), result.toString());
        assertTrue(result.get("summary").asString().endsWith("; access entries: failed"), result.toString());
        assertTrue(result.get("diff").asString().contains("platform-admin"), result.toString());
        assertTrue(result.get("error").asString().contains("DeleteAccessEntry"), result.toString());
        assertFalse(cloud.awsAuth(cloud.prod).getData().get("mapRoles").contains(HAND_MADE_ADMIN));
    }

    @Test
    void aRevokeWhoseSecondEntryDeleteFailsSaysTheFirstWent() {
        // The same role under two IAM paths (an entry made by hand with a stale path, say): both are the identity's.
        String otherPath = "arn:aws:iam::111122223333:role/old/platform-admin";
        EksStubs prod = prodReadingBoth();
        prod.list(HAND_MADE_ADMIN, otherPath);
        prod.entry(otherPath, "STANDARD", "platform-admin", List.of(), Map.of(), Map.of());
        prod.writesSucceed(HAND_MADE_ADMIN);
        prod.stub(com.github.tomakehurst.wiremock.client.WireMock.delete(urlPathEqualTo(prod.entry(otherPath)))
                .willReturn(EksStubs.error(403, "AccessDeniedException", "not authorized: eks:DeleteAccessEntry", false)));
        ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class,
                () -> invoke(new RevokeAccessHandler(env), REVOKE_ADMIN_ON_PROD));

        JsonNode result = json(e.getMessage().substring(e.getMessage().indexOf('{'))).get("results").get(0);
        assertTrue(result.get("changed").asBoolean(), result.toString());
        assertTrue(result.get("summary").asString().contains("; access entries: partly made: 1 of 2 calls (Delete "
                + HAND_MADE_ADMIN + ")"), result.toString());
        assertTrue(result.get("diff").asString().contains("- access entry " + HAND_MADE_ADMIN), result.toString());
        wm.verify(1, deleteRequestedFor(urlPathEqualTo(prod.entry(HAND_MADE_ADMIN))));
    }

    @Test
    void nodeEntriesAreNeverRemoved() {
        String node = "arn:aws:iam::111122223333:role/eks-node-group-NodeInstanceRole";
        api.list(node);
        api.entry(node, "EC2_LINUX", "system:node:{{EC2PrivateDNSName}}", List.of(), Map.of(), Map.of());
        api.writesSucceed(node);
        ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class, () -> invoke(
                new RevokeAccessHandler(env), "{\"clusters\":[{\"name\":\"api\",\"region\":\"eu-north-1\"}],\"arn\":\""
                        + node + "\"}"));
        assertTrue(e.getMessage().contains("type EC2_LINUX (nodes)"), e.getMessage());
        wm.verify(0, deleteRequestedFor(anyUrl()));
    }

    @Test
    void listShowsEntriesAndPoliciesInTheAwsAuthShape() {
        String node = "arn:aws:iam::111122223333:role/eks-node-group-NodeInstanceRole";
        api.list(node, ROLE);
        api.entry(node, "EC2_LINUX", "system:node:{{EC2PrivateDNSName}}", List.of(), Map.of(), Map.of());
        api.entry(ROLE, "STANDARD", "admin", List.of("ops"), Map.of(), Map.of(VIEW_POLICY, List.of("team-a")));
        JsonNode result = AccessHandlersTest.only(json(invoke(new ListAccessHandler(env),
                "{\"clusters\":[{\"name\":\"api\",\"region\":\"eu-north-1\"}]}")));

        assertEquals("access-entries", result.get("backend").asString());
        JsonNode entries = result.get("entries");
        assertEquals("{\"kind\":\"role\",\"identity\":\"" + node + "\",\"username\":\"system:node:{{EC2PrivateDNSName}}\","
                + "\"groups\":[],\"node\":true,\"backend\":\"access-entries\",\"accessPolicies\":[]}",
                entries.get(0).toString());
        assertEquals("{\"kind\":\"role\",\"identity\":\"" + ROLE + "\",\"username\":\"admin\",\"groups\":[\"ops\"],"
                + "\"node\":false,\"backend\":\"access-entries\",\"accessPolicies\":[{\"policy\":\"AmazonEKSViewPolicy\","
                + "\"namespaces\":[\"team-a\"]}]}", entries.get(1).toString());
        wm.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void oneRequestUsesEachClustersBackendAndAForcedOneTheClusterIgnoresFailsThere() {
        new EksStubs(wm, "prod").cluster(LocalCloud.ACCOUNT, null); // no accessConfig: CONFIG_MAP
        api.list();
        api.writesSucceed(ROLE);
        String both = GRANT.replace("[{\"name\":\"api\",\"region\":\"eu-north-1\"}]",
                "[{\"name\":\"prod\",\"region\":\"eu-north-1\"},{\"name\":\"api\",\"region\":\"eu-north-1\"}]");
        JsonNode out = json(invoke(new GrantAccessHandler(env), both + "}"));
        assertEquals("aws-auth", out.get("results").get(0).get("backend").asString());
        assertEquals("access-entries", out.get("results").get(1).get("backend").asString());
        assertEquals(1, cloud.prod.awsAuthWrites());
        wm.verify(postRequestedFor(urlPathEqualTo(api.entries())));

        ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class,
                () -> invoke(new GrantAccessHandler(env), GRANT + ",\"backend\":\"aws-auth\"}"));
        assertTrue(e.getMessage().contains("EKS ignores aws-auth there"), e.getMessage());
        assertTrue(e.getMessage().contains("\"backend\":\"aws-auth\""), e.getMessage());
    }
}
