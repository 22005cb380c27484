package dev.eksaccess.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a bench run works with: the repository root, quick or full mode, the JDKs, and the notes
 * (details behind the table's figures) that the figures collect as they go.
 */
final class BenchConfig {
    final Path root;
    final boolean quick;
    final Path java17;
    final Optional<Path> java21;
    final Optional<Path> java25;
    final Path work;
    final List<String> notes = new ArrayList<>();

    /** Where bench/get-jdk21 puts a JDK 21 by default. */
    static final String DEFAULT_JAVA21 = "${XDG_CACHE_HOME:-$HOME/.cache}/eks-access-bench/jdk21/jdk/bin/java";

    BenchConfig(Path root, boolean quick, Path java17, Optional<Path> java21, Optional<Path> java25, Path work) {
        this.root = root;
        this.quick = quick;
        this.java17 = java17;
        this.java21 = java21;
        this.java25 = java25;
        this.work = work;
    }

    static BenchConfig from(Path root, boolean quick) throws java.io.IOException {
        Path java17 = Path.of(env("BENCH_JAVA17", "/usr/lib/jvm/java-17-openjdk-amd64/bin/java"));
        Path java25 = Path.of(env("BENCH_JAVA25", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"));
        String cache = System.getenv("XDG_CACHE_HOME") != null && !System.getenv("XDG_CACHE_HOME").isEmpty()
                ? System.getenv("XDG_CACHE_HOME") : System.getProperty("user.home") + "/.cache";
        Path java21 = Path.of(env("BENCH_JAVA21", cache + "/eks-access-bench/jdk21/jdk/bin/java"));
        if (!Files.isExecutable(java17)) {
            java17 = Path.of(System.getProperty("java.home"), "bin", "java");
        }
        Path work = root.resolve("bench/target/run");
        Files.createDirectories(work);
        return new BenchConfig(root, quick, java17, Files.isExecutable(java21) ? Optional.of(java21) : Optional.empty(),
                Files.isExecutable(java25) ? Optional.of(java25) : Optional.empty(), work);
    }

    /** Runs per command for process timings (P1, P2). */
    int processRuns() {
        return quick ? 3 : 10;
    }

    Path functionsJar() {
        return root.resolve("functions/target/eks-access-functions.jar");
    }

    Path cliJar() {
        return root.resolve("cli/target/eks-access.jar");
    }

    Path benchJar() {
        return root.resolve("bench/target/bench.jar");
    }

    /** testkit's jar (its {@code LocalContext} is the Lambda context a cold process is invoked with). */
    Path testkitJar() {
        try (java.util.stream.Stream<Path> jars = java.nio.file.Files.list(root.resolve("testkit/target"))) {
            return jars.filter(p -> p.getFileName().toString().matches("testkit-[0-9][^/]*(?<!-sources|-tests)\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no testkit jar in testkit/target"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    void note(String line) {
        notes.add(line);
        System.err.println("bench: " + line);
    }

    /** A minimal process environment (as Lambda's is), plus {@code extra}. */
    Map<String, String> baseEnv(Map<String, String> extra) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", System.getenv().getOrDefault("HOME", "/tmp"));
        env.put("LANG", "C.UTF-8");
        env.put("TZ", "UTC");
        // No profile files: the figures must not depend on whoever runs them.
        env.put("AWS_CONFIG_FILE", work.resolve("empty-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("empty-aws-credentials").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.putAll(extra);
        return env;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
