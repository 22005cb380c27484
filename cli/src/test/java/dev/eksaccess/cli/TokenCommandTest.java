package dev.eksaccess.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.handler.Json;
import dev.eksaccess.testkit.EksTokenVerifier;
import dev.eksaccess.testkit.SystemProperties;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import tools.jackson.databind.JsonNode;

/**
 * {@code eks-access token} in process, through main's dispatch. The aws.* system properties come before the
 * environment (as in the SDK's default chain), so the test needs no changes to TokenCommand; region comes
 * from --region. The environment fallbacks (AWS_REGION, no region at all), the environment keys and profiles
 * are covered through the jars in EksAccessJarIT and TokenJarIT.
 */
class TokenCommandTest {
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private final SystemProperties props = new SystemProperties();

    @BeforeEach
    void fakeCredentials() {
        props.set("aws.accessKeyId", "AKIAIOSFODNN7EXAMPLE").set("aws.secretAccessKey", SECRET)
                .set("aws.sessionToken", "FwoGZXIvYXdzEXAMPLESESSIONTOKEN");
    }

    @AfterEach
    void restore() {
        props.close();
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
    void tokenIsByteIdenticalToEksTokenPresignersWithTheSameCredentials() {
        CliRun run = CliRun.of("token", "--cluster-name", "prod-eu", "--region", "cn-north-1");

        assertEquals(0, run.exitCode(), run.transcript());
        ExecCredentials printed = ExecCredentials.parse(run.out());
        printed.assertSameAsPresigner(AwsSessionCredentials.create("AKIAIOSFODNN7EXAMPLE", SECRET,
                "FwoGZXIvYXdzEXAMPLESESSIONTOKEN"), "prod-eu", "cn-north-1");
        assertEquals("cn-north-1", EksTokenVerifier.verify(printed.token(), "prod-eu", SECRET, Instant.now()).region());
    }

    /** `token` runs on a command line of its own (EksAccessCli.execute); its help is the full CLI's. */
    @Test
    void helpAndUsageErrorsAreTheFullCommandLinesOnes() {
        CliRun help = CliRun.of("token", "--help");
        StringWriter full = new StringWriter();
        EksAccessCli.commandLine().getSubcommands().get("token").usage(new PrintWriter(full, true));

        assertEquals(0, help.exitCode(), help.transcript());
        assertEquals(full.toString(), help.out());
        assertTrue(help.out().startsWith("Usage: eks-access token [-hV] --cluster-name=<clusterName> "
                + "[--region=<region>]"), help.out());

        CliRun missing = CliRun.of("token", "--region", "eu-north-1");
        assertEquals(2, missing.exitCode(), missing.transcript());
        assertEquals("", missing.out());
        assertEquals("Missing required option: '--cluster-name=<clusterName>'\n" + full, missing.err());

        CliRun all = CliRun.of("--help");
        assertEquals(0, all.exitCode(), all.transcript());
        assertTrue(all.out().contains("Commands:\n  token      Print an EKS bearer token"), all.out());
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
}
