package dev.eksaccess.handler;

import static dev.eksaccess.handler.AccessHandlersTest.json;
import static dev.eksaccess.handler.LocalCloud.invoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.testkit.EksAccessEntriesServer;
import dev.eksaccess.testkit.HttpForwarding;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * EKS access-entry calls whose answer never arrives (the connection closes after EKS did the work), on
 * "prod" in API mode, through the handlers against the testkit's access-entry API. Such a call is sent
 * again: a create by the SDK, with the same idempotency token, which EKS answers with the entry it made;
 * a DELETE by the HTTP client itself, which then finds nothing to remove. Either way the result says
 * what this change did, and a later failure undoes it.
 */
class LostAwsAnswersTest {
    static final String ROLE = "arn:aws:iam::111122223333:role/developer";
    static final String VIEW = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy";
    static final String ADMIN = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy";

    AccessEntriesCloud aws;
    EksAccessEntriesServer eks;
    Map<String, String> env;
    AwsProxy proxy;
    /** Requests whose answer the proxy loses, by "METHOD path suffix"; each entry is used once. */
    final List<String> lose = new java.util.concurrent.CopyOnWriteArrayList<>();
    final AtomicInteger lost = new AtomicInteger();

    @BeforeEach
    void start() {
        aws = new AccessEntriesCloud("prod", "API").roles("/", "developer");
        eks = aws.eks;
        env = aws.env;
        HttpForwarding upstream = new HttpForwarding(eks.endpoint());
        proxy = AwsProxy.start(eks.endpoint(), (exchange, body) -> {
            String request = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            String match = lose.stream().filter(request::endsWith).findFirst().orElse(null);
            if (match == null || !lose.remove(match)) {
                return false;
            }
            try {
                upstream.forward(exchange, body); // EKS does the work...
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            lost.incrementAndGet();
            return true; // ...and the exchange is closed with no answer
        });
        env.put("AWS_ENDPOINT_URL_EKS", proxy.url().toString());
    }

    @AfterEach
    void stop() {
        proxy.close();
        aws.close();
    }

    String grant(String policy) {
        return "{\"clusters\":[{\"name\":\"prod\",\"region\":\"" + LocalCloud.REGION + "\"}],\"arn\":\"" + ROLE
                + "\",\"username\":\"developer\",\"accessPolicies\":[{\"policy\":\"" + policy + "\"}]}";
    }

    @Test
    void aCreateWhoseAnswerIsLostIsCountedAsMadeByThisGrant() {
        lose.add("POST /clusters/prod/access-entries");
        JsonNode result = json(invoke(new GrantAccessHandler(env), grant("AmazonEKSViewPolicy"))).get("results").get(0);

        assertEquals(1, lost.get());
        assertTrue(result.get("changed").asBoolean(), result.toString());
        assertTrue(result.get("summary").asString().startsWith("create access entry " + ROLE), result.toString());
        assertTrue(result.get("diff").asString().contains("+ access policy AmazonEKSViewPolicy (cluster) on " + ROLE),
                result.toString());
        assertEquals(List.of("ListAccessEntries prod", "CreateAccessEntry prod " + ROLE, "CreateAccessEntry prod " + ROLE,
                "AssociateAccessPolicy prod " + ROLE + " " + VIEW), eks.calls(), "the SDK's second attempt carries the "
                + "first one's clientRequestToken, so EKS answers it with the entry the first one made");
        EksAccessEntriesServer.Entry entry = eks.entries("prod").get(0);
        assertEquals("developer", entry.username());
        assertEquals(Map.of(VIEW, List.of()), entry.policies());
    }

    @Test
    void anEntryWhoseCreateLostItsAnswerIsDeletedAgainWhenTheGrantFailsLater() {
        lose.add("POST /clusters/prod/access-entries");
        ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class,
                () -> invoke(new GrantAccessHandler(env), grant("AmazonEKSViewPolcy")));
        JsonNode result = json(e.getMessage().substring(e.getMessage().indexOf('{'))).get("results").get(0);

        assertFalse(result.get("changed").asBoolean(), result.toString());
        assertTrue(result.get("error").asString().startsWith("EKS has no access policy"), result.toString());
        assertTrue(result.get("error").asString().endsWith("the access entry it created was deleted again: nothing is "
                + "changed"), result.toString());
        assertEquals(List.of(), eks.entries("prod"), "no entry without its policy left behind");
    }

