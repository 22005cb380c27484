package dev.eksaccess.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The local access-entry API, driven by the AWS CLI (botocore's own EKS model, an independent client):
 * every operation the provisioner uses, the errors EKS documents, and moto behind it for the rest.
 */
class EksAccessEntriesServerTest {
    static final String ROLE = "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/Admin";
    static final String VIEW = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy";
    static final ObjectMapper JSON = new ObjectMapper();

    MotoServer moto = MotoServer.shared();
    EksAccessEntriesServer eks;

    @BeforeEach
    void start() throws Exception {
        moto.reset();
        eks = EksAccessEntriesServer.start(moto.endpoint());
        for (String name : List.of("api", "classic")) {
            aws(0, "eks", "create-cluster", "--name", name, "--role-arn", "arn:aws:iam::123456789012:role/eks",
                    "--resources-vpc-config", "subnetIds=subnet-0a1b2c3d");
        }
        eks.authenticationMode("api", "API");
    }

    @AfterEach
    void stop() {
        eks.close();
    }

    @Test
    void describeClusterCarriesTheModeOnlyForClustersGivenOne() throws Exception {
        assertEquals("API", aws(0, "eks", "describe-cluster", "--name", "api")
                .at("/cluster/accessConfig/authenticationMode").asString());
        assertTrue(aws(0, "eks", "describe-cluster", "--name", "classic").at("/cluster/accessConfig").isMissingNode(),
                "moto's answer, unchanged");
        assertEquals(2, aws(0, "eks", "list-clusters").get("clusters").size(), "forwarded to moto");
    }

    @Test
    void theAccessEntryLifecycle() throws Exception {
        JsonNode created = aws(0, "eks", "create-access-entry", "--cluster-name", "api", "--principal-arn", ROLE,
                "--username", "admin:{{SessionName}}", "--kubernetes-groups", "ops", "--tags", "eks-access.dev/managed=true");
        assertEquals(ROLE, created.at("/accessEntry/principalArn").asString());
        assertEquals("STANDARD", created.at("/accessEntry/type").asString());
        assertTrue(created.at("/accessEntry/accessEntryArn").asString()
                .startsWith("arn:aws:eks:eu-north-1:123456789012:access-entry/api/role/123456789012/Admin/"));
        aws(0, "eks", "associate-access-policy", "--cluster-name", "api", "--principal-arn", ROLE, "--policy-arn", VIEW,
                "--access-scope", "type=namespace,namespaces=team-a");
        JsonNode policies = aws(0, "eks", "list-associated-access-policies", "--cluster-name", "api",
                "--principal-arn", ROLE);
        assertEquals(VIEW, policies.at("/associatedAccessPolicies/0/policyArn").asString());
        assertEquals("team-a", policies.at("/associatedAccessPolicies/0/accessScope/namespaces/0").asString());
        aws(0, "eks", "update-access-entry", "--cluster-name", "api", "--principal-arn", ROLE, "--kubernetes-groups",
                "devs");
        JsonNode described = aws(0, "eks", "describe-access-entry", "--cluster-name", "api", "--principal-arn", ROLE);
        assertEquals("devs", described.at("/accessEntry/kubernetesGroups/0").asString());
        assertEquals("admin:{{SessionName}}", described.at("/accessEntry/username").asString());
        assertEquals("true", described.at("/accessEntry/tags/eks-access.dev~1managed").asString());
        assertEquals(List.of(ROLE), List.of(aws(0, "eks", "list-access-entries", "--cluster-name", "api")
                .at("/accessEntries/0").asString()));
        aws(0, "eks", "disassociate-access-policy", "--cluster-name", "api", "--principal-arn", ROLE,
                "--policy-arn", VIEW);
        aws(0, "eks", "delete-access-entry", "--cluster-name", "api", "--principal-arn", ROLE);
        assertTrue(eks.entries("api").isEmpty());
        assertEquals(List.of("CreateAccessEntry api " + ROLE, "AssociateAccessPolicy api " + ROLE + " " + VIEW,
                "ListAssociatedAccessPolicies api " + ROLE, "UpdateAccessEntry api " + ROLE,
                "DescribeAccessEntry api " + ROLE, "ListAccessEntries api", "DisassociateAccessPolicy api " + ROLE
                        + " " + VIEW, "DeleteAccessEntry api " + ROLE), eks.calls());
    }

    @Test
    void aCreateRepeatedWithItsClientRequestTokenAnswersWithTheEntryItMade() throws Exception {
        String made = aws(0, "eks", "create-access-entry", "--cluster-name", "api", "--principal-arn", ROLE,
                "--username", "admin", "--client-request-token", "token-1").at("/accessEntry/accessEntryArn").asString();
        assertEquals(made, aws(0, "eks", "create-access-entry", "--cluster-name", "api", "--principal-arn", ROLE,
                "--username", "admin", "--client-request-token", "token-1").at("/accessEntry/accessEntryArn").asString(),
                "the same request again: the entry it made");
        assertTrue(awsError("eks", "create-access-entry", "--cluster-name", "api", "--principal-arn", ROLE,
                "--username", "other", "--client-request-token", "token-1").contains("InvalidParameterException"),
                "the token with another request");
        assertTrue(awsError("eks", "create-access-entry", "--cluster-name", "api", "--principal-arn", ROLE,
                "--username", "admin", "--client-request-token", "token-2").contains("ResourceInUseException"),
                "another token: another create, and the entry is there");
        assertEquals(1, eks.entries("api").size());
    }

    @Test
    void theErrorsEksDocuments() throws Exception {
        aws(0, "eks", "create-access-entry", "--cluster-name", "api", "--principal-arn", ROLE);
        assertEquals("arn:aws:sts::123456789012:assumed-role/Admin/{{SessionName}}",
                eks.entries("api").get(0).username(), "EKS's default username drops the path");
        assertTrue(awsError("eks", "create-access-entry", "--cluster-name", "api", "--principal-arn", ROLE)
                .contains("ResourceInUseException"));
        assertTrue(awsError("eks", "create-access-entry", "--cluster-name", "api", "--principal-arn",
                "arn:aws:iam::123456789012:role/other", "--username", "system:admin").contains("InvalidParameterException"));
        assertTrue(awsError("eks", "create-access-entry", "--cluster-name", "api", "--principal-arn",
                "arn:aws:iam::123456789012:role/other", "--kubernetes-groups", "system:masters")
                .contains("InvalidParameterException"));
        assertTrue(awsError("eks", "describe-access-entry", "--cluster-name", "api", "--principal-arn",
                "arn:aws:iam::123456789012:role/other").contains("ResourceNotFoundException"));
        assertTrue(awsError("eks", "list-access-entries", "--cluster-name", "classic")
                .contains("InvalidRequestException"), "CONFIG_MAP clusters have no access entries");
        eks.seed("api", "arn:aws:iam::123456789012:role/nodes", "EC2_LINUX");
        assertTrue(awsError("eks", "associate-access-policy", "--cluster-name", "api", "--principal-arn",
                "arn:aws:iam::123456789012:role/nodes", "--policy-arn", VIEW, "--access-scope", "type=cluster")
                .contains("InvalidParameterException"));
        assertEquals(Map.of(), eks.entries("api").get(1).policies());
    }

    JsonNode aws(int expectedExit, String... args) throws Exception {
        Result r = run(args);
        assertEquals(expectedExit, r.exit, r.output);
        return r.output.isBlank() ? JSON.createObjectNode() : JSON.readTree(r.output);
    }

    String awsError(String... args) throws Exception {
        Result r = run(args);
        assertTrue(r.exit != 0, r.output);
        return r.output;
    }

    record Result(int exit, String output) {
    }

    Result run(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("aws", "--region", "eu-north-1", "--output", "json",
                "--endpoint-url", eks.endpoint().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "secret");
        builder.environment().keySet().removeIf(k -> k.equals("AWS_PROFILE") || k.equals("AWS_SESSION_TOKEN")
                || k.startsWith("AWS_ENDPOINT_URL"));
        Process process;
        try {
            process = builder.start();
        } catch (IOException notInstalled) {
            assumeTrue(false, "aws CLI not installed");
            throw notInstalled;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return new Result(process.exitValue(), output);
    }
}
