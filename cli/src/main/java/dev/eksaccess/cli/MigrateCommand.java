package dev.eksaccess.cli;

import dev.eksaccess.access.ClusterRef;
import dev.eksaccess.eks.AwsAuthMigrator;
import dev.eksaccess.eks.Environment;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eks-access migrate}: copy aws-auth entries to EKS access entries; aws-auth stays as it is. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Copy a cluster's aws-auth role and user entries to EKS access entries (full role ARN with its "
                + "IAM path; system:masters becomes AmazonEKSClusterAdminPolicy). aws-auth is left untouched.",
                "Node roles, other system: groups, reserved usernames and mapAccounts are reported and skipped; "
                        + "identities that already have an access entry are left alone. The cluster must be in "
                        + "API_AND_CONFIG_MAP (or API) mode."})
final class MigrateCommand implements Callable<Integer> {

    @Option(names = "--cluster", required = true, paramLabel = "NAME", description = "EKS cluster name.")
    String cluster;

    @Mixin
    RegionOption region;

    @Option(names = "--dry-run", description = "Print what would be created; create nothing.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ClusterRef ref = new ClusterRef(ClusterRef.checkName("--cluster", cluster),
                ClusterRef.checkRegion("--region", region.resolve()), null);
        List<AwsAuthMigrator.Line> lines = AwsAuthMigrator.fromEnvironment(Environment.system()).migrate(ref, dryRun);
        PrintWriter out = spec.commandLine().getOut();
        long copied = lines.stream().filter(l -> l.outcome() == AwsAuthMigrator.Outcome.CREATED
                || l.outcome() == AwsAuthMigrator.Outcome.WOULD_CREATE).count();
        long failed = lines.stream().filter(l -> l.outcome() == AwsAuthMigrator.Outcome.FAILED).count();
        out.println(ref.name() + " (" + ref.region() + "): " + copied + (dryRun ? " would be copied, " : " copied, ")
                + (lines.size() - copied - failed) + " left out, " + failed + " failed; aws-auth left as it is");
        for (AwsAuthMigrator.Line l : lines) {
            out.println("  " + String.format("%-12s", l.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    + " " + l.identity() + ": " + l.detail());
        }
        out.flush();
        return failed == 0 ? 0 : 1;
    }
}