    @Test
    void aDeleteWhoseAnswerIsLostIsCountedAsDoneByThisRevoke() {
        invoke(new GrantAccessHandler(env), grant("AmazonEKSViewPolicy"));
        eks.clearCalls();
        lose.add("DELETE /clusters/prod/access-entries/" + ROLE); // the path as decoded
        JsonNode result = json(invoke(new RevokeAccessHandler(env), "{\"clusters\":[{\"name\":\"prod\",\"region\":\""
                + LocalCloud.REGION + "\"}],\"arn\":\"" + ROLE + "\"}")).get("results").get(0);

        assertEquals(1, lost.get());
        assertTrue(result.get("changed").asBoolean(), result.toString());
        assertEquals("remove 1 access entry for " + ROLE, result.get("summary").asString());
        assertEquals(List.of("ListAccessEntries prod", "DescribeAccessEntry prod " + ROLE, "DeleteAccessEntry prod " + ROLE,
                "DeleteAccessEntry prod " + ROLE), eks.calls(), "the HTTP client sends the DELETE again by itself; "
                + "its not-found is the work done, not a race to read and plan again");
        assertEquals(List.of(), eks.entries("prod"));
    }

    @Test
    void aPolicyRemovalWhoseAnswerIsLostIsCountedAsDone() {
        invoke(new GrantAccessHandler(env), grant("AmazonEKSViewPolicy\"},{\"policy\":\"AmazonEKSAdminPolicy"));
        eks.clearCalls();
        lose.add("DELETE /clusters/prod/access-entries/" + ROLE + "/access-policies/" + ADMIN);
        JsonNode result = json(invoke(new GrantAccessHandler(env), grant("AmazonEKSViewPolicy"))).get("results").get(0);

        assertEquals(1, lost.get());
        assertTrue(result.get("changed").asBoolean(), result.toString());
        assertEquals("- access policy AmazonEKSAdminPolicy (cluster) on " + ROLE + "\n", result.get("diff").asString());
        assertEquals(List.of("DisassociateAccessPolicy prod " + ROLE + " " + ADMIN,
                "DisassociateAccessPolicy prod " + ROLE + " " + ADMIN, "DescribeAccessEntry prod " + ROLE),
                eks.calls().subList(3, 6), "sent twice; the second finds the policy gone and the entry there");
        assertEquals(Map.of(VIEW, List.of()), eks.entries("prod").get(0).policies());
    }

    @Test
    void aPolicyRemovalThatFindsTheWholeEntryGoneIsPlannedAgain() {
        invoke(new GrantAccessHandler(env), grant("AmazonEKSViewPolicy\"},{\"policy\":\"AmazonEKSAdminPolicy"));
        eks.clearCalls();
        proxy.close();
        // Someone revokes the identity between our read and our call: the grant must make the entry again.
        AtomicInteger revoked = new AtomicInteger();
        Map<String, String> direct = new java.util.LinkedHashMap<>(env);
        direct.put("AWS_ENDPOINT_URL_EKS", eks.endpoint().toString());
        proxy = AwsProxy.start(eks.endpoint(), (exchange, body) -> {
            if (exchange.getRequestMethod().equals("DELETE") && exchange.getRequestURI().getPath().endsWith(ADMIN)
                    && revoked.incrementAndGet() == 1) {
                invoke(new RevokeAccessHandler(direct), "{\"clusters\":[{\"name\":\"prod\",\"region\":\""
                        + LocalCloud.REGION + "\"}],\"arn\":\"" + ROLE + "\"}");
            }
            return false;
        });
        env.put("AWS_ENDPOINT_URL_EKS", proxy.url().toString());
        JsonNode result = json(invoke(new GrantAccessHandler(env), grant("AmazonEKSViewPolicy"))).get("results").get(0);

        assertTrue(result.get("changed").asBoolean(), result.toString());
        assertEquals(1, revoked.get());
        EksAccessEntriesServer.Entry entry = eks.entries("prod").get(0);
        assertEquals(Map.of(VIEW, List.of()), entry.policies(), "made again, as the grant asks");
    }
}
