package dev.eksaccess.bench;

import dev.eksaccess.testkit.SamTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * P2: a cold Lambda-like process, JVM start to the first GrantAccess done ({@link ColdGrant} on the
 * deployed functions jar), against moto_server and a KubeApiServer that are already running, compared
 * with a bare JVM hello world on the same JDK. Each run grants a new role, so each one writes. The
 * variants run in turns (one run of each per round, the first round discarded as warm-up), so that
 * whatever else the machine does at the time falls on all of them alike.
 */
final class ColdStartFigure {
    static final double TARGET_FACTOR = 10.0;
    static final int HELLO_RUNS = 3;
    private final BenchConfig config;
    private final LocalCluster cluster;
    private int roleCounter;

    /**
     * How to start one JVM. {@code grant} false: the hello world. {@code training}, if not empty, is run
     * once first to create {@code archive}. {@code javaToolOptions}, if not null, is set as
     * {@code JAVA_TOOL_OPTIONS} for the timed runs, as Lambda passes the function's variable to its JVM.
     */
    record Variant(String name, String jdk, Path java, List<String> options, String javaToolOptions, boolean grant,
                   List<String> training, Path archive, boolean checked) {
        static Variant hello(String jdk, Path java) {
            return new Variant("bare JVM hello world, " + jdk, jdk, java, List.of(), null, false, List.of(), null,
                    false);
        }

        /** {@code checked}: this row is P2's figure, held to the target; the others are shown beside it. */
        static Variant grant(String name, String jdk, Path java, List<String> options, String javaToolOptions,
                             List<String> training, Path archive, boolean checked) {
            return new Variant("cold process to first GrantAccess, " + name, jdk, java, options, javaToolOptions,
                    true, training, archive, checked);
        }
    }

    ColdStartFigure(BenchConfig config, LocalCluster cluster) {
        this.config = config;
        this.cluster = cluster;
    }

    List<Figure> measure() throws Exception {
        List<Variant> variants = new ArrayList<>();
        // The serial GC is what Lambda's runtimes start their JVM with; the function's own JVM options
        // (template.yaml: C1 only, one compiler thread) come on top, in JAVA_TOOL_OPTIONS as Lambda sets them.
        String lambdaOptions = functionJavaToolOptions();
        config.note("P2: the Lambda-like variants run with JAVA_TOOL_OPTIONS=\"" + lambdaOptions
                + "\" (GrantAccessFunction in template.yaml) and -XX:+UseSerialGC");
        // P2's figure is taken on the Java of the functions' runtime (template.yaml: java21) when there is one.
        boolean onJava21 = config.java21.isPresent();
        if (!onJava21) {
            config.note("P2: no JDK 21 at BENCH_JAVA21 (bench/get-jdk21 puts one there: " + BenchConfig.DEFAULT_JAVA21
                    + "); the JDK 17 + AppCDS row stands in as the figure");
        }
        Path jsa = config.work.resolve("grant-jdk17.jsa");
        variants.add(Variant.hello("JDK 17", config.java17));
        variants.add(Variant.grant("JDK 17", "JDK 17", config.java17, List.of(), null, List.of(), null, false));
        variants.add(Variant.grant("JDK 17 + AppCDS + SerialGC + template JVM options", "JDK 17", config.java17,
                List.of("-XX:SharedArchiveFile=" + jsa, "-XX:+UseSerialGC"), lambdaOptions,
                List.of("-XX:ArchiveClassesAtExit=" + jsa, "-XX:+UseSerialGC"), jsa, !onJava21));
        if (onJava21) {
            Path java21 = config.java21.get();
            Path jsa21 = config.work.resolve("grant-jdk21.jsa");
            variants.add(Variant.hello("JDK 21", java21));
            variants.add(Variant.grant("JDK 21 (the runtime's Java) + AppCDS + SerialGC + template JVM options", "JDK 21",
                    java21, List.of("-XX:SharedArchiveFile=" + jsa21, "-XX:+UseSerialGC"), lambdaOptions,
                    List.of("-XX:ArchiveClassesAtExit=" + jsa21, "-XX:+UseSerialGC"), jsa21, true));
        }
        if (config.java25.isPresent()) {
            Path java25 = config.java25.get();
            Path aot = config.work.resolve("grant-jdk25.aot");
            variants.add(Variant.hello("JDK 25", java25));
            variants.add(Variant.grant("JDK 25", "JDK 25", java25, List.of(), null, List.of(), null, false));
            variants.add(Variant.grant("JDK 25 + AOT cache + SerialGC + template JVM options", "JDK 25", java25,
                    List.of("-XX:AOTCache=" + aot, "-XX:+UseSerialGC"), lambdaOptions,
                    List.of("-XX:AOTCacheOutput=" + aot, "-XX:+UseSerialGC"), aot, false));
        } else {
            config.note("P2: no JDK 25 at BENCH_JAVA25 (default /usr/lib/jvm/temurin-25-jdk-amd64/bin/java); "
                    + "its variants are skipped");
        }

        Map<Variant, String> broken = new LinkedHashMap<>();
        for (Variant v : variants) {
            if (!v.training().isEmpty()) {
                train(v).ifPresent(why -> broken.put(v, why));
            }
        }
        Map<Variant, List<Double>> times = new LinkedHashMap<>();
        variants.forEach(v -> times.put(v, new ArrayList<>()));
        System.gc(); // the harness's own garbage (servers, earlier figures) is not the child's business
        Thread.sleep(500);
        for (int round = 0; round <= config.processRuns(); round++) {
            for (Variant v : variants) {
                if (broken.containsKey(v)) {
                    continue;
                }
                // The hello world, a tenth of a grant's time, is run HELLO_RUNS times a round, so that the
                // median the ratios divide by is as steady as the grants' (one odd run moves 10 samples' median).
                for (int i = 0; i < (v.grant() ? 1 : HELLO_RUNS); i++) {
                    Processes.Run run = once(v, v.options(), v.javaToolOptions());
                    if (!run.ok() || (v.grant() && !run.stdout().contains("\"changed\":true"))) {
                        broken.put(v, "the run failed: " + run.failure() + " " + run.stdout().strip());
                        break;
                    } else if (round > 0) {
                        times.get(v).add(run.seconds());
                    }
                }
            }
        }

        Map<String, Double> hello = new LinkedHashMap<>();
        List<Figure> figures = new ArrayList<>();
        for (Variant v : variants) {
            String figure = v.name() + ", median of " + config.processRuns() * (v.grant() ? 1 : HELLO_RUNS);
            if (broken.containsKey(v)) {
                config.note("P2: " + v.name() + ": " + broken.get(v));
                figures.add(Figure.notMeasured("P2", figure, v.checked() ? "<= 10x hello" : "", "see notes"));
                continue;
            }
            double median = Stats.median(times.get(v));
            config.note("P2: " + v.name() + " (ms): " + Stats.allMs(times.get(v)));
            if (!v.grant()) {
                hello.put(v.jdk(), median);
                figures.add(Figure.info("P2", figure, Stats.ms(median)));
                continue;
            }
            double factor = median / hello.getOrDefault(v.jdk(), Double.NaN);
            String measured = Stats.ms(median) + " = " + Stats.fixed(factor, 1) + "x hello";
            // The target is for the start-up the function is set up for (an archive of a primed process, its
            // JVM options) on its runtime's Java; other JDKs, and a plain JVM on the bare jar, for comparison.
            figures.add(v.checked() ? Figure.check("P2", figure, measured, "<= 10x hello", factor <= TARGET_FACTOR)
                    : Figure.info("P2", figure + (v.archive() == null ? " (no archive: for comparison)"
                    : " (for comparison)"), measured));
        }
        return figures;
    }

