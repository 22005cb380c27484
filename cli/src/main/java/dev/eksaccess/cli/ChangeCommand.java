package dev.eksaccess.cli;

import dev.eksaccess.access.AccessChange;
import dev.eksaccess.eks.AccessOutcome;
import dev.eksaccess.eks.AccessProvisioner;
import dev.eksaccess.eks.AwsAuthUpdater;
import dev.eksaccess.eks.Backoff;
import dev.eksaccess.eks.ClusterResult;
import dev.eksaccess.eks.Environment;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What grant and revoke share: where aws-auth is, dry run, output, and how the outcome is shown. */
abstract class ChangeCommand implements Callable<Integer> {

    @Mixin
    TargetOptions target;

    @Option(names = "--dry-run", description = "Print what would change; write nothing.")
    boolean dryRun;

    @Option(names = {"-o", "--output"}, paramLabel = "-",
            description = "'-' writes the new manifest to stdout and leaves the file alone (--file only).")
    String output;

    @Spec
    CommandSpec spec;

    /** The change the flags ask for; validates them. */
    abstract AccessChange change();

    @Override
    public Integer call() {
        target.validate(spec.commandLine());
        if (output != null && (!output.equals("-") || !target.isFile())) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "-o/--output takes only '-' (stdout), and only with --file");
        }
        AccessChange change = change();
        PrintWriter out = spec.commandLine().getOut();
        if (!target.isFile()) {
            List<ClusterResult> results = AccessProvisioner.fromEnvironment(Environment.system())
                    .apply(List.of(target.clusterRef()), change, dryRun);
            return ClusterOutput.print(results, dryRun, out, spec.commandLine().getErr());
        }
        ManifestFileStore store = new ManifestFileStore(target.file);
        boolean toStdout = output != null;
        AccessOutcome outcome = new AwsAuthUpdater(Backoff.DEFAULT).apply(store, change, dryRun || toStdout);
        if (toStdout) {
            out.print(store.render(outcome.newData(), outcome.newAnnotations()));
            out.flush();
            PrintWriter err = spec.commandLine().getErr();
            err.println((outcome.changed() ? "changed (new manifest on stdout, file untouched): " : "unchanged: ")
                    + outcome.summary());
            err.flush();
            return 0;
        }
        out.println(ClusterOutput.status(outcome.changed(), outcome.written()) + outcome.summary());
        out.print(outcome.diff());
        out.flush();
        return 0;
    }
}
