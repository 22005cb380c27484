package dev.eksaccess.bench;

import dev.eksaccess.access.IdentityMapping;
import dev.eksaccess.handler.GrantAccessHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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

/**
 * P5: 100 grants of distinct roles at once on one cluster: 100 threads, one handler instance each (as
 * 100 invocations in one process), against moto_server and the KubeApiServer. Every grant must be kept;
 * the write attempts on aws-auth (PUT/POST, whatever their outcome) are counted at the Kubernetes API.
 */
final class ConcurrentGrantsFigure {
    static final int GRANTS = 100;
    static final double TARGET_WRITES_PER_GRANT = 3.0;
    private final BenchConfig config;
    private final LocalCluster cluster;

    ConcurrentGrantsFigure(BenchConfig config, LocalCluster cluster) {
        this.config = config;
        this.cluster = cluster;
    }

    List<Figure> measure() throws Exception {
        int rounds = config.quick ? 1 : 3;
        int worstKept = GRANTS;
        List<Double> writesPerGrant = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            cluster.reseed();
            Map<String, String> env = cluster.functionEnv(cluster.moto.endpoint());
            ExecutorService pool = Executors.newFixedThreadPool(GRANTS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            List<String> arns = new ArrayList<>();
            long start;
            try {
                for (int i = 0; i < GRANTS; i++) {
                    String role = "team-" + round + "-" + i;
                    arns.add("arn:aws:iam::" + LocalCluster.ACCOUNT + ":role/" + role);
                    String request = "{\"clusters\":[{\"name\":\"" + LocalCluster.CLUSTER + "\",\"region\":\""
                            + LocalCluster.REGION + "\"}],\"arn\":\"" + arns.get(i) + "\",\"username\":\"" + role
                            + ":{{SessionName}}\",\"groups\":[\"" + role + "\"]}";
                    GrantAccessHandler handler = new GrantAccessHandler(env);
                    results.add(pool.submit(() -> {
                        go.await();
                        return invoke(handler, request);
                    }));
                }
                start = System.nanoTime();
                go.countDown();
                for (Future<String> f : results) {
                    String response = f.get(120, TimeUnit.SECONDS);
                    if (!response.contains("\"changed\":true")) {
                        config.note("P5: a grant did not report a change: " + response);
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            seconds.add((System.nanoTime() - start) / 1e9);
            Set<String> kept = cluster.roles().stream().map(IdentityMapping::arn).collect(Collectors.toSet());
            int keptHere = (int) arns.stream().filter(kept::contains).count();
            worstKept = Math.min(worstKept, keptHere);
            long writes = cluster.kube.awsAuthWrites();
            writesPerGrant.add((double) writes / GRANTS);
            config.note("P5: round " + round + ": " + keptHere + "/" + GRANTS + " kept, " + writes
                    + " aws-auth write attempts, " + Stats.ms(seconds.get(seconds.size() - 1)) + " for all");
        }
        double writes = Stats.median(writesPerGrant);
        return List.of(
                Figure.check("P5", GRANTS + " concurrent grants kept (worst of " + rounds + " rounds)",
                        worstKept + "/" + GRANTS, GRANTS + "/" + GRANTS, worstKept == GRANTS),
                Figure.check("P5", "aws-auth write attempts per grant (median of " + rounds + " rounds)",
                        Stats.fixed(writes, 2), "<= 3", writes <= TARGET_WRITES_PER_GRANT),
                Figure.info("P5", "wall time for all " + GRANTS + " grants (median)", Stats.ms(Stats.median(seconds))));
    }

    static String invoke(GrantAccessHandler handler, String request) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }
}
