package dev.eksaccess.cli;

import static dev.eksaccess.cli.Manifests.AWS_AUTH;
import static dev.eksaccess.cli.Manifests.SSO_ROLE;
import static dev.eksaccess.cli.Manifests.SSO_ROLE_WITH_PATH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manifests that cannot be used, and files that cannot be written: exit 1, a clear message, nothing lost. */
class ManifestFileTest {
    @TempDir
    Path dir;

    @Test
    void malformedMapRolesIsRefusedNamingTheSection() {
        Path file = Manifests.copy(Manifests.MALFORMED_MAP_ROLES, dir);
        byte[] original = Manifests.bytes(file);

        CliRun run = grant(file);

        assertEquals(1, run.exitCode(), run.transcript());
        assertTrue(run.err().startsWith("error: aws-auth data.mapRoles cannot be parsed"), run.err());
        assertTrue(run.err().contains("nothing was written"), run.err());
        assertArrayEquals(original, Manifests.bytes(file));
    }

    @Test
    void listingAMalformedSectionFailsTheSameWay() {
        Path file = Manifests.copy(Manifests.MALFORMED_MAP_ROLES, dir);

        CliRun run = CliRun.of("list", "--file", file.toString());

        assertEquals(1, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("data.mapRoles cannot be parsed"), run.err());
    }

    @Test
    void aListOfObjectsIsNotAConfigMap() {
        Path file = Manifests.copy(Manifests.NOT_A_CONFIGMAP, dir);
        byte[] original = Manifests.bytes(file);

        CliRun run = grant(file);

        assertEquals(1, run.exitCode(), run.transcript());
        assertTrue(run.err().startsWith("error: --file: ") && run.err().contains("must be a ConfigMap manifest"),
                run.err());
        assertArrayEquals(original, Manifests.bytes(file));
    }

    @Test
    void invalidYamlIsRefused() throws IOException {
        Path file = dir.resolve("aws-auth.yaml");
        Files.writeString(file, "kind: ConfigMap\ndata: {mapRoles: [\n");

        CliRun run = grant(file);

        assertEquals(1, run.exitCode(), run.transcript());
        assertTrue(run.err().startsWith("error: --file: ") && run.err().contains("is not valid YAML"), run.err());
    }

    @Test
    void missingFileSaysSo() {
        Path file = dir.resolve("aws-auth.yaml");

        CliRun run = grant(file);

        assertEquals(1, run.exitCode(), run.transcript());
        assertEquals("error: --file: " + file + " does not exist\n", run.err());
        assertTrue(Files.notExists(file), "a failed grant must not create the file");
    }

    @Test
    void aDirectoryIsNotAManifest() {
        CliRun run = grant(dir);

        assertEquals(1, run.exitCode(), run.transcript());
        assertTrue(run.err().startsWith("error: --file: cannot read " + dir), run.err());
    }

    @Test
    void symlinkedManifestIsRewrittenWhereItLives() throws IOException {
        Path real = Manifests.copy(AWS_AUTH, Files.createDirectory(dir.resolve("repo")));
        Path link = Files.createSymbolicLink(dir.resolve("aws-auth.yaml"), real);

        CliRun run = grant(link);

        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertTrue(Files.readString(real).contains("rolearn: " + SSO_ROLE), "the real file got the change");
    }

    @Test
    void writeFailureLeavesTheOriginalIntact() throws IOException {
        Path file = Manifests.copy(AWS_AUTH, dir);
        byte[] original = Manifests.bytes(file);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            // root ignores directory permissions; the jar-level test (EksAccessJarIT) covers root with ulimit -f.
            assumeFalse(Files.isWritable(dir), "running as root: a read-only directory is still writable");

            CliRun run = grant(file);

            assertEquals(1, run.exitCode(), run.transcript());
            assertTrue(run.err().startsWith("error: could not write " + file), run.err());
            assertTrue(run.err().contains("the original is unchanged"), run.err());
            assertArrayEquals(original, Manifests.bytes(file));
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void successfulWriteLeavesNoTempFilesAndKeepsPermissions() throws IOException {
        Path file = Manifests.copy(AWS_AUTH, dir);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        assertEquals(0, grant(file).exitCode());

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    private static CliRun grant(Path file) {
        return CliRun.of("grant", "--file", file.toString(), "--arn", SSO_ROLE_WITH_PATH,
                "--username", "admin:{{SessionName}}", "--group", "system:masters");
    }
}
