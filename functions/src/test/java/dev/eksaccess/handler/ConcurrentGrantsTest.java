package dev.eksaccess.handler;

import static dev.eksaccess.handler.LocalCloud.invoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.access.AwsAuthDocument;
import dev.eksaccess.access.IdentityMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A whole team onboarded at once: many grants race on one aws-auth and none may be lost. */
class ConcurrentGrantsTest {
    static final int GRANTS = 50;

    LocalCloud cloud;

    @BeforeEach
    void start() {
        cloud = new LocalCloud();
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    @Test
    void fiftyConcurrentGrantsOfDistinctRolesAllSurvive() throws Exception {
        Map<String, String> env = cloud.env();
        ExecutorService pool = Executors.newFixedThreadPool(GRANTS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        try {
            for (int i = 0; i < GRANTS; i++) {
                String request = """
                        {"clusters":[{"name":"prod","region":"eu-north-1"}],
                         "arn":"arn:aws:iam::111122223333:role/team-%02d","username":"team-%02d:{{SessionName}}",
                         "groups":["team-%02d"]}""".formatted(i, i, i);
                // One handler per request, as separate invocations would have.
                GrantAccessHandler handler = new GrantAccessHandler(env);
                results.add(pool.submit(() -> {
                    go.await();
                    return invoke(handler, request);
                }));
            }
            go.countDown();
            for (Future<String> f : results) {
                JsonNode result = Json.MAPPER.readTree(f.get(60, TimeUnit.SECONDS)).get("results").get(0);
                assertTrue(result.get("changed").asBoolean(), result.toString());
            }
        } finally {
            pool.shutdownNow();
        }

        List<IdentityMapping> roles = AwsAuthDocument.parse(cloud.awsAuth(cloud.prod).getData()).roles();
        Set<String> arns = roles.stream().map(IdentityMapping::arn).collect(Collectors.toSet());
        for (int i = 0; i < GRANTS; i++) {
            String arn = "arn:aws:iam::111122223333:role/team-%02d".formatted(i);
            assertTrue(arns.contains(arn), "lost " + arn);
            IdentityMapping m = roles.stream().filter(r -> arn.equals(r.arn())).findFirst().orElseThrow();
            assertEquals(List.of("team-%02d".formatted(i)), m.groups());
        }
        assertEquals(GRANTS + 2, roles.size(), "the node role and the hand-made admin are still there");
        assertTrue(roles.stream().anyMatch(IdentityMapping::mapsNodes));
        assertTrue(cloud.prod.awsAuthWrites() <= GRANTS, "grants are grouped, never written more than once each");
    }
}
