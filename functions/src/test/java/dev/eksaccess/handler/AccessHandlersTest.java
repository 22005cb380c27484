package dev.eksaccess.handler;

import static dev.eksaccess.handler.LocalCloud.ACCOUNT;
import static dev.eksaccess.handler.LocalCloud.OTHER_ACCOUNT;
import static dev.eksaccess.handler.LocalCloud.event;
import static dev.eksaccess.handler.LocalCloud.invoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.access.AwsAuthDocument;
import dev.eksaccess.access.IdentityMapping;
import dev.eksaccess.access.InvalidInputException;
import dev.eksaccess.testkit.EksTokenVerifier;
import dev.eksaccess.testkit.LocalContext;
import dev.eksaccess.testkit.RecordedCall;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Grant, Revoke and List driven as Lambda drives them, with the sample events, against local AWS and EKS. */
class AccessHandlersTest {
    static final String SSO_ROLE = "arn:aws:iam::111122223333:role/AWSReservedSSO_AdministratorAccess_0123456789abcdef";
    static final String NODE_ROLE = "arn:aws:iam::111122223333:role/eks-node-group-NodeInstanceRole";

    LocalCloud cloud;
    Map<String, String> env;

    @BeforeEach
    void start() {
        cloud = new LocalCloud();
        env = cloud.env();
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    @Test
    void grantListRevokeRoundTripWithTheSampleEvents() {
        JsonNode granted = json(invoke(new GrantAccessHandler(env), event("grant-role.json")));
        JsonNode result = only(granted);
        assertEquals(0, granted.get("failed").asInt());
        assertTrue(result.get("changed").asBoolean(), granted.toString());
        assertEquals("aws-auth", result.get("backend").asString());
        assertEquals(ACCOUNT, result.get("accountId").asString());
        assertTrue(result.get("error").isNull());
        assertTrue(result.get("diff").asString().contains("+ - rolearn: " + SSO_ROLE), result.toString());

        IdentityMapping entry = roles(cloud.awsAuth(cloud.prod)).stream()
                .filter(m -> SSO_ROLE.equals(m.arn())).findFirst().orElseThrow();
        assertEquals("admin:{{SessionName}}", entry.username());
        assertEquals(List.of("system:masters"), entry.groups());
        assertTrue(roles(cloud.awsAuth(cloud.prod)).stream().anyMatch(m -> NODE_ROLE.equals(m.arn()) && m.mapsNodes()));
        assertEquals("eksctl", cloud.awsAuth(cloud.prod).getMetadata().getLabels().get("app.kubernetes.io/managed-by"));

        JsonNode listed = only(json(invoke(new ListAccessHandler(env), event("list.json"))));
        assertTrue(identities(listed).contains(SSO_ROLE), listed.toString());

        JsonNode revoked = only(json(invoke(new RevokeAccessHandler(env), event("revoke-role.json"))));
        assertTrue(revoked.get("changed").asBoolean());
        assertTrue(roles(cloud.awsAuth(cloud.prod)).stream().noneMatch(m -> SSO_ROLE.equalsIgnoreCase(m.arn())));
        assertTrue(roles(cloud.awsAuth(cloud.prod)).stream().anyMatch(m -> NODE_ROLE.equals(m.arn())));

        JsonNode after = only(json(invoke(new ListAccessHandler(env), event("list.json"))));
        assertFalse(identities(after).contains(SSO_ROLE));
        assertTrue(identities(after).contains(NODE_ROLE));
    }

    @Test
    void inLambdaTheFunctionsOwnAccountComesFromItsArnInsteadOfSts() throws IOException {
        List<String> callerLookups = new CopyOnWriteArrayList<>();
        try (AwsProxy proxy = AwsProxy.start(URI.create(env.get("AWS_ENDPOINT_URL")), (exchange, body) -> {
            if (new String(body, StandardCharsets.UTF_8).contains("Action=GetCallerIdentity")) {
                callerLookups.add(exchange.getRequestURI().toString());
            }
            return false;
        })) {
            Map<String, String> local = new LinkedHashMap<>(env);
            local.put("AWS_ENDPOINT_URL", proxy.url().toString());
            LocalContext context = new LocalContext("GrantAccessFunction", Duration.ofMinutes(1), 1024,
                    LocalCloud.REGION, ACCOUNT);

            // Outside Lambda a context proves nothing: the account is asked of STS.
            only(json(invoke(new GrantAccessHandler(local), event("grant-role.json"), context)));
            assertEquals(1, callerLookups.size(), callerLookups.toString());

            callerLookups.clear();
            Map<String, String> lambda = new LinkedHashMap<>(local);
            lambda.put("AWS_LAMBDA_FUNCTION_NAME", "GrantAccessFunction");
            JsonNode result = only(json(invoke(new RevokeAccessHandler(lambda), event("revoke-role.json"), context)));
            assertEquals(List.of(), callerLookups, "the function ARN names the account");
            assertEquals(ACCOUNT, result.get("accountId").asString());
            assertTrue(result.get("changed").asBoolean(), result.toString());
        }
    }

    @Test
    void anUnchangedGrantWritesNothing() {
        invoke(new GrantAccessHandler(env), event("grant-role.json"));
        assertEquals(1, cloud.prod.awsAuthWrites());
        cloud.prod.clearCalls();

        JsonNode again = only(json(invoke(new GrantAccessHandler(env), event("grant-role.json"))));
        assertFalse(again.get("changed").asBoolean());
        assertEquals(0, cloud.prod.awsAuthWrites(), cloud.prod.calls().toString());
        assertEquals(List.of("GET"), cloud.prod.calls().stream().map(RecordedCall::method).toList());
    }

    @Test
    void aUserWithoutAccountIdGoesToMapUsersInTheCallersAccount() {
        JsonNode result = only(json(invoke(new GrantAccessHandler(env), event("grant-user.json"))));
        assertEquals(ACCOUNT, result.get("accountId").asString());
        List<IdentityMapping> users = AwsAuthDocument.parse(cloud.awsAuth(cloud.prod).getData()).users();
        assertTrue(users.stream().anyMatch(u -> "arn:aws:iam::111122223333:user/ci-deployer".equals(u.arn())
                && "ci-deployer".equals(u.username())), users.toString());
    }

    @Test
    void aConflictOnTheFirstWriteIsRetriedWithAFreshRead() {
        cloud.prod.failNext("PUT", 409, 1);
        JsonNode result = only(json(invoke(new GrantAccessHandler(env), event("grant-role.json"))));
        assertTrue(result.get("changed").asBoolean(), result.toString());
        assertEquals(2, cloud.prod.count("PUT"));
        assertEquals(2, cloud.prod.count("GET"), "the retry re-reads before it writes again");
        assertTrue(roles(cloud.awsAuth(cloud.prod)).stream().anyMatch(m -> SSO_ROLE.equals(m.arn())));
    }

    @Test
    void aFailingClusterFailsTheInvocationOnlyAfterTheOthersAreDone() {
        cloud.staging.failNext("GET", 500, 1);
        String request = """
                {"clusters":[{"name":"prod","region":"eu-north-1"},
                             {"name":"staging","region":"eu-north-1","accountId":"222222222222"}],
                 "arn":"arn:aws:iam::111122223333:role/developers","username":"dev","groups":["dev"]}""";
        ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class,
                () -> invoke(new GrantAccessHandler(env), request));
        assertTrue(e.getMessage().startsWith("1 of 2 clusters failed: "), e.getMessage());
        JsonNode results = json(e.getMessage().substring(e.getMessage().indexOf('{'))).get("results");
        assertTrue(results.get(0).get("changed").asBoolean());
        assertTrue(results.get(0).get("error").isNull());
        assertTrue(results.get(1).get("error").asString().contains("500"), results.toString());
        assertTrue(roles(cloud.awsAuth(cloud.prod)).stream()
                .anyMatch(m -> "arn:aws:iam::111122223333:role/developers".equals(m.arn())));
        assertEquals(0, cloud.staging.awsAuthWrites());
    }

