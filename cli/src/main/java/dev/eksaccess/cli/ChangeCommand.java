package dev.eksaccess.cli;

import dev.eksaccess.access.AccessChange;
import dev.eksaccess.eks.AccessOutcome;
import dev.eksaccess.eks.AwsAuthUpdater;
import dev.eksaccess.eks.Backoff;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What grant and revoke share: where aws-auth is, dry run, output, and how the outcome is shown. */
abstract class ChangeCommand implements Callable<Integer> {

    @Option(names = "--file", required = true, paramLabel = "FILE",
            description = "aws-auth ConfigMap manifest (kubectl get cm aws-auth -n kube-system -o yaml); "
                    + "rewritten in place, atomically.")
    Path file;

    @Option(names = "--dry-run", description = "Print what would change; write nothing.")
    boolean dryRun;

    @Option(names = {"-o", "--output"}, paramLabel = "-",
            description = "'-' writes the new manifest to stdout and leaves the file alone.")
    String output;

    @Spec
    CommandSpec spec;

    /** The change the flags ask for; validates them. */
    abstract AccessChange change();

    @Override
    public Integer call() {
        if (output != null && !output.equals("-")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "-o/--output takes only '-' (stdout)");
        }
        AccessChange change = change();
        ManifestFileStore store = new ManifestFileStore(file);
        boolean toStdout = output != null;
        AccessOutcome outcome = new AwsAuthUpdater(Backoff.DEFAULT).apply(store, change, dryRun || toStdout);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (toStdout) {
            out.print(store.render(outcome.newData(), store.read().orElseThrow().annotations()));
            out.flush();
            err.println(status(outcome) + outcome.summary());
            err.flush();
            return 0;
        }
        out.println(status(outcome) + outcome.summary());
        out.print(outcome.diff());
        out.flush();
        return 0;
    }

    private String status(AccessOutcome outcome) {
        if (!outcome.changed()) {
            return "unchanged: ";
        }
        return outcome.written() ? "changed: " : "would change (dry run): ";
    }
}
