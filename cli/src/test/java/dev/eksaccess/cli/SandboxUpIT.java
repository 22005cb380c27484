package dev.eksaccess.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eks-access sandbox up} as a person uses it: start it, export what it prints, read aws-auth with
 * kubectl through the generated kubeconfig (eks-access token as exec plugin), list clusters with the
 * aws CLI, then stop it and find nothing left running.
 */
class SandboxUpIT {
    static final Pattern EXPORT = Pattern.compile("^  export (\\w+)='(.*)'$");

    @TempDir
    Path temp;

    @Test
    void kubectlAndTheAwsCliWorkAgainstARunningSandbox() throws Exception {
        Path kubeconfig = temp.resolve("kubeconfig");
        // Through the launcher, as the README has it: the kubeconfig's token command is then the launcher too.
        Path launcher = EksAccessLauncherIT.ROOT.resolve("eks-access");
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "sandbox", "up",
                "--sandbox", Path.of("../events/sandbox.yaml").toAbsolutePath().toString(),
                "--kubeconfig", kubeconfig.toString()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        // The launcher's CDS training belongs to EksAccessLauncherIT; kubectl's token runs here skip it.
        builder.environment().put("EKS_ACCESS_CDS", "off");
        Process sandbox = builder.start();
        Map<String, String> exports = new LinkedHashMap<>();
        List<ProcessHandle> children;
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(sandbox.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            StringBuilder transcript = new StringBuilder();
            while ((line = lines.readLine()) != null && !line.equals("READY")) {
                transcript.append(line).append('\n');
                Matcher m = EXPORT.matcher(line);
                if (m.matches()) {
                    exports.put(m.group(1), m.group(2));
                }
            }
            assertEquals("READY", line, "sandbox up did not start:\n" + transcript);
            assertEquals(kubeconfig.toString(), exports.get("KUBECONFIG"));
            assertTrue(Files.isRegularFile(kubeconfig));
            assertTrue(Files.readString(kubeconfig).contains(launcher.toString()), "kubectl runs the launcher for "
                    + "tokens:\n" + Files.readString(kubeconfig));
            children = sandbox.descendants().toList();
            assertFalse(children.isEmpty(), "moto_server runs as a child");

            String mapRoles = run(exports, "kubectl", "get", "configmap", "aws-auth", "-n", "kube-system",
                    "--context", "prod", "-o", "jsonpath={.data.mapRoles}");
            assertTrue(mapRoles.contains("system:node:{{EC2PrivateDNSName}}"), mapRoles);
            String clusters = run(exports, "aws", "eks", "list-clusters", "--output", "text");
            assertTrue(clusters.contains("prod"), clusters);

            // eks-access on the live cluster, as with eksctl: default credentials, DescribeCluster, token.
            String role = "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/"
                    + "AWSReservedSSO_AdministratorAccess_0123456789abcdef";
            CliRun grant = JarProcess.run(temp, exports, List.of(), "grant", "--cluster", "prod", "--region",
                    "eu-north-1", "--arn", role, "--username", "admin:{{SessionName}}", "--group", "system:masters");
            assertEquals(0, grant.exitCode(), grant.transcript());
            assertTrue(grant.out().startsWith("prod (111122223333, eu-north-1): changed: add "), grant.transcript());
            String after = run(exports, "kubectl", "get", "configmap", "aws-auth", "-n", "kube-system",
                    "--context", "prod", "-o", "jsonpath={.data.mapRoles}");
            assertTrue(after.contains("rolearn: arn:aws:iam::111122223333:role/AWSReservedSSO_AdministratorAccess_"
                    + "0123456789abcdef"), after);
            CliRun again = JarProcess.run(temp, exports, List.of(), "grant", "--cluster", "prod", "--region",
                    "eu-north-1", "--arn", role, "--username", "admin:{{SessionName}}", "--group", "system:masters");
            assertTrue(again.out().contains("unchanged"), again.transcript());
            CliRun node = JarProcess.run(temp, exports, List.of(), "revoke", "--cluster", "prod", "--region",
                    "eu-north-1", "--arn", "arn:aws:iam::111122223333:role/eks-prod-nodegroup-NodeInstanceRole");
            assertEquals(1, node.exitCode(), node.transcript());
            assertTrue(node.err().contains("never changes node mappings"), node.transcript());
        } finally {
            sandbox.destroy(); // SIGTERM, as Ctrl-C: the shutdown hook stops everything it started
        }
        assertTrue(sandbox.waitFor(30, TimeUnit.SECONDS), "sandbox up did not stop");
        for (ProcessHandle child : children) {
            child.onExit().get(10, TimeUnit.SECONDS);
            assertFalse(child.isAlive(), "left running: " + child.info().commandLine().orElse("" + child.pid()));
        }
    }

    private String run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        builder.environment().putAll(env);
        builder.environment().put("EKS_ACCESS_CDS", "off");
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " hung");
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out);
        return out;
    }
}
