package dev.eksaccess.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.cli.sandbox.Sandbox;
import dev.eksaccess.cli.sandbox.SandboxSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code eks-access migrate} from the jar, on the sandbox with "prod" switched to API_AND_CONFIG_MAP: the one
 * user entry is copied; node roles, roles IAM does not know and mapAccounts are reported; aws-auth stays.
 */
class MigrateCommandIT {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void migrateCopiesWhatItCanAndReportsTheRest() {
        SandboxSpec spec = SandboxSpec.load(ROOT.resolve("events/sandbox.yaml"));
        List<SandboxSpec.Cluster> clusters = spec.clusters().stream().map(c -> !c.ref().name().equals("prod") ? c
                : new SandboxSpec.Cluster(c.ref(), c.tags(), c.awsAuth(), c.managedArns(), "API_AND_CONFIG_MAP",
                        c.accessEntries())).toList();
        SandboxSpec hybrid = new SandboxSpec(spec.region(), spec.provisionerAccount(), spec.targetRoleName(),
                spec.reservedRoles(), clusters, spec.identityCenter(), spec.accessPolicy());
        try (Sandbox sandbox = Sandbox.start(hybrid)) {
            var awsAuthBefore = sandbox.snapshot().get("prod").getData();
            CliRun dry = JarProcess.run(ROOT, sandbox.environment(), List.of(), "migrate", "--cluster", "prod",
                    "--dry-run");
            assertEquals(0, dry.exitCode(), dry.transcript());
            assertTrue(dry.out().contains("1 would be copied"), dry.transcript());
            assertTrue(sandbox.accessEntries().get("prod").isEmpty(), "a dry run creates nothing");

            CliRun run = JarProcess.run(ROOT, sandbox.environment(), List.of(), "migrate", "--cluster", "prod");
            assertEquals(0, run.exitCode(), run.transcript());
            assertTrue(run.out().startsWith("prod (eu-north-1): 1 copied, "), run.transcript());
            assertTrue(run.out().contains("  created      arn:aws:iam::111122223333:user/alice: create access entry"),
                    run.transcript());
            assertTrue(run.out().contains("  skipped      arn:aws:iam::111122223333:role/eks-prod-nodegroup-"
                    + "NodeInstanceRole: maps nodes"), run.transcript());
            assertTrue(run.out().contains("  skipped      444455556666: mapAccounts has no access-entry equivalent"),
                    run.transcript());
            assertEquals(List.of("arn:aws:iam::111122223333:user/alice"), sandbox.accessEntries().get("prod").stream()
                    .map(e -> e.principalArn()).toList());
            assertEquals(awsAuthBefore, sandbox.snapshot().get("prod").getData(), "aws-auth is left as it is");
        }
    }
}
