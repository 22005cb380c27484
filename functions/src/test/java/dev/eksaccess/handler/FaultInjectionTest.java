package dev.eksaccess.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.access.AwsAuthDocument;
import dev.eksaccess.access.IdentityMapping;
import dev.eksaccess.testkit.KubeApiServer;
import dev.eksaccess.testkit.RecordedCall;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Faults from the Kubernetes API and from AWS. Every run ends with each requested change either applied
 * or reported as failed, node roles and hand-made entries untouched, and retries bounded.
 */
class FaultInjectionTest {
    static final String ROLE = "arn:aws:iam::111122223333:role/developers";
    static final String GRANT_PROD = """
            {"clusters":[{"name":"prod","region":"eu-north-1"}],"arn":"%s","username":"dev","groups":["dev"]}"""
            .formatted(ROLE);

    /** Lambda always runs with session credentials: a token that must never be echoed. */
    static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjEFaultInjectionSessionToken0123456789abcdefABCDEF";

    static final String GRANT_STAGING = """
            {"clusters":[{"name":"staging","region":"eu-north-1","accountId":"222222222222"}],
             "arn":"%s","username":"dev","groups":["dev"]}""".formatted(ROLE);

    LocalCloud cloud;
    Map<String, String> env;
    Map<String, String> seeded;
    @RegisterExtension
    final SecretWatch watch = new SecretWatch(() -> List.of(cloud.secretAccessKey, SESSION_TOKEN));

    @BeforeEach
    void start() {
        cloud = new LocalCloud();
        env = new LinkedHashMap<>(cloud.env());
        env.put("AWS_SESSION_TOKEN", SESSION_TOKEN);
        seeded = cloud.awsAuth(cloud.prod).getData();
        cloud.prod.clearCalls();
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    @Test
    void aConflictStormGivesUpAfterTheBoundAndWritesNothing() {
        cloud.prod.failNext("PUT", 409, 100);
        ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class,
                () -> watch.invoke(new GrantAccessHandler(env), GRANT_PROD));
        assertTrue(e.getMessage().contains("gave up after 5 attempts, nothing was written"), e.getMessage());
        assertEquals(5, cloud.prod.count("PUT"), "bounded: MAX_WRITE_ATTEMPTS");
        assertEquals(seeded, cloud.awsAuth(cloud.prod).getData());
    }

    @Test
    void aShortConflictStormIsRiddenOut() {
        cloud.prod.failNext("PUT", 409, 3);
        JsonNode result = firstResult(watch.invoke(new GrantAccessHandler(env), GRANT_PROD));
        assertTrue(result.get("changed").asBoolean());
        assertEquals(4, cloud.prod.count("PUT"));
        assertGranted();
    }

    @Test
    void aHandEditBetweenOurReadAndOurWriteIsKeptAndTheGrantRetried() {
        // A real conflict: right after our read someone adds a user; the store refuses our stale write.
        cloud.prod.editAfterNext("GET", KubeApiServer.AWS_AUTH_PATH, cm -> addUser(cm, "bob"), 1);
        JsonNode result = firstResult(watch.invoke(new GrantAccessHandler(env), GRANT_PROD));
        assertTrue(result.get("changed").asBoolean(), result.toString());
        assertEquals(List.of(409, 200), cloud.prod.calls().stream().filter(c -> c.method().equals("PUT"))
                .map(RecordedCall::status).toList());
        assertTrue(cloud.awsAuth(cloud.prod).getData().get("mapUsers").contains("user/bob\n"), "bob's edit kept");
        assertGranted();
    }