    /** Creates the variant's archive; the reason it could not, if so. */
    private java.util.Optional<String> train(Variant v) throws Exception {
        Files.deleteIfExists(v.archive());
        // Without the function's options: what the archive holds does not depend on the JIT flags.
        Processes.Run training = once(v, v.training(), null);
        if (!training.ok() || !Files.isRegularFile(v.archive())) {
            return java.util.Optional.of("training run did not create " + v.archive().getFileName() + ": "
                    + training.failure());
        }
        config.note("P2: " + v.name() + ": archive " + v.archive().getFileName() + " "
                + Files.size(v.archive()) / 1_000_000 + " MB, training run " + Stats.ms(training.seconds()) + "; "
                + archivedClasses(v));
        return java.util.Optional.empty();
    }

    /** How many of the classes one run loads come from the archive (the archive is really used). */
    private String archivedClasses(Variant v) throws Exception {
        Path log = config.work.resolve("p2-classload.log");
        Files.deleteIfExists(log);
        List<String> options = new ArrayList<>(v.options());
        options.add("-Xlog:class+load=info:file=" + log);
        Processes.Run run = once(v, options, v.javaToolOptions());
        if (!run.ok() || !Files.isRegularFile(log)) {
            return "class-load check failed: " + run.failure();
        }
        long total = 0;
        long shared = 0;
        for (String line : Files.readAllLines(log)) {
            if (line.contains("source:")) {
                total++;
                if (line.contains("shared objects file")) {
                    shared++;
                }
            }
        }
        return shared + " of " + total + " classes loaded by a run came from it";
    }

    /** GrantAccessFunction's JAVA_TOOL_OPTIONS as template.yaml deploys it. */
    private String functionJavaToolOptions() {
        String options = SamTemplate.load(config.root.resolve("template.yaml"), Map.of())
                .function("GrantAccessFunction").environment().get("JAVA_TOOL_OPTIONS");
        if (options == null || options.isBlank()) {
            throw new IllegalStateException("template.yaml sets no JAVA_TOOL_OPTIONS for GrantAccessFunction");
        }
        return options;
    }

    private Processes.Run once(Variant v, List<String> options, String javaToolOptions) {
        List<String> command = new ArrayList<>();
        command.add(v.java().toString());
        command.addAll(options);
        if (v.grant()) {
            cluster.reseed(); // every run starts from the same aws-auth (runs would otherwise add up in it)
            command.addAll(List.of("-cp", config.functionsJar() + ":" + config.benchJar() + ":" + config.testkitJar(),
                    "dev.eksaccess.bench.ColdGrant", "cold-start-" + (++roleCounter), LocalCluster.CLUSTER));
            Map<String, String> env = new LinkedHashMap<>(cluster.functionEnv(cluster.moto.endpoint()));
            env.putAll(ColdGrant.LAMBDA_VARIABLES);
            if (javaToolOptions != null) {
                env.put("JAVA_TOOL_OPTIONS", javaToolOptions);
            }
            return Processes.runUntilLine(command, config.baseEnv(env), config.root,
                    line -> line.startsWith("{\"results\""));
        }
        command.addAll(List.of("-cp", config.benchJar().toString(), "dev.eksaccess.bench.Hello"));
        return Processes.runUntilLine(command, config.baseEnv(Map.of()), config.root, "hello"::equals);
    }
}
