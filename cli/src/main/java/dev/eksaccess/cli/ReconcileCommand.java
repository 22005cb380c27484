package dev.eksaccess.cli;

import dev.eksaccess.eks.Environment;
import dev.eksaccess.sso.ClusterReconcile;
import dev.eksaccess.sso.Drift;
import dev.eksaccess.sso.ReconcileReport;
import dev.eksaccess.sso.ReconcileService;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eks-access reconcile}: what ReconcileFunction does, from a terminal, with the default AWS
 * credentials and the function's variables (ACCESS_POLICY or ACCESS_POLICY_PARAMETER, SSO_INSTANCE_ARN,
 * SSO_REGION, TARGET_ROLE_NAME, ...): one line per cluster as it is done, then the counts.
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = {"Repair drift between IAM Identity Center and the managed aws-auth entries of the access "
                + "policy's clusters (missed grants, recreated roles, missed removals). Hand-made entries are "
                + "never touched.",
                "Reads the function's variables: ACCESS_POLICY or ACCESS_POLICY_PARAMETER, SSO_INSTANCE_ARN and "
                        + "SSO_REGION (else ListInstances in AWS_REGION), TARGET_ROLE_NAME."},
        footer = {"", "Exit codes: 0 done (or nothing to do), 1 a cluster or account failed (the others were done)."})
final class ReconcileCommand implements Callable<Integer> {

    @Option(names = "--dry-run", description = "Report the drift and write nothing.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReconcileReport report = ReconcileService.fromEnvironment(Environment.system()).run(dryRun, c -> {
            out.println(line(c, dryRun));
            c.drift().notes().forEach(n -> out.println("    " + n));
            out.flush();
        });
        report.errors().forEach(e -> err.println("error: " + e));
        report.notes().forEach(n -> out.println("note: " + n));
        out.println((dryRun ? "dry run, nothing written: " : "") + "checked " + report.checked()
                + (report.checked() == 1 ? " cluster" : " clusters") + ": " + report.added() + " added, "
                + report.replaced() + " replaced, " + report.updated() + " updated, " + report.removed()
                + " removed, " + report.failed() + " failed");
        out.flush();
        err.flush();
        return report.failed() > 0 ? 1 : 0;
    }

    /** {@code account/region/name: in sync | changed: ... | would change: ... | failed: ...}. */
    static String line(ClusterReconcile c, boolean dryRun) {
        String label = "  " + c.cluster().label() + ": ";
        if (c.failed()) {
            return label + "failed: " + c.result().error();
        }
        List<Drift> drift = c.drift().drift();
        if (drift.isEmpty()) {
            return label + "in sync";
        }
        return label + (dryRun ? "would change: " : "changed: ")
                + drift.stream().map(ReconcileCommand::describe).collect(Collectors.joining("; "));
    }

    private static String describe(Drift d) {
        if (d instanceof Drift.Replace r) {
            return "replace " + String.join(", ", r.stale()) + " with " + r.role();
        }
        if (d instanceof Drift.Remove r) {
            return "remove " + String.join(", ", r.entries()) + " (" + r.reason() + ")";
        }
        return d.kind() + " " + d.grants();
    }
}
