package dev.eksaccess.access;

import static dev.eksaccess.access.AwsAuthFixtures.arns;
import static dev.eksaccess.access.AwsAuthFixtures.fixture;
import static dev.eksaccess.access.AwsAuthFixtures.grant;
import static dev.eksaccess.access.AwsAuthFixtures.plan;
import static dev.eksaccess.access.AwsAuthFixtures.reparse;
import static dev.eksaccess.access.AwsAuthFixtures.revoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Safety rule 1: node mappings are never created, changed or removed. */
class NodeProtectionTest {

    /** Each names an entry of node-roles.yaml, in the spelling a request might use. */
    static Stream<Arguments> nodeIdentities() {
        return Stream.of(
                Arguments.of("username system:node: and both node groups",
                        "arn:aws:iam::111122223333:role/managed-node-group"),
                Arguments.of("group system:nodes only", "arn:aws:iam::111122223333:role/nodes-group-only"),
                Arguments.of("group system:bootstrappers only", "arn:aws:iam::111122223333:role/bootstrap-group-only"),
                Arguments.of("username system:node: only", "arn:aws:iam::111122223333:role/node-username-only"),
                Arguments.of("node role named in another case", "arn:aws:iam::111122223333:role/Managed-Node-Group"),
                Arguments.of("node role named with a path", "arn:aws:iam::111122223333:role/eks/managed-node-group"),
                Arguments.of("node user in mapUsers", "arn:aws:iam::111122223333:user/legacy-node"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nodeIdentities")
    void revokeOfANodeMappingIsRefused(String description, String arn) {
        Map<String, String> data = fixture("node-roles.yaml");
        AccessRefusedException e = assertThrows(AccessRefusedException.class, () -> plan(data, revoke(arn)));
        assertTrue(e.getMessage().startsWith("refusing to remove "), e.getMessage());
        assertTrue(e.getMessage().contains("maps nodes"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nodeIdentities")
    void grantOverANodeMappingIsRefused(String description, String arn) {
        Map<String, String> data = fixture("node-roles.yaml");
        AccessRefusedException e = assertThrows(AccessRefusedException.class,
                () -> plan(data, grant(arn, "admin", "system:masters")));
        assertTrue(e.getMessage().startsWith("refusing to change "), e.getMessage());
    }

    static Stream<Arguments> nodeGrants() {
        String role = "arn:aws:iam::111122223333:role/new-nodes";
        return Stream.of(
                Arguments.of("group system:nodes", grant(role, "worker", "system:nodes")),
                Arguments.of("group system:bootstrappers", grant(role, "worker", "view", "system:bootstrappers")),
                Arguments.of("username system:node:{{EC2PrivateDNSName}}",
                        grant(role, "system:node:{{EC2PrivateDNSName}}")),
                Arguments.of("username system:node:fixed", grant(role, "system:node:fixed", "view")),
                Arguments.of("user ARN with system:nodes",
                        grant("arn:aws:iam::111122223333:user/robot", "robot", "system:nodes")),
                Arguments.of("over an ordinary role", grant("arn:aws:iam::111122223333:role/ordinary", "ordinary",
                        "system:nodes")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nodeGrants")
    void grantThatWouldCreateANodeMappingIsRefused(String description, AccessChange.GrantIdentity grant) {
        for (String fixtureName : List.of("empty.yaml", "node-roles.yaml")) {
            Map<String, String> data = fixture(fixtureName);
            AccessRefusedException e = assertThrows(AccessRefusedException.class, () -> plan(data, grant));
            assertTrue(e.getMessage().startsWith("refusing to create a node mapping"), e.getMessage());
        }
    }

    @Test
    void ordinaryEntriesNextToNodeMappingsCanStillBeManaged() {
        Map<String, String> data = fixture("node-roles.yaml");
        List<IdentityMapping> nodes = reparse(data).roles().subList(0, 4);

        Map<String, String> revoked = plan(data, revoke("arn:aws:iam::111122223333:role/ordinary")).apply(data);
        assertEquals(nodes, reparse(revoked).roles());
        assertEquals(data.get("mapUsers"), revoked.get("mapUsers"));

        Map<String, String> granted = plan(data, grant("arn:aws:iam::111122223333:role/ordinary", "ordinary", "edit"))
                .apply(data);
        assertEquals(nodes, reparse(granted).roles().subList(0, 4));
        assertEquals(List.of("edit"), reparse(granted).roles().get(4).groups());
    }

    @Test
    void nodeGroupLookalikesAreOrdinaryGroups() {
        Map<String, String> data = fixture("empty.yaml");
        AccessPlan plan = plan(data, grant("arn:aws:iam::111122223333:role/ops", "ops:system:node",
                "system:nodes-viewers", "my:system:nodes", "system:node-proxier"));
        assertEquals(List.of("arn:aws:iam::111122223333:role/ops"), arns(reparse(plan.apply(data)).roles()));
    }
}
