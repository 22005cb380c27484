package dev.eksaccess.cli;

import static dev.eksaccess.cli.Manifests.ACCOUNT;
import static dev.eksaccess.cli.Manifests.ADMIN_ROLE;
import static dev.eksaccess.cli.Manifests.ALICE;
import static dev.eksaccess.cli.Manifests.AWS_AUTH;
import static dev.eksaccess.cli.Manifests.NODE_ROLE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.handler.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code eks-access list} in its three formats; it never writes. */
class ListCommandTest {
    @TempDir
    Path dir;
    Path file;
    byte[] original;

    @BeforeEach
    void copyFixture() {
        file = Manifests.copy(AWS_AUTH, dir);
        original = Manifests.bytes(file);
    }

    @Test
    void tableHasAHeaderAndOneLinePerEntry() {
        CliRun run = CliRun.of("list", "--file", file.toString());

        assertEquals(0, run.exitCode(), run.transcript());
        List<String> lines = run.out().lines().toList();
        assertEquals(5, lines.size(), run.out());
        assertEquals(List.of("KIND", "IDENTITY", "USERNAME", "GROUPS", "NODE"), columns(lines.get(0)));
        assertEquals(List.of("role", NODE_ROLE, "system:node:{{EC2PrivateDNSName}}",
                "system:bootstrappers,system:nodes", "yes"), columns(lines.get(1)));
        assertEquals(List.of("role", ADMIN_ROLE, "platform-admin", "system:masters"), columns(lines.get(2)));
        assertEquals(List.of("user", ALICE, "alice", "view"), columns(lines.get(3)));
        assertEquals(List.of("account", ACCOUNT), columns(lines.get(4)));
        assertArrayEquals(original, Manifests.bytes(file));
    }

    @Test
    void jsonParsesAndHasEveryEntry() {
        CliRun run = CliRun.of("list", "--file", file.toString(), "-o", "json");

        assertEquals(0, run.exitCode(), run.transcript());
        JsonNode entries = Json.MAPPER.readTree(run.out());
        assertEquals(4, entries.size(), run.out());
        JsonNode node = entries.get(0);
        assertEquals("role", node.get("kind").asString());
        assertEquals(NODE_ROLE, node.get("identity").asString());
        assertTrue(node.get("node").asBoolean());
        assertEquals("system:nodes", node.get("groups").get(1).asString());
        assertEquals(ADMIN_ROLE, entries.get(1).get("identity").asString());
        assertEquals(ALICE, entries.get(2).get("identity").asString());
        assertEquals("account", entries.get(3).get("kind").asString());
        assertEquals(ACCOUNT, entries.get(3).get("identity").asString(), "account IDs stay strings");
    }

    @Test
    void yamlParsesAndHasEveryEntry() {
        CliRun run = CliRun.of("list", "--file", file.toString(), "-o", "yaml");

        assertEquals(0, run.exitCode(), run.transcript());
        List<Map<String, Object>> entries = Yaml11.loadList(run.out());
        assertEquals(List.of(NODE_ROLE, ADMIN_ROLE, ALICE, ACCOUNT),
                entries.stream().map(e -> e.get("identity")).toList(), "identities as strings, in order");
        assertEquals(List.of("system:masters"), entries.get(1).get("groups"));
        assertEquals("platform-admin", entries.get(1).get("username"));
    }

    private static List<String> columns(String line) {
        return List.of(line.split("\\s+"));
    }
}
