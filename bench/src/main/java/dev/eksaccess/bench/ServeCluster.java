package dev.eksaccess.bench;

import java.util.Map;

/**
 * The bench's local cluster (moto_server and the Kubernetes APIs) kept running, for looking into one
 * figure by hand: prints the function's variables as {@code export} lines, then serves until stopped.
 * {@code java -cp bench/target/benchmarks.jar dev.eksaccess.bench.ServeCluster > /tmp/p2.env}, then
 * {@code . /tmp/p2.env} and run {@link ColdGrant} as P2 does, with whatever JVM options are to be tried.
 * A line {@code reseed} on standard input puts aws-auth back as it started (as P2 does before each run)
 * and answers {@code reseeded}.
 */
public final class ServeCluster {
    private ServeCluster() {
    }

    public static void main(String[] args) throws Exception {
        LocalCluster cluster = new LocalCluster();
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
        Map<String, String> env = new java.util.LinkedHashMap<>(cluster.functionEnv(cluster.moto.endpoint()));
        env.putAll(ColdGrant.LAMBDA_VARIABLES);
        for (Map.Entry<String, String> e : env.entrySet()) {
            System.out.println("export " + e.getKey() + "='" + e.getValue() + "'");
        }
        System.out.println("# serving; stop with Ctrl-C");
        System.out.flush();
        java.io.BufferedReader commands = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                java.nio.charset.StandardCharsets.UTF_8));
        for (String line = commands.readLine(); line != null; line = commands.readLine()) {
            if (line.strip().equals("reseed")) {
                cluster.reseed();
                System.out.println("reseeded");
                System.out.flush();
            }
        }
        Thread.currentThread().join();
    }
}
