package dev.eksaccess.handler;

import static dev.eksaccess.handler.LocalCloud.invoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.access.AwsAuthDocument;
import dev.eksaccess.access.IdentityMapping;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

    LocalCloud cloud;
    Map<String, String> env;
    Map<String, String> seeded;

    @BeforeEach
    void start() {
        cloud = new LocalCloud();
        env = new LinkedHashMap<>(cloud.env());
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
                () -> invoke(new GrantAccessHandler(env), GRANT_PROD));
        assertTrue(e.getMessage().contains("gave up after 5 attempts, nothing was written"), e.getMessage());
        assertEquals(5, cloud.prod.count("PUT"), "bounded: MAX_WRITE_ATTEMPTS");
        assertEquals(seeded, cloud.awsAuth(cloud.prod).getData());
    }

    @Test
    void aShortConflictStormIsRiddenOut() {
        cloud.prod.failNext("PUT", 409, 3);
        JsonNode result = firstResult(invoke(new GrantAccessHandler(env), GRANT_PROD));
        assertTrue(result.get("changed").asBoolean());
        assertEquals(4, cloud.prod.count("PUT"));
        assertGranted();
    }

    @Test
    void aServerErrorOnTheWriteIsReportedAndLeavesAwsAuthAsItWas() {
        cloud.prod.failNext("PUT", 500, 1);
        ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class,
                () -> invoke(new GrantAccessHandler(env), GRANT_PROD));
        assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
        assertEquals(1, cloud.prod.count("PUT"), "a 500 is not blindly retried");
        assertEquals(seeded, cloud.awsAuth(cloud.prod).getData());
    }

    @Test
    void aSlowReadTimesOutWithinTheConfiguredBound() {
        env.put("KUBE_REQUEST_TIMEOUT_MS", "1000");
        cloud.prod.delayNext("GET", Duration.ofSeconds(6), 1);
        long started = System.nanoTime();
        ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class,
                () -> invoke(new GrantAccessHandler(env), GRANT_PROD));
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 6, "gave up before the answer came");
        assertTrue(e.getMessage().contains("prod"), e.getMessage());
        assertEquals(0, cloud.prod.awsAuthWrites());
    }

    @Test
    void aWriteWhoseAnswerIsLostIsReportedAndAReplayConverges() {
        env.put("KUBE_REQUEST_TIMEOUT_MS", "1000");
        cloud.prod.delayNext("PUT", Duration.ofSeconds(4), 1);
        assertThrows(ProvisioningFailedException.class, () -> invoke(new GrantAccessHandler(env), GRANT_PROD));
        // The server applied the write whole; the caller was told it failed, so a retry is the answer.
        assertGranted();
        JsonNode replay = firstResult(invoke(new GrantAccessHandler(env), GRANT_PROD));
        assertFalse(replay.get("changed").asBoolean(), replay.toString());
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
                    () -> invoke(new GrantAccessHandler(env), request));
            assertTrue(e.getMessage().startsWith("2 of 3 clusters failed"), e.getMessage());
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
            firstResult(invoke(new GrantAccessHandler(env), GRANT_PROD));
            assertEquals(3, throttled.get(), "two throttled answers, then the retry went through");
            assertGranted();
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
                    () -> invoke(new GrantAccessHandler(env), GRANT_PROD));
            assertTrue(e.getMessage().contains("AWS error"), e.getMessage());
            assertTrue(calls.get() <= 5, "bounded retries, got " + calls.get());
            assertEquals(0, cloud.prod.calls().size());
        }
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

    private void assertGranted() {
        List<IdentityMapping> roles = AwsAuthDocument.parse(cloud.awsAuth(cloud.prod).getData()).roles();
        assertEquals(1, roles.stream().filter(m -> ROLE.equals(m.arn())).count(), roles.toString());
        List<IdentityMapping> before = AwsAuthDocument.parse(seeded).roles();
        assertEquals(before, roles.subList(0, before.size()), "node role and hand-made entries untouched");
        assertEquals(seeded.get("mapUsers"), cloud.awsAuth(cloud.prod).getData().get("mapUsers"));
    }

    private static JsonNode firstResult(String response) {
        return Json.MAPPER.readTree(response).get("results").get(0);
    }
}
