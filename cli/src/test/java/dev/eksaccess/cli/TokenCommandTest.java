package dev.eksaccess.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.handler.Json;
import dev.eksaccess.testkit.EksTokenVerifier;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code eks-access token} in process. The SDK's default chain reads the aws.* system properties before
 * the environment, so the test needs no changes to TokenCommand; region comes from --region. The
 * environment fallbacks (AWS_REGION, no region at all) are covered through the jar in EksAccessJarIT.
 */
class TokenCommandTest {
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private final Map<String, String> saved = new HashMap<>();

    @BeforeEach
    void fakeCredentials() {
        set("aws.accessKeyId", "AKIAIOSFODNN7EXAMPLE");
        set("aws.secretAccessKey", SECRET);
        set("aws.sessionToken", "FwoGZXIvYXdzEXAMPLESESSIONTOKEN");
    }

    @AfterEach
    void restore() {
        saved.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    @Test
    void printsAnExecCredentialWithAVerifiableToken() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        CliRun run = CliRun.of("token", "--cluster-name", "prod-eu", "--region", "eu-north-1");

        assertEquals(0, run.exitCode(), run.transcript());
        JsonNode credential = Json.MAPPER.readTree(run.out());
        assertEquals("client.authentication.k8s.io/v1beta1", credential.get("apiVersion").asString());
        assertEquals("ExecCredential", credential.get("kind").asString());
        Instant expires = Instant.parse(credential.get("status").get("expirationTimestamp").asString());
        Duration lifetime = Duration.between(start, expires);
        assertTrue(lifetime.compareTo(Duration.ofMinutes(14)) >= 0
                && lifetime.compareTo(Duration.ofMinutes(14).plusSeconds(30)) <= 0,
                "expires 14 min from now: " + expires);
        String token = credential.get("status").get("token").asString();
        EksTokenVerifier.VerifiedToken verified = EksTokenVerifier.verify(token, "prod-eu", SECRET, Instant.now());
        assertEquals("AKIAIOSFODNN7EXAMPLE", verified.accessKeyId());
        assertEquals("eu-north-1", verified.region());
        assertTrue(verified.hasSessionToken());
        assertEquals("", run.err());
    }

    @Test
    void rejectsAnInvalidClusterName() {
        CliRun run = CliRun.of("token", "--cluster-name", "prod/eu", "--region", "eu-north-1");

        assertEquals(1, run.exitCode(), run.transcript());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("error: clusterName: EKS cluster name must be 1-100"), run.err());
    }

    @Test
    void rejectsAnInvalidRegion() {
        CliRun run = CliRun.of("token", "--cluster-name", "prod-eu", "--region", "Europe");

        assertEquals(1, run.exitCode(), run.transcript());
        assertTrue(run.err().startsWith("error: region: must be an AWS region code"), run.err());
    }

    private void set(String key, String value) {
        saved.put(key, System.getProperty(key));
        System.setProperty(key, value);
    }
}
