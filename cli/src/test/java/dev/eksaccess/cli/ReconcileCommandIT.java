package dev.eksaccess.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.cli.sandbox.Sandbox;
import dev.eksaccess.cli.sandbox.SandboxSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code eks-access reconcile} from the shaded jar, with nothing but the sandbox's exports (what
 * {@code sandbox up} prints): no SSO_INSTANCE_ARN, so the instance comes from ListInstances. A line per
 * cluster, then the counts; --dry-run writes nothing.
 */
class ReconcileCommandIT {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void reconcileRepairsTheSandboxDriftWithAProgressLinePerCluster() {
        try (Sandbox sandbox = Sandbox.start(SandboxSpec.load(ROOT.resolve("events/sandbox.yaml")))) {
            Map<String, String> env = sandbox.environment();
            Map<String, ConfigMap> before = sandbox.snapshot();

            CliRun dry = JarProcess.run(ROOT, env, List.of(), "reconcile", "--dry-run");
            assertEquals(0, dry.exitCode(), dry.transcript());
            assertTrue(dry.out().contains("  111122223333/eu-north-1/prod: would change: replace "
                    + "arn:aws:iam::111122223333:role/AWSReservedSSO_AdministratorAccess_1f2e3d4c5b6a7980 with "
                    + "arn:aws:iam::111122223333:role/AWSReservedSSO_AdministratorAccess_0123456789abcdef\n"),
                    dry.transcript());
            assertTrue(dry.out().contains("dry run, nothing written: checked " + sandbox.clusters().size()
                    + " clusters: 2 added, 1 replaced, 0 updated, 1 removed, 0 failed"), dry.transcript());
            assertEquals(before.toString(), sandbox.snapshot().toString(), "a dry run writes nothing");

            CliRun run = JarProcess.run(ROOT, env, List.of(), "reconcile");
            assertEquals(0, run.exitCode(), run.transcript());
            List<String> changed = run.out().lines().filter(l -> l.startsWith("  ") && l.contains(": changed: "))
                    .map(l -> l.substring(2, l.indexOf(": changed: "))).toList();
            assertEquals(List.of("111122223333/eu-north-1/prod", "222222222222/eu-north-1/staging",
                    "222222222222/eu-north-1/analytics"), changed, run.transcript());
            assertTrue(run.out().contains("staging: changed: remove "
                    + "arn:aws:iam::222222222222:role/AWSReservedSSO_AdministratorAccess_89abcdef01234567 "
                    + "(AdministratorAccess is assigned to nobody in account 222222222222); add "
                    + "arn:aws:iam::222222222222:role/AWSReservedSSO_ReadOnlyAccess_76543210fedcba98"), run.transcript());
            assertTrue(run.out().endsWith("checked " + sandbox.clusters().size() + " clusters: 2 added, 1 replaced, "
                    + "0 updated, 1 removed, 0 failed\n"), run.transcript());

            CliRun again = JarProcess.run(ROOT, env, List.of(), "reconcile");
            assertEquals(0, again.exitCode(), again.transcript());
            assertEquals(sandbox.clusters().size(), again.out().lines().filter(l -> l.endsWith(": in sync")).count(),
                    again.transcript());
        }
    }
}
