package dev.eksaccess.cli;

import static dev.eksaccess.cli.Manifests.ACCOUNT;
import static dev.eksaccess.cli.Manifests.ADMIN_ROLE;
import static dev.eksaccess.cli.Manifests.ALICE;
import static dev.eksaccess.cli.Manifests.AWS_AUTH;
import static dev.eksaccess.cli.Manifests.NODE_ROLE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eks-access revoke}: removes what was asked, refuses node roles, and is quiet about absentees. */
class RevokeCommandTest {
    @TempDir
    Path dir;

    @Test
    void removesARoleAndKeepsTheNodeRole() {
        Path file = Manifests.copy(AWS_AUTH, dir);
        Map<String, Object> before = Manifests.read(file);

        CliRun run = CliRun.of("revoke", "--file", file.toString(), "--arn", ADMIN_ROLE);

        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.out().startsWith("changed: remove 1 entry for " + ADMIN_ROLE + " from mapRoles"), run.out());
        assertTrue(run.out().contains("- - rolearn: " + ADMIN_ROLE), "the diff shows the removed entry: " + run.out());
        Map<String, Object> after = Manifests.read(file);
        assertEquals(List.of(Manifests.section(before, "mapRoles").get(0)), Manifests.section(after, "mapRoles"));
        assertEquals(Manifests.without(before, "mapRoles"), Manifests.without(after, "mapRoles"));
    }

    @Test
    void removesAUser() {
        Path file = Manifests.copy(AWS_AUTH, dir);

        CliRun run = CliRun.of("revoke", "--file", file.toString(), "--arn", ALICE);

        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.out().startsWith("changed: "), run.out());
        assertEquals(List.of(), Manifests.section(Manifests.read(file), "mapUsers"));
    }

    @Test
    void removesAnAccount() {
        Path file = Manifests.copy(AWS_AUTH, dir);

        CliRun run = CliRun.of("revoke", "--file", file.toString(), "--account", ACCOUNT);

        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.out().startsWith("changed: remove account " + ACCOUNT), run.out());
        assertEquals(List.of(), Yaml11.load((String) Manifests.data(Manifests.read(file)).get("mapAccounts")));
    }

    @Test
    void revokingWhatIsNotThereSucceedsWithoutWriting() {
        Path file = Manifests.copy(AWS_AUTH, dir);
        byte[] original = Manifests.bytes(file);

        CliRun run = CliRun.of("revoke", "--file", file.toString(), "--arn", "arn:aws:iam::111122223333:role/absent");

        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.out().startsWith("unchanged: "), run.out());
        assertTrue(run.out().contains("nothing to remove"), run.out());
        assertArrayEquals(original, Manifests.bytes(file));
    }

    @Test
    void refusesToRevokeANodeRoleAndLeavesTheFileAlone() {
        Path file = Manifests.copy(AWS_AUTH, dir);
        byte[] original = Manifests.bytes(file);

        CliRun run = CliRun.of("revoke", "--file", file.toString(), "--arn", NODE_ROLE);

        assertEquals(1, run.exitCode(), run.transcript());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("error: refusing to remove " + NODE_ROLE), run.err());
        assertTrue(run.err().contains("maps nodes") && run.err().contains("never changes node mappings"),
                "stderr names the rule: " + run.err());
        assertArrayEquals(original, Manifests.bytes(file));
    }

    @Test
    void refusesANodeRoleEvenWhenGivenWithAPathAndOtherCase() {
        Path file = Manifests.copy(AWS_AUTH, dir);
        byte[] original = Manifests.bytes(file);
        String disguised = NODE_ROLE.replace(":role/", ":role/eksctl/").replace("NodeInstanceRole", "nodeinstancerole");

        CliRun run = CliRun.of("revoke", "--file", file.toString(), "--arn", disguised);

        assertEquals(1, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("maps nodes"), run.err());
        assertArrayEquals(original, Manifests.bytes(file));
    }
}
