package dev.eksaccess.cli;

import dev.eksaccess.access.AccessRefusedException;
import dev.eksaccess.access.InvalidInputException;
import dev.eksaccess.access.MalformedAwsAuthException;
import dev.eksaccess.eks.Redaction;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code eks-access}: grant, revoke and list EKS access, and make tokens, from a terminal. */
@Command(name = "eks-access",
        mixinStandardHelpOptions = true,
        versionProvider = EksAccessCli.Version.class,
        description = "Grant and revoke Kubernetes access on Amazon EKS clusters (aws-auth or access entries), and make "
                + "EKS tokens.",
        footer = {"", "Exit codes: 0 success, 1 refused or invalid input, 2 usage error."})
public final class EksAccessCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(null, null, args));
    }

    /**
     * Runs {@code eks-access args}, printing to out and err (null: the process's own). {@code token}, which
     * kubectl runs for every request, gets a command line built from TokenCommand alone: building the model
     * of every command costs it a tenth of a second. Everything else, help included, gets the full one.
     */
    static int execute(PrintWriter out, PrintWriter err, String... args) {
        boolean token = args.length > 0 && "token".equals(args[0]);
        CommandLine cli = token ? TokenCommand.commandLine().setExecutionExceptionHandler(new FailureHandler())
                : commandLine();
        if (out != null) {
            cli.setOut(out);
        }
        if (err != null) {
            cli.setErr(err);
        }
        return cli.execute(token ? Arrays.copyOfRange(args, 1, args.length) : args);
    }

    /** The configured command line with every command, in the order help lists them. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new EksAccessCli());
        cli.addSubcommand(TokenCommand.NAME, TokenCommand.spec()); // built in code, so added here rather than above
        for (Class<?> command : List.of(GrantCommand.class, RevokeCommand.class, ListCommand.class, InvokeCommand.class,
                SandboxCommand.class, ReconcileCommand.class, MigrateCommand.class)) {
            cli.addSubcommand(command);
        }
        cli.setExecutionExceptionHandler(new FailureHandler());
        return cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (token, grant, revoke, list, "
                + "reconcile, migrate, invoke, sandbox)");
    }

    /**
     * Known failures get one clear line and exit 1; nothing else was written by then. A class, not a method
     * reference: picocli's interfaces are Java 5 class files, and JDK 17 cannot archive (CDS) a lambda that
     * implements one, so a lambda here would be spun on every {@code eks-access token}.
     */
    static final class FailureHandler implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
            PrintWriter err = cli.getErr();
            if (e instanceof InvalidInputException || e instanceof AccessRefusedException
                    || e instanceof MalformedAwsAuthException) {
                err.println("error: " + Redaction.redact(e.getMessage()));
            } else {
                err.println("error: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                        : Redaction.redact(e.getMessage())));
                if (System.getenv("EKS_ACCESS_DEBUG") != null) {
                    // Causes and all, unless one of them echoes a credential (then the redacted trace alone).
                    (e instanceof RuntimeException r ? Redaction.safeToThrow(r) : e).printStackTrace(err);
                }
            }
            err.flush();
            return 1;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = EksAccessCli.class.getPackage().getImplementationVersion();
            return new String[] {"eks-access " + (v == null ? "dev" : v)};
        }
    }
}
