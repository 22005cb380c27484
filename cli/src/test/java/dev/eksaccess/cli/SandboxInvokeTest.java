package dev.eksaccess.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.cli.sandbox.Sandbox;
import dev.eksaccess.cli.sandbox.SandboxSpec;
import dev.eksaccess.eks.EksTokenPresigner;
import dev.eksaccess.handler.Json;
import dev.eksaccess.testkit.KubeApiServer;
import dev.eksaccess.testkit.SamTemplate;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import tools.jackson.databind.JsonNode;

/** Every function of template.yaml runs on the sandbox with its sample event, as the README promises. */
class SandboxInvokeTest {
    static final Path ROOT = Path.of("..");
    /** The sample event of each function; a function added to the template without one fails below. */
    static final Map<String, String> SAMPLES = Map.of(
            "GrantAccessFunction", "grant-role.json",
            "RevokeAccessFunction", "revoke-role.json",
            "ListAccessFunction", "list.json",
            "SsoAssignmentFunction", "sso-create-user.json",
            "ReconcileFunction", "reconcile.json",
            "ResolveRoleFunction", "resolve-role.json");

    static Iterable<String> functions() {
        return new TreeSet<>(SamTemplate.load(ROOT.resolve("template.yaml"), Map.of()).functions().keySet());
    }

    @Test
    void everyFunctionInTheTemplateHasASampleEvent() {
        for (String function : functions()) {
            assertTrue(SAMPLES.containsKey(function), function + " has no sample event in SandboxInvokeTest");
        }
    }

    @ParameterizedTest
    @MethodSource("functions")
    void theFunctionRunsOnTheSandboxWithItsSampleEvent(String function) {
        CliRun run = CliRun.of("invoke", function, "--event", ROOT.resolve("events").resolve(SAMPLES.get(function))
                .toString(), "--template", ROOT.resolve("template.yaml").toString(),
                "--sandbox", ROOT.resolve("events/sandbox.yaml").toString());
        assertEquals(0, run.exitCode(), run.transcript());
        String json = run.out().substring(0, run.out().indexOf("\naws-auth changes:"));
        JsonNode result = Json.MAPPER.readTree(json);
        assertEquals(0, result.path("failed").asInt(0), run.transcript());
        assertTrue(run.out().contains("aws-auth changes:\n  prod: "), run.transcript());
        // A function changes only clusters it reports on (ResolveRoleFunction reports on none).
        java.util.Set<String> reported = new java.util.HashSet<>();
        result.path("results").forEach(r -> reported.add(r.get("cluster").asString()));
        if (result.has("results")) {
            assertEquals("prod", result.get("results").get(0).get("cluster").asString());
        }
        for (String cluster : new String[] {"prod", "staging", "analytics"}) {
            if (!reported.contains(cluster)) {
                assertTrue(run.out().contains("  " + cluster + ": unchanged"), cluster + ": " + run.transcript());
            }
        }
    }

    @Test
    void aGrantShowsTheNewEntryInTheClustersDiff() {
        CliRun run = CliRun.of("invoke", "GrantAccessFunction", "--event", "../events/grant-role.json",
                "--template", "../template.yaml", "--sandbox", "../events/sandbox.yaml");
        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("""
                  prod: changed
                    @@ mapRoles @@
                    + - rolearn: arn:aws:iam::111122223333:role/AWSReservedSSO_AdministratorAccess_0123456789abcdef
                """), run.transcript());
    }

    @Test
    void anUnknownFunctionIsAUsageError() {
        CliRun run = CliRun.of("invoke", "NoSuchFunction", "--event", "../events/list.json",
                "--template", "../template.yaml");
        assertEquals(2, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("GrantAccessFunction"), "lists the functions there are: " + run.transcript());
    }

    @Test
    void theSandboxApiRefusesTokensThatDoNotVerifyForThatCluster() {
        try (Sandbox sandbox = Sandbox.start(SandboxSpec.load(ROOT.resolve("events/sandbox.yaml")))) {
            KubeApiServer prod = sandbox.clusters().get("prod");
            Map<String, String> env = sandbox.environment();
            EksTokenPresigner presigner = new EksTokenPresigner(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"))),
                    Clock.systemUTC());
            assertEquals(1, prod.client(presigner.presign("prod", "eu-north-1").value()).configMaps()
                    .inNamespace("kube-system").list().getItems().size(), "a good token is accepted");

            String forStaging = presigner.presign("staging", "eu-north-1").value();
            String wrongSecret = new EksTokenPresigner(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(env.get("AWS_ACCESS_KEY_ID"), "not-the-secret")), Clock.systemUTC())
                    .presign("prod", "eu-north-1").value();
            for (String token : new String[] {forStaging, wrongSecret, "k8s-aws-v1.bm90LWEtdXJs", "plain-token"}) {
                KubernetesClientException e = org.junit.jupiter.api.Assertions.assertThrows(
                        KubernetesClientException.class,
                        () -> prod.client(token).configMaps().inNamespace("kube-system").withName("aws-auth").get());
                assertEquals(401, e.getCode());
            }
        }
    }
}