    @Test
    void handEditsAfterEveryReadExhaustTheBoundAndLoseNothing() {
        AtomicInteger editor = new AtomicInteger();
        cloud.prod.editAfterNext("GET", KubeApiServer.AWS_AUTH_PATH,
                cm -> addUser(cm, "editor-" + editor.incrementAndGet()), 100);
        ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class,
                () -> watch.invoke(new GrantAccessHandler(env), GRANT_PROD));
        assertTrue(e.getMessage().contains("gave up after 5 attempts, nothing was written"), e.getMessage());
        assertEquals(5, cloud.prod.count("PUT"), "bounded: MAX_WRITE_ATTEMPTS");
        Map<String, String> now = cloud.awsAuth(cloud.prod).getData();
        for (int i = 1; i <= 5; i++) {
            assertTrue(now.get("mapUsers").contains("user/editor-" + i + "\n"), "edit " + i + " kept: " + now);
        }
        assertFalse(now.get("mapRoles").contains(ROLE), "nothing of ours written");
        assertEquals(seeded.get("mapRoles"), now.get("mapRoles"));
    }

    @Test
    void aRevokeUnderFaultsIsWholeOrNothing() {
        watch.invoke(new GrantAccessHandler(env), GRANT_PROD);
        Map<String, String> granted = cloud.awsAuth(cloud.prod).getData();
        String revoke = "{\"clusters\":[{\"name\":\"prod\",\"region\":\"eu-north-1\"}],\"arn\":\"" + ROLE + "\"}";

        cloud.prod.failNext("PUT", 500, 1);
        ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class,
                () -> watch.invoke(new RevokeAccessHandler(env), revoke));
        assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
        assertEquals(granted, cloud.awsAuth(cloud.prod).getData(), "nothing half-removed");

        cloud.prod.editAfterNext("GET", KubeApiServer.AWS_AUTH_PATH, cm -> addUser(cm, "carol"), 1);
        JsonNode result = firstResult(watch.invoke(new RevokeAccessHandler(env), revoke));
        assertTrue(result.get("changed").asBoolean(), result.toString());
        Map<String, String> now = cloud.awsAuth(cloud.prod).getData();
        assertFalse(now.get("mapRoles").contains(ROLE), now.toString());
        assertEquals(seeded.get("mapRoles"), now.get("mapRoles"), "back to the node role and hand-made entries");
        assertTrue(now.get("mapUsers").contains("user/carol\n"), "carol's edit kept");
    }

    @Test
    void aServerErrorOnTheWriteIsReportedAndLeavesAwsAuthAsItWas() {
        cloud.prod.failNext("PUT", 500, 1);
        ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class,
                () -> watch.invoke(new GrantAccessHandler(env), GRANT_PROD));
        assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
        assertEquals(1, cloud.prod.count("PUT"), "a 500 is not blindly retried");
        assertEquals(seeded, cloud.awsAuth(cloud.prod).getData());
    }

    @Test
    void aSlowReadTimesOutWithinTheConfiguredBound() {
        env.put("KUBE_REQUEST_TIMEOUT_MS", "1000");
        cloud.prod.delayNext("GET", Duration.ofSeconds(10), 1);
        long started = System.nanoTime();
        ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class,
                () -> watch.invoke(new GrantAccessHandler(env), GRANT_PROD));
        // The configured 1 s, not the 5 s default nor the 10 s the answer takes.
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 4000, "gave up after the configured bound");
        JsonNode result = failedResults(e).get(0);
        assertEquals("prod", result.get("cluster").asString());
        assertTrue(result.get("error").asString().contains("request timed out"), result.toString());
        assertEquals(1, cloud.prod.count("GET"), "no blind retry of the read");
        assertEquals(0, cloud.prod.awsAuthWrites());
    }

    @Test
    void aWriteWhoseAnswerIsLostIsReadBackAndFoundInPlace() {
        env.put("KUBE_REQUEST_TIMEOUT_MS", "1000");
        cloud.prod.delayNext("PUT", Duration.ofSeconds(4), 1);
        JsonNode result = firstResult(watch.invoke(new GrantAccessHandler(env), GRANT_PROD));
        // The server applied the write whole; its answer timed out, so aws-auth was read back to find out.
        assertFoundInPlace(result);
        assertEquals(1, cloud.prod.count("PUT"), "not written again");
        assertEquals(2, cloud.prod.count("GET"), "the read, and the read back");
        assertGranted();
        JsonNode replay = firstResult(watch.invoke(new GrantAccessHandler(env), GRANT_PROD));
        assertFalse(replay.get("changed").asBoolean(), replay.toString());
    }

    @Test
    void aWriteWhoseConnectionDropsBeforeItArrivesIsMadeAgainOnAFreshRead() {
        try (DroppingLink link = prodThroughADroppingLink()) {
            link.dropNext("PUT", DroppingLink.When.BEFORE_IT_ARRIVES, 1);
            JsonNode result = firstResult(watch.invoke(new GrantAccessHandler(env), GRANT_PROD));
            assertEquals(1, link.dropped());
            assertTrue(result.get("changed").asBoolean(), result.toString());
            assertEquals("add " + ROLE + " to mapRoles", result.get("summary").asString());
            // Read, write (dropped), read back (not in place), read again, write.
            assertEquals(List.of("GET", "GET", "GET", "PUT"), cloud.prod.calls().stream().map(RecordedCall::method)
                    .toList());
            assertGranted();
        }
    }

    @Test
    void aWriteWhoseConnectionDropsAfterTheApiAppliedItIsReadBackAndFoundInPlace() {
        try (DroppingLink link = prodThroughADroppingLink()) {
            link.dropNext("PUT", DroppingLink.When.AFTER_THE_ANSWER, 1);
            JsonNode result = firstResult(watch.invoke(new GrantAccessHandler(env), GRANT_PROD));
            assertEquals(1, link.dropped());
            assertFoundInPlace(result);
            assertEquals(1, cloud.prod.count("PUT"), "applied once, not written again");
            assertGranted();
        }
    }

    @Test
    void aCreatedAwsAuthWhoseAnswerIsLostIsReadBackAndFoundInPlace() {
        cloud.prod.adminClient().configMaps().inNamespace("kube-system").withName("aws-auth").delete();
        cloud.prod.clearCalls();
        try (DroppingLink link = prodThroughADroppingLink()) {
            link.dropNext("POST", DroppingLink.When.AFTER_THE_ANSWER, 1);
            JsonNode result = firstResult(watch.invoke(new GrantAccessHandler(env), GRANT_PROD));
            assertEquals(1, link.dropped());
            assertFoundInPlace(result);
            assertEquals(1, cloud.prod.count("POST"), "created once, not again");
            List<IdentityMapping> roles = AwsAuthDocument.parse(cloud.awsAuth(cloud.prod).getData()).roles();
            assertEquals(List.of(ROLE), roles.stream().map(IdentityMapping::arn).toList());
        }
    }

    @Test
    void aLostWriteEditedOverBeforeTheReadBackIsPlannedAgainAndSaysWhatItMayHaveDone() {
        try (DroppingLink link = prodThroughADroppingLink()) {
            link.dropNext("PUT", DroppingLink.When.AFTER_THE_ANSWER, 1);
            cloud.prod.editAfterNext("PUT", KubeApiServer.AWS_AUTH_PATH, cm -> addUser(cm, "bob"), 1);
            JsonNode result = firstResult(watch.invoke(new GrantAccessHandler(env), GRANT_PROD));
            // Read back, aws-auth is not exactly what we wrote, so the change is planned again on it: in place.
            assertFalse(result.get("changed").asBoolean(), result.toString());
            assertEquals(ROLE + " is already mapped as requested in mapRoles (an earlier write of this change got no "
                    + "answer: it may be that write that put it in place)", result.get("summary").asString());
            assertEquals(1, cloud.prod.count("PUT"));
            assertTrue(cloud.awsAuth(cloud.prod).getData().get("mapUsers").contains("user/bob\n"), "bob's edit kept");
            assertGranted();
        }
    }

    @Test
    void aLostWriteThatCannotBeReadBackIsReportedAsUnknownAndAReplayConverges() {
        try (DroppingLink link = prodThroughADroppingLink()) {
            link.dropNext("PUT", DroppingLink.When.AFTER_THE_ANSWER, 1);
            // The JDK HTTP client sends a GET (never a PUT) once more on a fresh connection after a reset.
            link.dropNext("GET", DroppingLink.When.BEFORE_IT_ARRIVES, 2);
            ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class,
                    () -> watch.invoke(new GrantAccessHandler(env), GRANT_PROD));
            assertEquals(3, link.dropped());
            String error = failedResults(e).get(0).get("error").asString();
            assertTrue(error.startsWith("the aws-auth write in 111122223333/eu-north-1/prod got no answer (Kubernetes "
                    + "API error: Operation: [update]"), error);
            assertTrue(error.contains("(SocketException: Connection reset)"), error);
            assertTrue(error.endsWith("and reading aws-auth back failed too (Kubernetes API error: Operation: [get]  for "
                    + "kind: [ConfigMap]  with name: [aws-auth]  in namespace: [kube-system]  failed. (SocketException: "
                    + "Connection reset)): the change may or may not be in place; run it again (a replay changes "
                    + "nothing if it is)"), error);
            assertGranted(); // it was in place, as said it might be
            JsonNode replay = firstResult(watch.invoke(new GrantAccessHandler(env), GRANT_PROD));
            assertFalse(replay.get("changed").asBoolean(), replay.toString());
            assertEquals(1, cloud.prod.count("PUT"));
        }
    }

    @Test
    void writesThatNeverArriveGiveUpAfterTheBoundAndWriteNothing() {
        try (DroppingLink link = prodThroughADroppingLink()) {
            link.dropNext("PUT", DroppingLink.When.BEFORE_IT_ARRIVES, 100);
            ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class,
                    () -> watch.invoke(new GrantAccessHandler(env), GRANT_PROD));
            assertEquals(5, link.dropped(), "bounded: MAX_WRITE_ATTEMPTS");
            String error = failedResults(e).get(0).get("error").asString();
            assertTrue(error.startsWith("the aws-auth write in 111122223333/eu-north-1/prod got no answer"), error);
            assertTrue(error.endsWith("; gave up after 5 attempts, and the change was not in place when last read "
                    + "back (a write still on its way may yet be applied: run it again to be sure)"), error);
            assertEquals(0, cloud.prod.count("PUT"));
            assertEquals(seeded, cloud.awsAuth(cloud.prod).getData());
        }
    }

    @Test
    void unreachableAndDroppingClustersFailAloneWhileTheOthersComplete() throws Exception {
        try (ServerSocket closedAfterAccept = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             ServerSocket refused = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int refusedPort = refused.getLocalPort();
            refused.close(); // nothing listens there any more
            Thread dropper = new Thread(() -> {
                while (!closedAfterAccept.isClosed()) {
                    try (Socket s = closedAfterAccept.accept()) {
                        s.setSoLinger(true, 0); // reset, as a dropped connection looks
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            dropper.setDaemon(true);
            dropper.start();
            env.put("EKS_ACCESS_KUBE_ENDPOINTS", "{\"prod\":\"" + cloud.prod.url() + "\",\"staging\":\"http://127.0.0.1:"
                    + closedAfterAccept.getLocalPort() + "\",\"gone\":\"http://127.0.0.1:" + refusedPort + "\"}");
            createCluster("gone");
            String request = """
                    {"clusters":[{"name":"prod","region":"eu-north-1"},
                                 {"name":"staging","region":"eu-north-1","accountId":"222222222222"},
                                 {"name":"gone","region":"eu-north-1"}],
                     "arn":"%s","username":"dev","groups":["dev"]}""".formatted(ROLE);
            ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class,
                    () -> watch.invoke(new GrantAccessHandler(env), request));
            assertTrue(e.getMessage().startsWith("2 of 3 clusters failed"), e.getMessage());
            JsonNode results = failedResults(e);
            assertTrue(results.get(0).get("changed").asBoolean(), results.toString());
            // Each failure says it is the cluster's API that failed, and how: not some other error.
            assertTrue(results.get(1).get("error").asString().startsWith("Kubernetes API error: Operation: [get]")
                    && results.get(1).get("error").asString().contains("Connection reset"), results.toString());
            assertTrue(results.get(2).get("error").asString().startsWith("Kubernetes API error: Operation: [get]"),
                    results.toString());
            assertGranted();
        }
    }

    @Test
    void awsThrottlingIsRetriedWithinTheSdkBound() {
        AtomicInteger throttled = new AtomicInteger();
        try (AwsProxy eks = AwsProxy.start(cloud.moto.endpoint(), (exchange, body) -> {
            if (!exchange.getRequestURI().getPath().startsWith("/clusters/") || throttled.incrementAndGet() > 2) {
                return false;
            }
            AwsProxy.reply(exchange, 429, Map.of("x-amzn-ErrorType", "ThrottlingException"),
                    "{\"message\":\"Rate exceeded\"}".getBytes());
            return true;
        })) {
            env.put("AWS_ENDPOINT_URL_EKS", eks.url().toString());
            firstResult(watch.invoke(new GrantAccessHandler(env), GRANT_PROD));
            assertEquals(3, throttled.get(), "two throttled answers, then the retry went through");
            assertGranted();
        }
    }

    @Test
    void stsThrottlingOfTheAssumedTargetRoleIsRetriedToo() {
        AtomicInteger assumeRoles = new AtomicInteger();
        try (AwsProxy sts = AwsProxy.start(cloud.moto.endpoint(), (exchange, body) ->
                new String(body, StandardCharsets.UTF_8).contains("Action=AssumeRole")
                        && assumeRoles.incrementAndGet() <= 2
                        && AwsProxy.queryError(exchange, 400, "Throttling", "Rate exceeded"))) {
            env.put("AWS_ENDPOINT_URL_STS", sts.url().toString());
            JsonNode result = firstResult(watch.invoke(new GrantAccessHandler(env), GRANT_STAGING));
            assertTrue(result.get("changed").asBoolean(), result.toString());
            assertEquals(3, assumeRoles.get(), "two throttled answers, then the retry went through");
            assertTrue(cloud.awsAuth(cloud.staging).getData().get("mapRoles").contains(ROLE));
        }
    }

    @Test
    void persistentAwsThrottlingFailsTheClusterWithoutEndlessRetries() {
        AtomicInteger calls = new AtomicInteger();
        try (AwsProxy eks = AwsProxy.start(cloud.moto.endpoint(), (exchange, body) -> {
            calls.incrementAndGet();
            AwsProxy.reply(exchange, 429, Map.of("x-amzn-ErrorType", "ThrottlingException"),
                    "{\"message\":\"Rate exceeded\"}".getBytes());
            return true;
        })) {
            env.put("AWS_ENDPOINT_URL_EKS", eks.url().toString());
            ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class,
                    () -> watch.invoke(new GrantAccessHandler(env), GRANT_PROD));
            assertTrue(e.getMessage().contains("AWS error"), e.getMessage());
            assertTrue(calls.get() <= 5, "bounded retries, got " + calls.get());
            assertEquals(0, cloud.prod.calls().size());
        }
    }

    @Test
    void anAwsErrorThatEchoesTheSessionTokenLeavesItOutOfResultsAndLogs() {
        // STS, a query service, explains SignatureDoesNotMatch with the canonical request it expected,
        // session token included. The SDK's own STS client (assuming the target role) passes that text on.
        AtomicInteger echoed = new AtomicInteger();
        try (AwsProxy sts = AwsProxy.start(cloud.moto.endpoint(), (exchange, body) -> {
            String token = exchange.getRequestHeaders().getFirst("X-Amz-Security-Token");
            if (!new String(body, StandardCharsets.UTF_8).contains("Action=AssumeRole") || token == null) {
                return false;
            }
            assertEquals(SESSION_TOKEN, token, "signed with the function's own session credentials");
            echoed.incrementAndGet();
            return AwsProxy.queryError(exchange, 403, "SignatureDoesNotMatch", """
                    The request signature we calculated does not match the signature you provided. Check your AWS \
                    Secret Access Key and signing method. Consult the service documentation for details.

                    The Canonical String for this request should have been
                    'POST
                    /

                    content-type:application/x-www-form-urlencoded; charset=utf-8
                    host:sts.eu-north-1.amazonaws.com
                    x-amz-date:20261128T120000Z
                    x-amz-security-token:%s

                    content-type;host;x-amz-date;x-amz-security-token
                    5f1b2c3d'

                    The String-to-Sign should have been
                    'AWS4-HMAC-SHA256
                    20261128T120000Z
                    20261128/eu-north-1/sts/aws4_request
                    8e9f0a1b'""".formatted(token));
        })) {
            env.put("AWS_ENDPOINT_URL_STS", sts.url().toString());
            ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class,
                    () -> watch.invoke(new GrantAccessHandler(env), GRANT_STAGING));
            assertTrue(echoed.get() >= 1, "STS saw the token and echoed it");
            assertTrue(e.getMessage().contains("\"AWS error: The request signature we calculated does not match the "
                    + "signature you provided. Check your AWS Secret Access Key and signing method. Consult the service "
                    + "documentation for details. (canonical request not shown) (Service: Sts, Status Code: 403, "
                    + "Request ID: 4c0ffee0-0000-4000-8000-000000000000) (SDK Attempt Count: 1)"), e.getMessage());
            assertEquals(0, cloud.staging.calls().size());
        }
        // SecretWatch fails the test if the token reached the result, the exception or a log line.
    }

    /** The functions reach prod through a link that drops the connections a test tells it to. */
    private DroppingLink prodThroughADroppingLink() {
        DroppingLink link = DroppingLink.to(cloud.prod.url());
        env.put("EKS_ACCESS_KUBE_ENDPOINTS", "{\"prod\":\"" + link.url() + "\"}");
        return link;
    }

    /** A write whose answer was lost, found in place when read back: done, and said so. */
    private static void assertFoundInPlace(JsonNode result) {
        assertTrue(result.get("changed").asBoolean(), result.toString());
        assertTrue(result.get("summary").asString().endsWith("(the write got no answer; read back, it is in place)"),
                result.toString());
    }

    /** What someone with kubectl might add while we work: a mapUsers entry. */
    private static void addUser(ConfigMap configMap, String name) {
        configMap.getData().merge("mapUsers", "- userarn: arn:aws:iam::111122223333:user/" + name + "\n  username: "
                + name + "\n", String::concat);
    }

    private void createCluster(String name) {
        try (var eks = software.amazon.awssdk.services.eks.EksClient.builder()
                .region(software.amazon.awssdk.regions.Region.EU_NORTH_1).endpointOverride(cloud.moto.endpoint())
                .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                        cloud.accessKeyId, cloud.secretAccessKey)).build()) {
            eks.createCluster(r -> r.name(name).roleArn("arn:aws:iam::111122223333:role/eks")
                    .resourcesVpcConfig(v -> v.subnetIds("subnet-1")));
        }
    }

    /** Our role mapped once; node role, hand-made entries, other sections and labels as they were. */
    private void assertGranted() {
        ConfigMap now = cloud.awsAuth(cloud.prod);
        List<IdentityMapping> roles = AwsAuthDocument.parse(now.getData()).roles();
        assertEquals(1, roles.stream().filter(m -> ROLE.equals(m.arn())).count(), roles.toString());
        List<IdentityMapping> before = AwsAuthDocument.parse(seeded).roles();
        assertEquals(before, roles.subList(0, before.size()), "node role and hand-made entries untouched");
        // mapUsers as seeded, plus whatever someone else added meanwhile (never by us).
        assertTrue(now.getData().get("mapUsers").startsWith(seeded.get("mapUsers")), now.getData().toString());
        seeded.forEach((section, text) -> {
            if (!section.equals("mapRoles") && !section.equals("mapUsers")) {
                assertEquals(text, now.getData().get(section), section);
            }
        });
        assertEquals(Map.of("app.kubernetes.io/managed-by", "eksctl"), now.getMetadata().getLabels());
    }

    /** The per-cluster results a failed invocation reports in its error message. */
    private static JsonNode failedResults(ProvisioningFailedException e) {
        return Json.MAPPER.readTree(e.getMessage().substring(e.getMessage().indexOf('{'))).get("results");
    }

    private static JsonNode firstResult(String response) {
        return Json.MAPPER.readTree(response).get("results").get(0);
    }
}
