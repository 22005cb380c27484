package dev.eksaccess.cli;

import static dev.eksaccess.cli.Manifests.AWS_AUTH;
import static dev.eksaccess.cli.Manifests.SSO_ROLE;
import static dev.eksaccess.cli.Manifests.SSO_ROLE_WITH_PATH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --dry-run and -o - show the change and leave the file byte-identical. */
class OutputModesTest {
    @TempDir
    Path dir;

    @Test
    void dryRunPrintsTheDiffAndWritesNothing() {
        Path file = Manifests.copy(AWS_AUTH, dir);
        byte[] original = Manifests.bytes(file);

        CliRun run = CliRun.of("grant", "--file", file.toString(), "--arn", SSO_ROLE_WITH_PATH,
                "--username", "admin:{{SessionName}}", "--group", "system:masters", "--dry-run");

        assertEquals(0, run.exitCode(), run.transcript());
        assertEquals("would change (dry run): add " + SSO_ROLE + " to mapRoles (IAM path"
                        + " /aws-reserved/sso.amazonaws.com/eu-west-1/ removed:"
                        + " aws-auth matches roles without their path)\n"
                        + "@@ mapRoles @@\n"
                        + "+ - rolearn: " + SSO_ROLE + "\n"
                        + "+   username: admin:{{SessionName}}\n"
                        + "+   groups:\n"
                        + "+   - system:masters\n",
                run.out());
        assertArrayEquals(original, Manifests.bytes(file));
    }

    @Test
    void dryRunOfARevokeShowsTheRemovedEntry() {
        Path file = Manifests.copy(AWS_AUTH, dir);
        byte[] original = Manifests.bytes(file);

        CliRun run = CliRun.of("revoke", "--file", file.toString(), "--arn", Manifests.ALICE, "--dry-run");

        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("@@ mapUsers @@\n- - userarn: " + Manifests.ALICE + "\n"), run.out());
        assertArrayEquals(original, Manifests.bytes(file));
    }

    @Test
    void outputToStdoutPrintsTheNewManifestAndWritesNothing() {
        Path file = Manifests.copy(AWS_AUTH, dir);
        byte[] original = Manifests.bytes(file);
        Map<String, Object> before = Manifests.read(file);

        CliRun run = CliRun.of("grant", "--file", file.toString(), "--arn", SSO_ROLE_WITH_PATH,
                "--username", "admin:{{SessionName}}", "--group", "system:masters", "-o", "-");

        assertEquals(0, run.exitCode(), run.transcript());
        Map<String, Object> printed = Yaml11.loadMap(run.out());
        List<Map<String, Object>> expectedRoles = new ArrayList<>(Manifests.section(before, "mapRoles"));
        expectedRoles.add(Manifests.entry("rolearn", SSO_ROLE, "admin:{{SessionName}}", "system:masters"));
        assertEquals(expectedRoles, Manifests.section(printed, "mapRoles"));
        assertEquals(Manifests.without(before, "mapRoles"), Manifests.without(printed, "mapRoles"));
        assertTrue(run.err().contains("add " + SSO_ROLE + " to mapRoles"), "the summary goes to stderr: " + run.err());
        assertArrayEquals(original, Manifests.bytes(file));
    }

    @Test
    void outputToStdoutOfAnUnchangedRequestPrintsTheSameMeaning() {
        Path file = Manifests.copy(AWS_AUTH, dir);
        byte[] original = Manifests.bytes(file);

        CliRun run = CliRun.of("revoke", "--file", file.toString(), "--arn", SSO_ROLE, "-o", "-");

        assertEquals(0, run.exitCode(), run.transcript());
        assertEquals(Manifests.read(file), Yaml11.loadMap(run.out()));
        assertTrue(run.err().startsWith("unchanged: "), run.err());
        assertArrayEquals(original, Manifests.bytes(file));
    }
}
