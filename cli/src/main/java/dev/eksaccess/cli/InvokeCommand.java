package dev.eksaccess.cli;

import dev.eksaccess.cli.sandbox.AccessEntryChanges;
import dev.eksaccess.cli.sandbox.AwsAuthChanges;
import dev.eksaccess.cli.sandbox.FunctionRunner;
import dev.eksaccess.cli.sandbox.Sandbox;
import dev.eksaccess.cli.sandbox.SandboxSpec;
import dev.eksaccess.eks.Redaction;
import dev.eksaccess.handler.Json;
import dev.eksaccess.testkit.SamTemplate;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code eks-access invoke}: what {@code sam local invoke} does, without Docker: the function's handler
 * and variables from template.yaml, run in this process on the event, against the sandbox (default) or
 * real AWS ({@code --aws}).
 */
@Command(name = "invoke", mixinStandardHelpOptions = true,
        description = {"Run a function of template.yaml on an event, in this process.",
                "Default: on the local sandbox (events/sandbox.yaml; needs moto_server), then print each "
                        + "cluster's aws-auth diff (and access entries of API-mode clusters). --aws: against real AWS "
                        + "with the default credentials.",
                "A variable of the function set in your environment overrides the template's value "
                        + "(like sam local invoke --env-vars)."})
final class InvokeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FUNCTION", description = "Logical id, e.g. GrantAccessFunction.")
    String functionId;

    @Option(names = {"-e", "--event"}, required = true, paramLabel = "FILE", description = "Event JSON file.")
    Path event;

    @Option(names = "--aws", description = "Run against real AWS (honours AWS_ENDPOINT_URL* and EKS_ACCESS_KUBE_ENDPOINTS).")
    boolean aws;

    @Option(names = {"-t", "--template"}, defaultValue = "template.yaml", paramLabel = "FILE",
            description = "SAM template (default: ${DEFAULT-VALUE}).")
    Path template;

    @Option(names = "--sandbox", defaultValue = "events/sandbox.yaml", paramLabel = "FILE",
            description = "Sandbox world to seed (default: ${DEFAULT-VALUE}).")
    Path sandboxSpec;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        byte[] payload = read(ProjectFiles.locate(event));
        if (aws) {
            SamTemplate.Function function = function(Map.of());
            Map<String, String> env = new LinkedHashMap<>(System.getenv());
            env.putAll(function.environment());
            env.putAll(callerOverrides(function));
            return run(function, env, payload, out);
        }
        SandboxSpec world = SandboxSpec.load(ProjectFiles.locate(sandboxSpec));
        SamTemplate.Function function = function(Map.of("AWS::Region", world.region(),
                "AWS::AccountId", world.provisionerAccount().value()));
        try (Sandbox sandbox = Sandbox.start(world)) {
            Map<String, String> env = new LinkedHashMap<>(function.environment());
            env.putAll(sandbox.environment());
            env.putAll(callerOverrides(function));
            Map<String, ConfigMap> before = sandbox.snapshot();
            var entriesBefore = sandbox.accessEntries();
            int code = run(function, env, payload, out);
            out.println();
            out.print(AwsAuthChanges.describe(before, sandbox.snapshot()));
            out.print(AccessEntryChanges.describe(entriesBefore, sandbox.accessEntries()));
            out.flush();
            return code;
        }
    }

    private SamTemplate.Function function(Map<String, String> pseudo) {
        Map<String, String> all = new LinkedHashMap<>(Map.of("AWS::Region", "us-east-1", "AWS::AccountId",
                "123456789012", "AWS::Partition", "aws"));
        all.putAll(pseudo);
        try {
            return SamTemplate.load(ProjectFiles.locate(template), all).function(functionId);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The caller's values for variables the template declares for the function (sam's --env-vars). */
    private static Map<String, String> callerOverrides(SamTemplate.Function function) {
        Map<String, String> out = new LinkedHashMap<>();
        function.declared().forEach(k -> {
            String mine = System.getenv(k);
            if (mine != null) {
                out.put(k, mine);
            }
        });
        return out;
    }

    /** Prints the result, or the error the way Lambda reports it; exit 1 on error. */
    private static int run(SamTemplate.Function function, Map<String, String> env, byte[] payload, PrintWriter out) {
        try {
            String result = FunctionRunner.invoke(function, env, payload);
            out.println(pretty(result));
            out.flush();
            return 0;
        } catch (RuntimeException e) {
            ObjectNode error = Json.object();
            // The full class name, as Lambda's Java runtime reports it (and Step Functions Retry/Catch match it).
            error.put("errorType", e.getClass().getName());
            error.put("errorMessage", Redaction.redact(e.getMessage()));
            out.println(Json.pretty(error));
            out.flush();
            return 1;
        }
    }

    private static String pretty(String json) {
        try {
            return Json.pretty(Json.MAPPER.readTree(json));
        } catch (JacksonException notJson) {
            return json;
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read event " + file, e);
        }
    }
}
