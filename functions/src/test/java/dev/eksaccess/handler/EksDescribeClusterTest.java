package dev.eksaccess.handler;

import static dev.eksaccess.handler.AccessHandlersTest.json;
import static dev.eksaccess.handler.LocalCloud.invoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import dev.eksaccess.testkit.SigV4RequestVerifier;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * EKS DescribeCluster without the EKS SDK client (issue #8: the client's first call was most of a cold
 * start's AWS time), driven through GrantAccess on moto behind a loopback proxy that checks every request's
 * SigV4 signature independently and answers the errors moto cannot produce.
 */
class EksDescribeClusterTest {
    static final String BOTH = """
            {"clusters":[{"name":"prod","region":"eu-north-1"},
                         {"name":"staging","region":"eu-north-1","accountId":"222222222222"}],
             "arn":"arn:aws:iam::111122223333:role/developers","username":"dev","groups":["dev"]}""";
    static final String PROD = """
            {"clusters":[{"name":"prod","region":"eu-north-1"}],
             "arn":"arn:aws:iam::111122223333:role/developers","username":"dev","groups":["dev"]}""";

    LocalCloud cloud;
    Map<String, String> env;
    /** Requests that reached the proxy: "service method path" and the key that signed them. */
    final Queue<String> calls = new ConcurrentLinkedQueue<>();
    final Queue<String> keys = new ConcurrentLinkedQueue<>();
    final Queue<String> badSignatures = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void start() {
        cloud = new LocalCloud();
        env = cloud.env();
    }

    @AfterEach
    void stop() {
        cloud.close();
        assertTrue(badSignatures.isEmpty(), "requests whose signature AWS would refuse: " + badSignatures);
    }

    @Test
    void eachClusterIsDescribedOnceSignedForEksWithItsAccountsCredentials() {
        try (AwsProxy eks = proxy((exchange, body) -> false)) {
            env.put("AWS_ENDPOINT_URL_EKS", eks.url().toString());
            GrantAccessHandler handler = new GrantAccessHandler(env);
            JsonNode results = json(invoke(handler, BOTH)).get("results");
            assertTrue(results.get(0).get("changed").asBoolean(), results.toString());
            assertTrue(results.get(1).get("changed").asBoolean(), results.toString());
            assertEquals("aws-auth", results.get(0).get("backend").asString());
            // A warm repeat finds both clusters in the directory's cache: no second DescribeCluster.
            invoke(handler, BOTH);
        }
        assertEquals(List.of("eks GET /clusters/prod", "eks GET /clusters/staging"),
                calls.stream().sorted().toList());
        List<String> signers = List.copyOf(keys);
        assertTrue(signers.contains(cloud.accessKeyId), "prod with the function's own keys: " + signers);
        assertTrue(signers.stream().anyMatch(k -> k.startsWith("ASIA")),
                "staging with the assumed target role's temporary keys: " + signers);
    }

    @Test
    void anUnknownClusterIsReportedByNameAccountAndRegionWhileTheOthersAreDone() {
        String request = BOTH.replace("\"staging\"", "\"ghost\"");
        ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class,
                () -> invoke(new GrantAccessHandler(env), request));
        assertTrue(e.getMessage().startsWith("1 of 2 clusters failed: "), e.getMessage());
        JsonNode results = json(e.getMessage().substring(e.getMessage().indexOf('{'))).get("results");
        assertTrue(results.get(0).get("changed").asBoolean(), results.toString());
        assertEquals("EKS cluster ghost not found in account 222222222222, region eu-north-1",
                results.get(1).get("error").asString());
        assertEquals(0, cloud.staging.awsAuthWrites());
    }

    @Test
    void fipsWithAnEndpointOverrideIsReportedForTheClusterAndNothingIsWritten() {
        // AWS_ENDPOINT_URL (moto) stays set: the SDK clients refuse FIPS with an override, and so do the calls
        // without them; whichever AWS call comes first (here STS, for the account) says so.
        env.put("AWS_USE_FIPS_ENDPOINT", "true");
        ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class,
                () -> invoke(new GrantAccessHandler(env), PROD));
        JsonNode result = json(e.getMessage().substring(e.getMessage().indexOf('{'))).get("results").get(0);
        assertTrue(result.get("error").asString().contains("FIPS and custom endpoint are not supported"),
                result.toString());
        assertEquals(0, cloud.prod.awsAuthWrites());
    }

    @Test
    void throttlingIsRetriedWithTheSdksStandardStrategy() {
        AtomicInteger throttled = new AtomicInteger();
        try (AwsProxy eks = proxy((exchange, body) -> {
            if (throttled.incrementAndGet() > 2) {
                return false;
            }
            AwsProxy.reply(exchange, 429, Map.of("x-amzn-ErrorType", "ThrottlingException:http://internal.amazon.com/"),
                    "{\"message\":\"Rate exceeded\"}".getBytes(StandardCharsets.UTF_8));
            return true;
        })) {
            env.put("AWS_ENDPOINT_URL_EKS", eks.url().toString());
            JsonNode result = json(invoke(new GrantAccessHandler(env), PROD)).get("results").get(0);
            assertTrue(result.get("changed").asBoolean(), result.toString());
        }
        assertEquals(3, calls.size(), "two throttled answers, then the retry went through: " + calls);
    }

    @Test
    void accessDeniedIsReportedWithEksCodeAndMessageAndNoSecretAndNotRetried() {
        try (AwsProxy eks = proxy((exchange, body) -> {
            AwsProxy.reply(exchange, 403, Map.of("x-amzn-ErrorType", "AccessDeniedException:http://internal.amazon.com/"),
                    ("{\"message\":\"User: arn:aws:iam::111122223333:user/eks-access-provisioner is not authorized "
                            + "to perform: eks:DescribeCluster on resource: "
                            + "arn:aws:eks:eu-north-1:111122223333:cluster/prod\"}").getBytes(StandardCharsets.UTF_8));
            return true;
        })) {
            env.put("AWS_ENDPOINT_URL_EKS", eks.url().toString());
            ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class,
                    () -> invoke(new GrantAccessHandler(env), PROD));
            JsonNode result = json(e.getMessage().substring(e.getMessage().indexOf('{'))).get("results").get(0);
            String error = result.get("error").asString();
            assertTrue(error.startsWith("AWS error: EKS DescribeCluster failed: AccessDeniedException: User: "
                    + "arn:aws:iam::111122223333:user/eks-access-provisioner is not authorized to perform: "
                    + "eks:DescribeCluster"), error);
            assertFalse(error.contains(cloud.secretAccessKey) || error.contains("Signature="), error);
        }
        assertEquals(1, calls.size(), "AccessDenied is not retried: " + calls);
        assertEquals(0, cloud.prod.awsAuthWrites());
    }

    /** A proxy in front of moto that verifies and records every request before the interceptor sees it. */
    private AwsProxy proxy(AwsProxy.Interceptor interceptor) {
        return AwsProxy.start(cloud.moto.endpoint(), (exchange, body) -> {
            record(exchange, body);
            return interceptor.intercept(exchange, body);
        });
    }

    private void record(HttpExchange exchange, byte[] body) {
        try {
            SigV4RequestVerifier.Verified v = SigV4RequestVerifier.verify(exchange, body, this::secretFor);
            if (!v.region().equals("eu-north-1")) {
                badSignatures.add("signed for " + v.region());
            }
            calls.add(v.service() + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
            keys.add(v.accessKeyId());
        } catch (IllegalArgumentException e) {
            badSignatures.add(e.getMessage());
        }
    }

    private String secretFor(String keyId) {
        return keyId.equals(cloud.accessKeyId) ? cloud.secretAccessKey : cloud.moto.secretFor(keyId).orElse(null);
    }
}