    @Test
    void aClusterInAnotherAccountIsReachedThroughTheAssumedTargetRole() {
        String request = """
                {"clusters":[{"name":"staging","region":"eu-north-1","accountId":"222222222222"}],
                 "arn":"arn:aws:iam::222222222222:role/developers","username":"dev"}""";
        JsonNode result = only(json(invoke(new GrantAccessHandler(env), request)));
        assertEquals(OTHER_ACCOUNT, result.get("accountId").asString());
        assertTrue(result.get("changed").asBoolean());
        // The staging API verified every token against moto's secret for its key: the principal is that key.
        String keyId = cloud.staging.calls().get(0).principal();
        assertTrue(keyId.startsWith("ASIA"), "temporary credentials of the assumed role: " + keyId);
        assertNotEquals(cloud.accessKeyId, keyId, "signed with the assumed role, not the base keys");
        assertTrue(roles(cloud.awsAuth(cloud.staging)).stream()
                .anyMatch(m -> "arn:aws:iam::222222222222:role/developers".equals(m.arn())));
    }

    @Test
    void theBearerTokenTheApiReceivesPassesAnIndependentSigV4Check() {
        invoke(new GrantAccessHandler(env), event("grant-role.json"));
        assertFalse(cloud.prod.calls().isEmpty());
        for (RecordedCall call : cloud.prod.calls()) {
            EksTokenVerifier.VerifiedToken verified =
                    EksTokenVerifier.verify(call.bearerToken(), "prod", cloud.secretAccessKey, Instant.now());
            assertEquals(cloud.accessKeyId, verified.accessKeyId());
            assertEquals("eu-north-1", verified.region());
        }
        KubernetesClientException refused = assertThrows(KubernetesClientException.class, () -> cloud.prod
                .client("k8s-aws-v1.aHR0cHM6Ly9zdHMuZXUtbm9ydGgtMS5hbWF6b25hd3MuY29tLw")
                .configMaps().inNamespace("kube-system").withName("aws-auth").get());
        assertEquals(401, refused.getCode());
    }

