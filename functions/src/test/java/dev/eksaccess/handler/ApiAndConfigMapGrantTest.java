package dev.eksaccess.handler;

import static dev.eksaccess.handler.AccessHandlersTest.json;
import static dev.eksaccess.handler.LocalCloud.invoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.testkit.EksAccessEntriesServer;
import dev.eksaccess.testkit.KubeApiServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Direct grants through access entries on "prod" in API_AND_CONFIG_MAP, where EKS also reads aws-auth and,
 * for a principal with both, uses the access entry alone: a new entry takes the place of the identity's
 * aws-auth mapping, and the result says so. Grant handler, moto, the cluster's Kubernetes API (aws-auth with
 * a hand-made platform-admin mapping, system:masters) and the testkit's access-entry API.
 */
class ApiAndConfigMapGrantTest {
    static final String ADMIN = "arn:aws:iam::111122223333:role/platform-admin";
    static final String DEVELOPER = "arn:aws:iam::111122223333:role/developer";

    AccessEntriesCloud aws;
    LocalCloud cloud;
    EksAccessEntriesServer eks;
    Map<String, String> env;

    @BeforeEach
    void start() {
        aws = new AccessEntriesCloud("prod", "API_AND_CONFIG_MAP").roles("/", "platform-admin", "developer");
        cloud = aws.cloud;
        eks = aws.eks;
        env = aws.env;
        cloud.prod.clearCalls();
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    static String grant(String arn) {
        return "{\"clusters\":[{\"name\":\"prod\",\"region\":\"" + LocalCloud.REGION + "\"}],\"arn\":\"" + arn
                + "\",\"username\":\"viewer\",\"accessPolicies\":[{\"policy\":\"AmazonEKSViewPolicy\"}]}";
    }

    JsonNode granted(String arn) {
        return AccessHandlersTest.only(json(invoke(new GrantAccessHandler(env), grant(arn))));
    }

    long awsAuthReads() {
        return cloud.prod.calls().stream().filter(c -> c.method().equals("GET")
                && c.path().startsWith(KubeApiServer.AWS_AUTH_PATH)).count();
    }

    @Test
    void aGrantOverAHandMadeMappingSaysTheAccessEntryTakesItsPlace() {
        JsonNode result = granted(ADMIN);

        assertTrue(result.get("changed").asBoolean(), result.toString());
        assertEquals("access-entries", result.get("backend").asString());
        assertTrue(result.get("summary").asString().endsWith("; EKS uses the access entry in place of the aws-auth "
                + "mapRoles entry for " + ADMIN + " (username platform-admin, groups [system:masters])"),
                result.get("summary").asString());
        assertEquals(ADMIN, eks.entries("prod").get(0).principalArn());
        assertTrue(cloud.awsAuth(cloud.prod).getData().get("mapRoles").contains(ADMIN), "aws-auth is only read");
        assertEquals(0, cloud.prod.awsAuthWrites());
    }

    @Test
    void aGrantForAnIdentityAwsAuthDoesNotMapSaysNothingMore() {
        JsonNode result = granted(DEVELOPER);

        assertTrue(result.get("changed").asBoolean(), result.toString());
        assertEquals("create access entry " + DEVELOPER + " (username viewer, groups [], policies AmazonEKSViewPolicy "
                + "(cluster))", result.get("summary").asString());
        assertEquals(1, awsAuthReads(), cloud.prod.calls().toString());
        assertEquals(List.of("ListAccessEntries prod", "CreateAccessEntry prod " + DEVELOPER, "AssociateAccessPolicy "
                + "prod " + DEVELOPER + " arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy"), eks.calls(),
                "the entries are listed once, for the check and the grant");
    }

    @Test
    void aGrantWhoseEntryIsThereAlreadyDoesNotReadAwsAuth() {
        granted(ADMIN);
        cloud.prod.clearCalls();
        JsonNode again = granted(ADMIN);

        assertFalse(again.get("changed").asBoolean(), again.toString());
        assertFalse(again.get("summary").asString().contains("aws-auth"), again.toString());
        assertEquals(List.of(), cloud.prod.calls(), "the entry decides already; aws-auth is not asked");
    }

    @Test
    void aDirectGrantThatMayNotReadAwsAuthStillGrantsAndSaysWhy() {
        cloud.prod.failNext("GET", 403, 1);
        JsonNode result = granted(ADMIN);

        assertTrue(result.get("changed").asBoolean(), result.toString());
        assertTrue(result.get("summary").asString().endsWith("; aws-auth, which EKS also reads, not checked for a "
                + "mapping of the identity that the access entry takes the place of (Kubernetes API refused the "
                + "provisioner (HTTP 403): map its role in aws-auth or an access entry and grant it the aws-auth Role "
                + "(see README))"), result.get("summary").asString());
        assertEquals(1, eks.entries("prod").size());
    }

    @Test
    void aKubernetesApiThatFailsOtherwiseFailsTheGrantBeforeAnyAccessEntryWrite() {
        cloud.prod.failNext("GET", 500, 10);
        ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class,
                () -> invoke(new GrantAccessHandler(env), grant(ADMIN)));

        assertTrue(e.getMessage().contains("aws-auth could not be read (Kubernetes API error (HTTP 500)"),
                e.getMessage());
        assertEquals(List.of(), eks.entries("prod"));
        assertEquals(List.of("ListAccessEntries prod"), eks.calls());
    }

    @Test
    void noGrantTakesTheNodesMappingsPlace() {
        String nodes = "arn:aws:iam::111122223333:role/eks-node-group-NodeInstanceRole"; // in prod's aws-auth
        aws.roles("/", "eks-node-group-NodeInstanceRole");
        for (String backend : List.of("", ",\"backend\":\"access-entries\"")) {
            ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class,
                    () -> invoke(new GrantAccessHandler(env), grant(nodes).replace("}]}", "}]" + backend + "}")));
            assertTrue(e.getMessage().contains("refusing to create an access entry for " + nodes + ": aws-auth maps it "
                    + "as nodes"), e.getMessage());
        }
        assertEquals(List.of(), eks.entries("prod"));
        assertTrue(eks.calls().stream().allMatch(c -> c.startsWith("ListAccessEntries")), eks.calls().toString());
    }
}
