package dev.eksaccess.cli;

import static dev.eksaccess.cli.Manifests.AWS_AUTH;
import static dev.eksaccess.cli.Manifests.NODE_ROLE;
import static dev.eksaccess.cli.Manifests.SSO_ROLE;
import static dev.eksaccess.cli.Manifests.SSO_ROLE_WITH_PATH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eksaccess.handler.Json;
import dev.eksaccess.testkit.EksTokenVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The built jar end to end, as a user runs it through ./eks-access. */
class EksAccessJarIT {
    static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @TempDir
    Path dir;

    @Test
    void tokenIsAnExecCredentialThatPassesAnIndependentSigV4Check() throws IOException {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        CliRun run = JarProcess.run(dir, awsEnv(true), List.of(), "token", "--cluster-name", "prod-eu");

        assertEquals(0, run.exitCode(), run.transcript());
        JsonNode credential = Json.MAPPER.readTree(run.out());
        assertEquals("client.authentication.k8s.io/v1beta1", credential.get("apiVersion").asString());
        assertEquals("ExecCredential", credential.get("kind").asString());
        assertTrue(credential.get("spec").isObject());
        Instant expires = Instant.parse(credential.get("status").get("expirationTimestamp").asString());
        Duration lifetime = Duration.between(start, expires);
        assertTrue(lifetime.compareTo(Duration.ofMinutes(14)) >= 0
                && lifetime.compareTo(Duration.ofMinutes(14).plusSeconds(60)) <= 0,
                "expires ~14 min from now: " + expires);
        String token = credential.get("status").get("token").asString();
        EksTokenVerifier.VerifiedToken verified = EksTokenVerifier.verify(token, "prod-eu", SECRET, Instant.now());
        assertEquals(ACCESS_KEY, verified.accessKeyId());
        assertEquals("eu-north-1", verified.region(), "region from AWS_REGION");
        assertTrue(verified.hasSessionToken());
        assertTrue(!run.err().contains(SECRET) && !run.out().contains(SECRET), "the secret is never printed");
    }

    @Test
    void tokenWithoutAnyRegionNamesRegion() throws IOException {
        CliRun run = JarProcess.run(dir, awsEnv(false), List.of(), "token", "--cluster-name", "prod-eu");

        assertEquals(1, run.exitCode(), run.transcript());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("error: --region: is required"), run.err());
    }

    @Test
    void grantStripsThePathRepeatsAsANoOpAndNodeRolesAreRefused() {
        Path file = Manifests.copy(AWS_AUTH, dir);
        Map<String, Object> before = Manifests.read(file);
        String[] grant = {"grant", "--file", file.getFileName().toString(), "--arn", SSO_ROLE_WITH_PATH,
                "--username", "admin:{{SessionName}}", "--group", "system:masters"};

        CliRun first = JarProcess.run(dir, Map.of(), List.of(), grant);

        assertEquals(0, first.exitCode(), first.transcript());
        assertTrue(first.out().startsWith("changed: add " + SSO_ROLE + " to mapRoles"), first.out());
        Map<String, Object> after = Manifests.read(file);
        List<Map<String, Object>> expectedRoles = new ArrayList<>(Manifests.section(before, "mapRoles"));
        expectedRoles.add(Manifests.entry("rolearn", SSO_ROLE, "admin:{{SessionName}}", "system:masters"));
        assertEquals(expectedRoles, Manifests.section(after, "mapRoles"));
        assertEquals(Manifests.without(before, "mapRoles"), Manifests.without(after, "mapRoles"));
        byte[] granted = Manifests.bytes(file);

        CliRun second = JarProcess.run(dir, Map.of(), List.of(), grant);

        assertEquals(0, second.exitCode(), second.transcript());
        assertTrue(second.out().startsWith("unchanged: "), second.out());
        assertArrayEquals(granted, Manifests.bytes(file));

        CliRun revokeNode = JarProcess.run(dir, Map.of(), List.of(),
                "revoke", "--file", file.toString(), "--arn", NODE_ROLE);

        assertEquals(1, revokeNode.exitCode(), revokeNode.transcript());
        assertTrue(revokeNode.err().contains("maps nodes"), revokeNode.err());
        assertArrayEquals(granted, Manifests.bytes(file));
    }

    @Test
    void aFailedWriteLeavesTheOriginalIntact() throws IOException {
        // As root a read-only directory does not stop writes; a 1 KiB file size limit does.
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh for ulimit");
        Path file = Manifests.copy(AWS_AUTH, dir);
        byte[] original = Manifests.bytes(file);
        assumeTrue(original.length > 1024, "the fixture must be larger than the limit");

        CliRun run = JarProcess.run(dir, Map.of(), List.of("ulimit -f 1"), "grant", "--file", file.toString(),
                "--arn", SSO_ROLE_WITH_PATH, "--group", "system:masters");

        assertEquals(1, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("error: could not write " + file)
                && run.err().contains("the original is unchanged"), run.err());
        assertArrayEquals(original, Manifests.bytes(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temp file is left behind");
        }
    }

    /** Fake credentials from the environment and nothing from profiles or instance metadata. */
    private Map<String, String> awsEnv(boolean withRegion) throws IOException {
        Path empty = Files.createFile(dir.resolve("empty-aws-config"));
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET);
        env.put("AWS_SESSION_TOKEN", "FwoGZXIvYXdzEXAMPLESESSIONTOKEN");
        env.put("AWS_CONFIG_FILE", empty.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", empty.toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        if (withRegion) {
            env.put("AWS_REGION", "eu-north-1");
        }
        return env;
    }
}
