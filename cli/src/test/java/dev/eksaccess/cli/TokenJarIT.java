package dev.eksaccess.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.testkit.EksTokenVerifier;
import dev.eksaccess.testkit.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * {@code cli/target/eks-access-token.jar}, which the launcher runs {@code token} from, as a process. It holds
 * only part of the full jar, so these runs prove it is enough: the fast path (keys in the environment) and the
 * SDK's default chain behind it (profiles, and role profiles that call STS), with the full jar's help.
 */
class TokenJarIT {
    static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String SESSION = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN";

    @TempDir
    Path dir;

    @Test
    void environmentKeysGiveTheTokenEksTokenPresignerMakes() throws IOException {
        Map<String, String> env = noProfiles();
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET);
        env.put("AWS_SESSION_TOKEN", SESSION);

        CliRun run = JarProcess.runTokenJar(dir, env, "--cluster-name", "prod-eu", "--region", "us-gov-west-1");

        assertEquals(0, run.exitCode(), run.transcript());
        assertEquals("", run.err());
        ExecCredentials printed = ExecCredentials.parse(run.out());
        printed.assertSameAsPresigner(AwsSessionCredentials.create(ACCESS_KEY, SECRET, SESSION), "prod-eu",
                "us-gov-west-1");
        assertTrue(EksTokenVerifier.verify(printed.token(), "prod-eu", SECRET, Instant.now()).hasSessionToken());
    }

    @Test
    void withoutKeysInTheEnvironmentTheDefaultChainFindsTheProfile() throws IOException {
        Map<String, String> env = noProfiles();
        Files.writeString(dir.resolve("credentials"), "[team]\naws_access_key_id = AKIAPROFILEEXAMPLE\n"
                + "aws_secret_access_key = profile/secret+EXAMPLE\n");
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("credentials").toString());
        env.put("AWS_PROFILE", "team");
        env.put("AWS_REGION", "eu-north-1");

        CliRun run = JarProcess.runTokenJar(dir, env, "--cluster-name", "prod-eu");

        assertEquals(0, run.exitCode(), run.transcript());
        ExecCredentials.parse(run.out()).assertSameAsPresigner(
                AwsBasicCredentials.create("AKIAPROFILEEXAMPLE", "profile/secret+EXAMPLE"), "prod-eu", "eu-north-1");
    }

    /** A role profile makes the SDK call STS AssumeRole: the STS client and its HTTP client are in the jar. */
    @Test
    void aRoleProfileAssumesTheRoleThroughSts() throws IOException {
        MotoServer moto = MotoServer.shared();
        Map<String, String> env = noProfiles();
        Files.writeString(dir.resolve("config"), "[profile viewer]\nrole_arn = arn:aws:iam::222222222222:role/Viewer\n"
                + "source_profile = base\nregion = eu-north-1\n");
        Files.writeString(dir.resolve("credentials"), "[base]\naws_access_key_id = AKIABASEEXAMPLE\n"
                + "aws_secret_access_key = base-secret\n");
        env.put("AWS_CONFIG_FILE", dir.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("credentials").toString());
        env.put("AWS_PROFILE", "viewer");
        env.put("AWS_ENDPOINT_URL_STS", moto.endpoint().toString());

        CliRun run = JarProcess.runTokenJar(dir, env, "--cluster-name", "prod-eu", "--region", "eu-north-1");

        assertEquals(0, run.exitCode(), run.transcript());
        ExecCredentials printed = ExecCredentials.parse(run.out());
        String keyId = printed.accessKeyId();
        assertTrue(keyId.startsWith("ASIA"), "assumed-role key, got " + keyId);
        String secret = moto.secretFor(keyId).orElseThrow(() -> new AssertionError("moto did not issue " + keyId));
        assertTrue(EksTokenVerifier.verify(printed.token(), "prod-eu", secret, Instant.now()).hasSessionToken());
    }

    @Test
    void helpAndUsageErrorsAreTheFullJarsOnes() throws IOException {
        for (List<String> args : List.of(List.of("--help"), List.of("--region", "eu-north-1"), List.of("--bogus"))) {
            CliRun token = JarProcess.runTokenJar(dir, noProfiles(), args.toArray(String[]::new));
            List<String> full = new java.util.ArrayList<>(List.of("token"));
            full.addAll(args);
            CliRun reference = JarProcess.run(dir, noProfiles(), List.of(), full.toArray(String[]::new));
            assertEquals(reference, token, "eks-access " + full);
        }
    }

    private Map<String, String> noProfiles() throws IOException {
        Path empty = dir.resolve("empty");
        if (!Files.exists(empty)) {
            Files.createFile(empty);
        }
        Map<String, String> env = new HashMap<>();
        env.put("AWS_CONFIG_FILE", empty.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", empty.toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        return env;
    }
}
