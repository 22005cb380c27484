package dev.eksaccess.handler;

import static dev.eksaccess.handler.AccessHandlersTest.json;
import static dev.eksaccess.handler.LocalCloud.invoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.testkit.EksAccessEntriesServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A grant naming an access policy EKS does not have (a misspelt name), on "prod" in API mode, through the
 * grant handler against the testkit's access-entry API: EKS answers AssociateAccessPolicy with the same
 * ResourceNotFoundException as for a missing entry, which must not be taken for a race and retried.
 */
class UnknownAccessPolicyTest {
    static final String ROLE = "arn:aws:iam::111122223333:role/developer";
    static final String TYPO = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolcy";

    AccessEntriesCloud aws;
    EksAccessEntriesServer eks;
    Map<String, String> env;

    @BeforeEach
    void start() {
        aws = new AccessEntriesCloud("prod", "API").roles("/", "developer");
        eks = aws.eks;
        env = aws.env;
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    String grant(String policy) {
        return "{\"clusters\":[{\"name\":\"prod\",\"region\":\"" + LocalCloud.REGION + "\"}],\"arn\":\"" + ROLE
                + "\",\"username\":\"developer\",\"accessPolicies\":[{\"policy\":\"" + policy + "\"}]}";
    }

    @Test
    void aMisspeltPolicyIsRefusedAtOnceAndLeavesNoEntry() {
        ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class,
                () -> invoke(new GrantAccessHandler(env), grant("AmazonEKSViewPolcy")));
        JsonNode result = json(e.getMessage().substring(e.getMessage().indexOf('{'))).get("results").get(0);

        assertFalse(result.get("changed").asBoolean(), result.toString());
        String error = result.get("error").asString();
        assertTrue(error.startsWith("EKS has no access policy " + TYPO + " (AssociateAccessPolicy for " + ROLE
                + " on cluster " + LocalCloud.REGION + "/prod: The specified policyArn could not be found.); `aws eks "
                + "list-access-policies` lists those there are"), error);
        assertTrue(error.endsWith("the access entry it created was deleted again: nothing is changed"), error);
        assertEquals(List.of(), eks.entries("prod"), "no entry without its policy left behind");
        assertEquals(List.of("ListAccessEntries prod", "CreateAccessEntry prod " + ROLE,
                "AssociateAccessPolicy prod " + ROLE + " " + TYPO, "DescribeAccessEntry prod " + ROLE,
                "DescribeAccessEntry prod " + ROLE, "ListAssociatedAccessPolicies prod " + ROLE,
                "DeleteAccessEntry prod " + ROLE), eks.calls(), "one round (no retries of a call that cannot "
                + "succeed), then the entry, still as it was made, is deleted");
    }

    @Test
    void theSameGrantWithThePolicySpeltRightThenGoesThrough() {
        assertThrows(ProvisioningFailedException.class,
                () -> invoke(new GrantAccessHandler(env), grant("AmazonEKSViewPolcy")));
        JsonNode result = json(invoke(new GrantAccessHandler(env), grant("AmazonEKSViewPolicy"))).get("results").get(0);

        assertTrue(result.get("changed").asBoolean(), result.toString());
        EksAccessEntriesServer.Entry entry = eks.entries("prod").get(0);
        assertEquals(ROLE, entry.principalArn());
        assertEquals(Map.of(TYPO.replace("Polcy", "Policy"), List.of()), entry.policies());
    }
}
