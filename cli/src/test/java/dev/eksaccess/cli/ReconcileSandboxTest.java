package dev.eksaccess.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.access.AwsAuthDocument;
import dev.eksaccess.access.IdentityMapping;
import dev.eksaccess.access.ManagedArns;
import dev.eksaccess.cli.sandbox.FunctionRunner;
import dev.eksaccess.cli.sandbox.Sandbox;
import dev.eksaccess.cli.sandbox.SandboxSpec;
import dev.eksaccess.handler.Json;
import dev.eksaccess.testkit.KubeApiServer;
import dev.eksaccess.testkit.SamTemplate;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * ReconcileFunction on the sandbox with events/reconcile.json repairs exactly the drift events/sandbox.yaml
 * seeds, and nothing else: each cluster ends as it began, less the removed managed entries and plus the
 * granted ones; every other entry, section and annotation stays as it was; a second run writes nothing.
 */
class ReconcileSandboxTest {
    static final Path ROOT = Path.of("..");
    static final String OLD_ADMIN = "arn:aws:iam::111122223333:role/AWSReservedSSO_AdministratorAccess_1f2e3d4c5b6a7980";
    static final String ADMIN = "arn:aws:iam::111122223333:role/AWSReservedSSO_AdministratorAccess_0123456789abcdef";
    static final String STAGING_ADMIN = "arn:aws:iam::222222222222:role/AWSReservedSSO_AdministratorAccess_89abcdef01234567";
    static final String VIEWER = "arn:aws:iam::222222222222:role/AWSReservedSSO_ReadOnlyAccess_76543210fedcba98";
    static final IdentityMapping ADMIN_ENTRY = new IdentityMapping(ADMIN, "admin:{{SessionName}}",
            List.of("system:masters"), null);
    static final IdentityMapping VIEWER_ENTRY = new IdentityMapping(VIEWER, "viewer:{{SessionName}}",
            List.of("eks-viewers"), null);

    static JsonNode invokeReconcile(Sandbox sandbox) throws IOException {
        SandboxSpec spec = sandbox.spec();
        SamTemplate.Function function = SamTemplate.load(ROOT.resolve("template.yaml"), Map.of("AWS::Region",
                spec.region(), "AWS::AccountId", spec.provisionerAccount().value(), "AWS::Partition", "aws"))
                .function("ReconcileFunction");
        Map<String, String> env = new LinkedHashMap<>(function.environment());
        env.putAll(sandbox.environment());
        return Json.MAPPER.readTree(FunctionRunner.invoke(function, env,
                Files.readAllBytes(ROOT.resolve("events/reconcile.json"))));
    }

    @Test
    void reconcileRepairsExactlyTheSeededDriftAndASecondRunWritesNothing() throws IOException {
        try (Sandbox sandbox = Sandbox.start(SandboxSpec.load(ROOT.resolve("events/sandbox.yaml")))) {
            Map<String, ConfigMap> before = sandbox.snapshot();
            JsonNode out = invokeReconcile(sandbox);
            assertEquals(List.of(2, 1, 0, 1, 0), List.of(out.get("added").asInt(), out.get("replaced").asInt(),
                    out.get("updated").asInt(), out.get("removed").asInt(), out.get("failed").asInt()), out.toString());
            assertEquals(sandbox.clusters().size(), out.get("checked").asInt(), "every sandbox cluster is in the policy");
            Map<String, ConfigMap> after = sandbox.snapshot();
            for (String other : sandbox.clusters().keySet()) {
                if (!Set.of("prod", "staging", "analytics").contains(other)) {
                    assertEquals(String.valueOf(before.get(other)), String.valueOf(after.get(other)), other);
                }
            }

            expect("prod", before, after, Set.of(OLD_ADMIN), List.of(ADMIN_ENTRY), Set.of(ADMIN));
            expect("staging", before, after, Set.of(STAGING_ADMIN), List.of(VIEWER_ENTRY), Set.of(VIEWER));
            expect("analytics", before, after, Set.of(), List.of(VIEWER_ENTRY), Set.of(VIEWER));
            assertTrue(out.toString().contains("1 hand-made entry of permission set ReadOnlyAccess left as it is"),
                    out.toString());

            sandbox.clusters().values().forEach(KubeApiServer::clearCalls);
            JsonNode again = invokeReconcile(sandbox);
            assertEquals(0, again.get("added").asInt() + again.get("replaced").asInt() + again.get("removed").asInt()
                    + again.get("updated").asInt(), again.toString());
            for (KubeApiServer api : sandbox.clusters().values()) {
                assertEquals(0, api.awsAuthWrites(), api.clusterName());
            }
        }
    }

    /**
     * The cluster after = before without {@code removed}, with {@code added} appended; the other data keys
     * byte for byte; the managed list exactly {@code managed}; labels and other annotations as they were.
     */
    static void expect(String cluster, Map<String, ConfigMap> beforeAll, Map<String, ConfigMap> afterAll,
                       Set<String> removed, List<IdentityMapping> added, Set<String> managed) {
        ConfigMap before = beforeAll.get(cluster);
        ConfigMap after = afterAll.get(cluster);
        List<IdentityMapping> roles = new ArrayList<>(AwsAuthDocument.parse(before.getData()).roles());
        roles.removeIf(m -> removed.contains(m.arn()));
        roles.addAll(added);
        assertEquals(roles, AwsAuthDocument.parse(after.getData()).roles(), cluster);
        for (String key : before.getData().keySet()) {
            if (!key.equals("mapRoles")) {
                assertEquals(before.getData().get(key), after.getData().get(key), cluster + " " + key);
            }
        }
        assertEquals(before.getData().keySet(), after.getData().keySet(), cluster);
        assertEquals(new ManagedArns(managed), ManagedArns.fromAnnotations(after.getMetadata().getAnnotations()),
                cluster);
        Map<String, String> otherBefore = new LinkedHashMap<>(annotations(before));
        Map<String, String> otherAfter = new LinkedHashMap<>(annotations(after));
        otherBefore.remove(ManagedArns.ANNOTATION);
        otherAfter.remove(ManagedArns.ANNOTATION);
        assertEquals(otherBefore, otherAfter);
        assertEquals(before.getMetadata().getLabels(), after.getMetadata().getLabels());
    }

    static Map<String, String> annotations(ConfigMap cm) {
        return cm.getMetadata().getAnnotations() == null ? Map.of() : cm.getMetadata().getAnnotations();
    }
}
