package dev.eksaccess.cli;

import dev.eksaccess.cli.sandbox.Kubeconfig;
import dev.eksaccess.cli.sandbox.Sandbox;
import dev.eksaccess.cli.sandbox.SandboxSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eks-access sandbox up}: keep the local AWS and clusters running for the aws CLI and kubectl. */
@Command(name = "sandbox", mixinStandardHelpOptions = true, description = "The local sandbox.",
        subcommands = SandboxCommand.Up.class)
final class SandboxCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (up)");
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = {"Start the sandbox and keep it running until Ctrl-C.",
                    "Prints the environment to export and a kubeconfig that uses 'eks-access token'."})
    static final class Up implements Callable<Integer> {
        /** Set by the {@code eks-access} launcher to its own path. */
        static final String LAUNCHER = "EKS_ACCESS_LAUNCHER";

        @Option(names = "--sandbox", defaultValue = "events/sandbox.yaml", paramLabel = "FILE",
                description = "Sandbox world to seed (default: ${DEFAULT-VALUE}).")
        Path sandboxSpec;

        @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Where to write the kubeconfig "
                + "(default: a new temporary folder).")
        Path kubeconfig;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            Sandbox sandbox = Sandbox.start(SandboxSpec.load(ProjectFiles.locate(sandboxSpec)));
            CountDownLatch stopped = new CountDownLatch(1);
            Thread stopper = new Thread(() -> {
                sandbox.close();
                stopped.countDown();
            }, "sandbox-stop");
            Runtime.getRuntime().addShutdownHook(stopper);
            Path config = Kubeconfig.write(sandbox, kubeconfig != null ? kubeconfig : tempKubeconfig(),
                    tokenCommand(System.getenv()));
            PrintWriter out = spec.commandLine().getOut();
            out.println("Sandbox running: moto_server at " + sandbox.moto().endpoint() + ", clusters "
                    + String.join(", ", sandbox.clusters().keySet()) + ". Ctrl-C stops it.");
            out.println("In another shell:");
            sandbox.environment().forEach((k, v) -> out.println("  export " + k + "='" + v + "'"));
            out.println("  export KUBECONFIG='" + config + "'");
            out.println("Then for example:");
            out.println("  kubectl get configmap aws-auth -n kube-system -o yaml --context "
                    + sandbox.clusters().keySet().iterator().next());
            out.println("  aws eks list-clusters");
            out.println("  ./eks-access invoke GrantAccessFunction --event events/grant-role.json --aws");
            out.println("READY");
            out.flush();
            stopped.await();
            return 0;
        }

        private static Path tempKubeconfig() {
            try {
                return Files.createTempDirectory("eks-access-sandbox").resolve("kubeconfig");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * What kubectl runs for a token: the {@code eks-access} launcher this command was started from, if any
         * ({@value #LAUNCHER}, which it sets), for its small token jar and CDS archive (~0.11 s a token instead
         * of ~0.2 s, measured); else this JVM with this class path.
         */
        static List<String> tokenCommand(Map<String, String> env) {
            String launcher = env.get(LAUNCHER);
            if (launcher != null && !launcher.isBlank() && Files.isExecutable(Path.of(launcher))) {
                return List.of(Path.of(launcher).toAbsolutePath().toString());
            }
            String java = ProcessHandle.current().info().command().orElse("java");
            return List.of(java, "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-Xshare:auto", "-cp",
                    System.getProperty("java.class.path"), EksAccessCli.class.getName());
        }
    }
}
