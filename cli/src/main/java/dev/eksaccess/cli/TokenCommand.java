package dev.eksaccess.cli;

import dev.eksaccess.eks.EksToken;
import dev.eksaccess.eks.EksTokenPresigner;
import dev.eksaccess.eks.StaticKeysFirstCredentials;
import java.io.StringWriter;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

/**
 * Prints an ExecCredential, like {@code aws eks get-token}, so kubeconfig can use it as exec plugin.
 * kubectl runs it for every command, so every step is the light one: the command model is built in code
 * (reading picocli annotations costs a fresh JVM ~20 ms of reflection), static keys from the environment are
 * used without building the SDK's default chain, the STS host comes without SDK region metadata, the JCA
 * finds HmacSHA256 without instantiating four other providers first, and the JSON is written with Jackson's
 * streaming generator instead of a mapper.
 */
final class TokenCommand implements Callable<Integer> {
    static final String NAME = "token";
    private CommandSpec spec;

    private TokenCommand() {
    }

    /** The model of {@code token}: the same one as a subcommand of the full CLI and run alone. */
    static CommandSpec spec() {
        return spec(new TokenCommand());
    }

    private static CommandSpec spec(TokenCommand command) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(NAME);
        spec.usageMessage().description(
                "Print an EKS bearer token as a client.authentication.k8s.io/v1beta1 ExecCredential.");
        spec.addOption(OptionSpec.builder("--cluster-name").required(true).type(String.class)
                .paramLabel("<clusterName>").description("EKS cluster name.").build());
        spec.addOption(OptionSpec.builder("--region").type(String.class)
                .paramLabel("<region>").description(RegionOption.DESCRIPTION).build());
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        command.spec = spec;
        return spec;
    }

    /**
     * {@code eks-access token} on its own: the model of no other command is built (see EksAccessCli.main).
     * While picocli builds this one and parses (~30 ms of a fresh JVM), a daemon thread signs a throwaway
     * token, loading and initialising the signer, the JCA providers and the logging behind them. The real
     * signing does not wait for it: it goes ahead as soon as the arguments are parsed, and the two threads
     * share the class initialisation that is left (the JVM runs each class's initialiser once), so neither
     * core idles. Whatever the warm-up still does when the command is done ends with the process.
     */
    static CommandLine commandLine() {
        Thread warmUp = new Thread(TokenCommand::signThrowawayToken, "eks-access-token-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        CommandLine cli = new CommandLine(spec());
        cli.setCommandName("eks-access " + NAME);
        return cli;
    }

    /** Throwaway key, throwaway token: nothing of it is kept or printed. */
    private static void signThrowawayToken() {
        try {
            JcaProviderOrder.preferSunJce();
            new EksTokenPresigner(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    "AKIAWARMUPONLY000000", "warm-up-only-not-a-secret")), Clock.systemUTC())
                    .presign("warm-up", "eu-north-1");
        } catch (Throwable e) {
            // Nothing of the warm-up may reach stderr; whatever failed here fails the real signing too.
        }
    }

    @Override
    public Integer call() {
        String clusterName = spec.findOption("--cluster-name").getValue();
        String region = RegionOption.resolve(spec.findOption("--region").getValue());
        JcaProviderOrder.preferSunJce();
        EksToken token = new EksTokenPresigner(StaticKeysFirstCredentials.provider(), Clock.systemUTC())
                .presign(clusterName, region);
        StringWriter json = new StringWriter();
        try (JsonGenerator out = new JsonFactory().createGenerator(json)) {
            out.writeStartObject();
            out.writeStringProperty("kind", "ExecCredential");
            out.writeStringProperty("apiVersion", "client.authentication.k8s.io/v1beta1");
            out.writeObjectPropertyStart("spec");
            out.writeEndObject();
            out.writeObjectPropertyStart("status");
            out.writeStringProperty("expirationTimestamp",
                    DateTimeFormatter.ISO_INSTANT.format(token.expiresAt().truncatedTo(ChronoUnit.SECONDS)));
            out.writeStringProperty("token", token.value());
            out.writeEndObject();
            out.writeEndObject();
        }
        spec.commandLine().getOut().println(json);
        return 0;
    }
}
