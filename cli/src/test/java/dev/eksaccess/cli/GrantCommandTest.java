package dev.eksaccess.cli;

import static dev.eksaccess.cli.Manifests.ACCOUNT;
import static dev.eksaccess.cli.Manifests.AWS_AUTH;
import static dev.eksaccess.cli.Manifests.SSO_ROLE;
import static dev.eksaccess.cli.Manifests.SSO_ROLE_WITH_PATH;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eks-access grant} on a manifest file: what lands in the file and what the user is told. */
class GrantCommandTest {
    @TempDir
    Path dir;

    @Test
    void grantsSsoRoleWithoutItsPathAndKeepsEverythingElse() {
        Path file = Manifests.copy(AWS_AUTH, dir);
        Map<String, Object> before = Manifests.read(file);

        CliRun run = CliRun.of("grant", "--file", file.toString(), "--arn", SSO_ROLE_WITH_PATH,
                "--username", "admin:{{SessionName}}", "--group", "system:masters");

        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.out().startsWith("changed: "), run.transcript());
        assertTrue(run.out().contains("IAM path /aws-reserved/sso.amazonaws.com/eu-west-1/ removed"), run.out());
        Map<String, Object> after = Manifests.read(file);
        List<Map<String, Object>> expectedRoles = new ArrayList<>(Manifests.section(before, "mapRoles"));
        expectedRoles.add(Manifests.entry("rolearn", SSO_ROLE, "admin:{{SessionName}}", "system:masters"));
        assertAll(
                () -> assertEquals(expectedRoles, Manifests.section(after, "mapRoles"),
                        "mapRoles gains exactly the new entry, path stripped; the others keep their meaning"),
                () -> assertFalse(Manifests.data(after).get("mapRoles").toString().contains("aws-reserved")),
                () -> assertEquals(Manifests.without(before, "mapRoles"), Manifests.without(after, "mapRoles"),
                        "other data keys, labels, annotations and metadata keep their meaning for kubectl"));
    }

    @Test
    void repeatingAGrantChangesNothing() {
        Path file = Manifests.copy(AWS_AUTH, dir);
        String[] grant = {"grant", "--file", file.toString(), "--arn", SSO_ROLE_WITH_PATH,
                "--username", "admin:{{SessionName}}", "--group", "system:masters"};
        assertEquals(0, CliRun.of(grant).exitCode());
        byte[] afterFirst = Manifests.bytes(file);

        CliRun second = CliRun.of(grant);

        assertEquals(0, second.exitCode(), second.transcript());
        assertTrue(second.out().startsWith("unchanged: "), second.transcript());
        assertTrue(second.out().contains("already mapped as requested"), second.out());
        assertArrayEquals(afterFirst, Manifests.bytes(file), "an unchanged grant must not rewrite the file");
    }

    @Test
    void userArnGoesToMapUsersWithItsPath() {
        Path file = Manifests.copy(AWS_AUTH, dir);
        Map<String, Object> before = Manifests.read(file);
        String bob = "arn:aws:iam::111122223333:user/ops/bob";

        CliRun run = CliRun.of("grant", "--file", file.toString(), "--arn", bob, "--username", "bob",
                "--group", "view", "--group", "ops");

        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("add " + bob + " to mapUsers"), run.out());
        Map<String, Object> after = Manifests.read(file);
        List<Map<String, Object>> expectedUsers = new ArrayList<>(Manifests.section(before, "mapUsers"));
        expectedUsers.add(Manifests.entry("userarn", bob, "bob", "view", "ops"));
        assertEquals(expectedUsers, Manifests.section(after, "mapUsers"));
        assertEquals(Manifests.data(before).get("mapRoles"), Manifests.data(after).get("mapRoles"),
                "an untouched section keeps its exact text");
    }

    @Test
    void accountGoesToMapAccountsQuoted() {
        Path file = Manifests.copy(AWS_AUTH, dir);

        CliRun run = CliRun.of("grant", "--file", file.toString(), "--account", "777788889999");

        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.out().startsWith("changed: add account 777788889999 to mapAccounts"), run.out());
        Map<String, Object> after = Manifests.read(file);
        // Strings, not numbers, for a YAML 1.1 reader: the accounts are quoted.
        assertEquals(List.of(ACCOUNT, "777788889999"), Yaml11.load((String) Manifests.data(after).get("mapAccounts")));
        assertTrue(Manifests.data(after).get("mapAccounts").toString().contains("\"777788889999\""));
    }

    @Test
    void grantingAnAccountAlreadyThereChangesNothing() {
        Path file = Manifests.copy(AWS_AUTH, dir);
        byte[] original = Manifests.bytes(file);

        CliRun run = CliRun.of("grant", "--file", file.toString(), "--account", ACCOUNT);

        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.out().startsWith("unchanged: "), run.out());
        assertArrayEquals(original, Manifests.bytes(file));
    }

    @Test
    void regrantingAnExistingRoleUpdatesItsOneEntry() {
        Path file = Manifests.copy(AWS_AUTH, dir);
        Map<String, Object> before = Manifests.read(file);

        CliRun run = CliRun.of("grant", "--file", file.toString(), "--arn", Manifests.ADMIN_ROLE,
                "--username", "platform-admin", "--group", "platform:admins");

        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("update " + Manifests.ADMIN_ROLE + " in mapRoles"), run.out());
        assertTrue(run.out().contains("-   - system:masters\n") && run.out().contains("+   - platform:admins\n"),
                "the diff shows the old and the new group: " + run.out());
        List<Map<String, Object>> roles = Manifests.section(Manifests.read(file), "mapRoles");
        assertEquals(Manifests.section(before, "mapRoles").get(0), roles.get(0), "node role untouched");
        assertEquals(Manifests.entry("rolearn", Manifests.ADMIN_ROLE, "platform-admin", "platform:admins"),
                roles.get(1));
        assertEquals(2, roles.size());
    }
}
