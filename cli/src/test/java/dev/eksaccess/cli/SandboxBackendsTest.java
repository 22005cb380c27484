package dev.eksaccess.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.access.AwsAuthDocument;
import dev.eksaccess.cli.sandbox.FunctionRunner;
import dev.eksaccess.cli.sandbox.Sandbox;
import dev.eksaccess.cli.sandbox.SandboxSpec;
import dev.eksaccess.handler.Json;
import dev.eksaccess.testkit.EksAccessEntriesServer;
import dev.eksaccess.testkit.IdentityCenterServer;
import dev.eksaccess.testkit.SamTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * On the sandbox, the README's SSO sample event grants jane.doe's AdministratorAccess role through aws-auth on
 * "prod" (CONFIG_MAP) and through an access entry on "web" (API mode) in one run; once the assignment is gone,
 * the delete event revokes both, and the node entries stay.
 */
class SandboxBackendsTest {
    static final Path ROOT = Path.of("..");
    static final String FULL_ARN = "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/"
            + "AWSReservedSSO_AdministratorAccess_0123456789abcdef";
    static final String AWS_AUTH_ARN = "arn:aws:iam::111122223333:role/AWSReservedSSO_AdministratorAccess_0123456789abcdef";

    @Test
    void theSampleEventGrantsThroughBothBackendsAndTheDeleteEventRevokesBoth() throws Exception {
        SandboxSpec spec = SandboxSpec.load(ROOT.resolve("events/sandbox.yaml"));
        SamTemplate.Function function = SamTemplate.load(ROOT.resolve("template.yaml"), Map.of("AWS::Region",
                spec.region(), "AWS::AccountId", spec.provisionerAccount().value(), "AWS::Partition", "aws"))
                .function("SsoAssignmentFunction");
        try (Sandbox sandbox = Sandbox.start(spec)) {
            Map<String, String> env = new LinkedHashMap<>(function.environment());
            env.putAll(sandbox.environment());

            JsonNode granted = invoke(function, env, "sso-create-user.json");
            assertEquals(List.of("prod:aws-auth:true", "web:access-entries:true"), outcome(granted), granted.toString());
            assertTrue(mapped(sandbox, AWS_AUTH_ARN));
            EksAccessEntriesServer.Entry entry = sandbox.accessEntries().get("web").get(1);
            assertEquals(FULL_ARN, entry.principalArn());
            assertEquals(Map.of("arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", List.of()),
                    entry.policies());

            IdentityCenterServer.Assignment jane = sandbox.identityCenter().assignments().stream()
                    .filter(a -> a.accountId().equals("111122223333") && a.principalType().equals("USER")).findFirst()
                    .orElseThrow();
            sandbox.identityCenter().unassign(jane);
            JsonNode revoked = invoke(function, env, "sso-delete.json");
            assertEquals("revoke", revoked.get("action").asString(), revoked.toString());
            assertEquals(List.of("prod:aws-auth:true", "web:access-entries:true"), outcome(revoked));
            assertFalse(mapped(sandbox, AWS_AUTH_ARN));
            assertEquals(List.of("arn:aws:iam::111122223333:role/eks-web-nodegroup-NodeInstanceRole"),
                    sandbox.accessEntries().get("web").stream().map(EksAccessEntriesServer.Entry::principalArn).toList());
        }
    }

    static JsonNode invoke(SamTemplate.Function function, Map<String, String> env, String event) throws Exception {
        return Json.MAPPER.readTree(FunctionRunner.invoke(function, env,
                Files.readAllBytes(ROOT.resolve("events").resolve(event))));
    }

    static List<String> outcome(JsonNode out) {
        return out.get("results").valueStream().map(r -> r.get("cluster").asString() + ":"
                + r.get("backend").asString() + ":" + r.get("changed").asBoolean()).toList();
    }

    static boolean mapped(Sandbox sandbox, String arn) {
        return AwsAuthDocument.parse(sandbox.snapshot().get("prod").getData()).roles().stream()
                .anyMatch(m -> arn.equals(m.arn()));
    }
}
