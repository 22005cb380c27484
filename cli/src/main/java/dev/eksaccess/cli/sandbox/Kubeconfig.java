package dev.eksaccess.cli.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * A kubeconfig for the sandbox's clusters whose user runs {@code eks-access token} as exec plugin,
 * the way {@code aws eks update-kubeconfig} wires {@code aws eks get-token}.
 */
public final class Kubeconfig {
    private Kubeconfig() {
    }

    /**
     * @param tokenCommand the command that runs eks-access (e.g. java -cp ... EksAccessCli); "token ..." is appended
     */
    public static Path write(Sandbox sandbox, Path file, List<String> tokenCommand) {
        Map<String, String> env = sandbox.environment();
        List<Object> clusters = new ArrayList<>();
        List<Object> contexts = new ArrayList<>();
        List<Object> users = new ArrayList<>();
        sandbox.clusters().forEach((name, api) -> {
            String region = sandbox.spec().clusters().stream().filter(c -> c.ref().name().equals(name))
                    .findFirst().orElseThrow().ref().region();
            clusters.add(Map.of("name", name, "cluster", Map.of("server", api.url(),
                    "certificate-authority-data", Sandbox.caData(api))));
            contexts.add(Map.of("name", name, "context", Map.of("cluster", name, "user", name,
                    "namespace", "kube-system")));
            List<String> args = new ArrayList<>(tokenCommand.subList(1, tokenCommand.size()));
            args.addAll(List.of("token", "--cluster-name", name, "--region", region));
            List<Object> execEnv = new ArrayList<>();
            for (String key : List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION")) {
                execEnv.add(Map.of("name", key, "value", env.get(key)));
            }
            Map<String, Object> exec = new LinkedHashMap<>();
            exec.put("apiVersion", "client.authentication.k8s.io/v1beta1");
            exec.put("command", tokenCommand.get(0));
            exec.put("args", args);
            exec.put("env", execEnv);
            exec.put("interactiveMode", "Never");
            users.add(Map.of("name", name, "user", Map.of("exec", exec)));
        });
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("apiVersion", "v1");
        config.put("kind", "Config");
        config.put("clusters", clusters);
        config.put("contexts", contexts);
        config.put("users", users);
        config.put("current-context", sandbox.clusters().keySet().iterator().next());
        String yaml = new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build()).dumpToString(config);
        try {
            Files.writeString(file, yaml);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write kubeconfig " + file, e);
        }
        return file;
    }
}
