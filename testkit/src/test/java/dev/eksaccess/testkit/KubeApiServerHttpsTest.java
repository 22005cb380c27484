package dev.eksaccess.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTPS variant exists for kubectl, which sends no bearer token to an http:// server. */
class KubeApiServerHttpsTest {

    @Test
    void servesTheAdminClientOverTlsWithTheNamespacesOfANewCluster() {
        try (KubeApiServer server = KubeApiServer.startHttps("c1", token -> Optional.empty())) {
            assertTrue(server.url().startsWith("https://127.0.0.1:"));
            assertTrue(server.caCertificatePem().orElseThrow().startsWith("-----BEGIN CERTIFICATE-----"));
            List<String> namespaces = server.adminClient().namespaces().list().getItems().stream()
                    .map(n -> n.getMetadata().getName()).toList();
            assertEquals(List.of("default", "kube-system", "kube-public"), namespaces);
            assertEquals(List.of("/api/v1/namespaces"), server.calls().stream().map(RecordedCall::path).toList(),
                    "seeding is not recorded");
        }
    }

    @Test
    void kubectlGetsAndJsonPatchesWithATokenButCannotCreate(@TempDir Path dir) throws Exception {
        try (KubeApiServer server = KubeApiServer.startHttps("c1", token -> Optional.empty())) {
            server.adminClient().configMaps().inNamespace("kube-system").resource(new ConfigMapBuilder()
                    .withNewMetadata().withName("aws-auth").endMetadata().withData(Map.of("mapRoles", "")).build())
                    .create();
            Path kubeconfig = dir.resolve("kubeconfig");
            Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\ncurrent-context: x\n"
                    + "clusters: [{name: c, cluster: {server: '" + server.url() + "', certificate-authority-data: '"
                    + Base64.getEncoder().encodeToString(server.caCertificatePem().orElseThrow()
                    .getBytes(StandardCharsets.US_ASCII)) + "'}}]\n"
                    + "users: [{name: u, user: {token: '" + KubeApiServer.ADMIN_TOKEN + "'}}]\n"
                    + "contexts: [{name: x, context: {cluster: c, user: u}}]\n");

            assertEquals("configmap/aws-auth patched", kubectl(kubeconfig, "-n", "kube-system", "patch", "cm",
                    "aws-auth", "--type", "merge", "-p", "{\"data\":{\"mapUsers\":\"[]\"}}"));
            assertEquals("[]", kubectl(kubeconfig, "-n", "kube-system", "get", "cm", "aws-auth", "-o",
                    "jsonpath={.data.mapUsers}"));
            assertTrue(kubectl(kubeconfig, "-n", "kube-system", "create", "cm", "x").contains("only JSON bodies"));
            assertTrue(server.calls().stream().allMatch(c -> KubeApiServer.ADMIN_TOKEN.equals(c.bearerToken())));
        }
    }

    private static String kubectl(Path kubeconfig, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            assumeTrue(false, "kubectl not installed");
            throw notInstalled;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "kubectl timed out");
        return output;
    }
}