    @Test
    void invalidInputNamesTheFieldAndTouchesNoCluster() {
        InvalidInputException badArn = assertThrows(InvalidInputException.class, () -> invoke(
                new GrantAccessHandler(env), event("grant-role.json").replace("arn:aws:iam::", "arn:aws:iam:")));
        assertEquals("arn", badArn.field());
        InvalidInputException typo = assertThrows(InvalidInputException.class, () -> invoke(
                new GrantAccessHandler(env), event("grant-role.json").replace("\"groups\"", "\"group\"")));
        assertEquals("group", typo.field());
        InvalidInputException noClusters = assertThrows(InvalidInputException.class, () -> invoke(
                new ListAccessHandler(env), "{\"clusters\":[]}"));
        assertEquals("clusters", noClusters.field());
        assertTrue(cloud.prod.calls().isEmpty());
    }

    @Test
    void dryRunReportsTheChangeAndWritesNothing() {
        JsonNode result = only(json(invoke(new GrantAccessHandler(env),
                event("grant-role.json").replace("\"dryRun\": false", "\"dryRun\": true"))));
        assertTrue(result.get("changed").asBoolean());
        assertTrue(result.get("diff").asString().contains(SSO_ROLE));
        assertEquals(0, cloud.prod.awsAuthWrites());
    }

    @Test
    void aMissingAwsAuthIsCreated() {
        cloud.prod.adminClient().configMaps().inNamespace("kube-system").withName("aws-auth").delete();
        cloud.prod.clearCalls();
        invoke(new GrantAccessHandler(env), event("grant-role.json"));
        ConfigMap created = cloud.awsAuth(cloud.prod);
        assertEquals(List.of(SSO_ROLE), roles(created).stream().map(IdentityMapping::arn).toList());
        assertNull(created.getData().get("mapUsers"), "only the section that changed is written");
        assertNotEquals(0, cloud.prod.count("POST"));
    }

    static JsonNode json(String text) {
        return Json.MAPPER.readTree(text);
    }

    static JsonNode only(JsonNode response) {
        assertEquals(1, response.get("results").size(), response.toString());
        return response.get("results").get(0);
    }

    static List<IdentityMapping> roles(ConfigMap cm) {
        return AwsAuthDocument.parse(cm.getData()).roles();
    }

    static List<String> identities(JsonNode result) {
        return result.get("entries").valueStream().map(e -> e.get("identity").asString()).toList();
    }
}
