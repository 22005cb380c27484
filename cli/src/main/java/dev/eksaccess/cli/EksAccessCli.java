package dev.eksaccess.cli;

import dev.eksaccess.access.AccessRefusedException;
import dev.eksaccess.access.InvalidInputException;
import dev.eksaccess.access.MalformedAwsAuthException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code eks-access}: grant, revoke and list EKS access, and make tokens, from a terminal. */
@Command(name = "eks-access",
        mixinStandardHelpOptions = true,
        versionProvider = EksAccessCli.Version.class,
        description = "Grant and revoke Kubernetes access on Amazon EKS clusters (aws-auth or access entries), and make "
                + "EKS tokens.",
        subcommands = {TokenCommand.class, GrantCommand.class, RevokeCommand.class, ListCommand.class,
                InvokeCommand.class, SandboxCommand.class, ReconcileCommand.class, MigrateCommand.class},
        footer = {"", "Exit codes: 0 success, 1 refused or invalid input, 2 usage error."})
public final class EksAccessCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests set out/err on it and call execute. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new EksAccessCli());
        cli.setExecutionExceptionHandler(EksAccessCli::handle);
        return cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (token, grant, revoke, list, "
                + "reconcile, migrate, invoke, sandbox)");
    }

    /** Known failures get one clear line and exit 1; nothing else was written by then. */
    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof InvalidInputException || e instanceof AccessRefusedException
                || e instanceof MalformedAwsAuthException) {
            err.println("error: " + e.getMessage());
        } else {
            err.println("error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            if (System.getenv("EKS_ACCESS_DEBUG") != null) {
                e.printStackTrace(err);
            }
        }
        err.flush();
        return 1;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = EksAccessCli.class.getPackage().getImplementationVersion();
            return new String[] {"eks-access " + (v == null ? "dev" : v)};
        }
    }
}
