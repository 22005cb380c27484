package dev.eksaccess.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * P1: {@code ./eks-access token} (the launcher itself, as a user and kubectl run it: its build check, the
 * token jar and the launcher's CDS archive) against {@code aws eks get-token}, same fake static credentials
 * from the environment, both signing locally. The archive is made first, as a user's first run makes it
 * (that first run and the time to the archive are reported too); the timed runs are the warm state every
 * later run is in. hyperfine times the commands in one run when it is installed; otherwise a loop here
 * alternates them.
 */
final class TokenFigure {
    static final double TARGET_RATIO = 0.30;
    static final long ARCHIVE_WAIT_SECONDS = 120;
    private final BenchConfig config;

    TokenFigure(BenchConfig config) {
        this.config = config;
    }

    List<Figure> measure() throws Exception {
        Optional<Path> aws = awsExecutable();
        if (aws.isEmpty()) {
            return List.of(Figure.notMeasured("P1", "eks-access token / aws eks get-token", "<= 0.30",
                    "aws CLI not found"));
        }
        List<String> ours = List.of(config.root.resolve("eks-access").toString(), "token", "--cluster-name", "prod",
                "--region", "eu-north-1");
        List<String> theirs = List.of(aws.get().toString(), "eks", "get-token", "--cluster-name", "prod",
                "--region", "eu-north-1");
        Map<String, String> env = config.baseEnv(Map.of(
                "AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE",
                "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "AWS_REGION", "eu-north-1", "AWS_DEFAULT_REGION", "eu-north-1"));
        Map<String, String> noArchive = new LinkedHashMap<>(env);
        noArchive.put("EKS_ACCESS_CDS", "off");
        for (List<String> command : List.of(ours, theirs)) {
            Processes.Run check = Processes.run(command, noArchive, config.root);
            if (!check.ok() || !check.stdout().contains("k8s-aws-v1.")) {
                return List.of(Figure.notMeasured("P1", "eks-access token / aws eks get-token", "<= 0.30",
                        String.join(" ", command.subList(0, 2)) + " failed: " + check.failure()));
            }
        }
        Optional<Figure> firstRun = firstRunWithoutArchive(ours, env);
        if (firstRun.isEmpty()) {
            return List.of(Figure.notMeasured("P1", "eks-access token / aws eks get-token", "<= 0.30",
                    "the launcher made no CDS archive (" + archive() + ") within " + ARCHIVE_WAIT_SECONDS + " s"));
        }
        int runs = config.processRuns();
        double[] medians;
        Optional<Path> hyperfine = Processes.onPath("hyperfine");
        boolean plainWords = ours.stream().noneMatch(a -> a.contains(" "))
                && theirs.stream().noneMatch(a -> a.contains(" "));
        if (hyperfine.isPresent() && plainWords) { // hyperfine -N splits its commands at spaces
            medians = withHyperfine(hyperfine.get(), ours, theirs, env, runs);
        } else {
            config.note("P1: " + (hyperfine.isEmpty() ? "hyperfine not installed (apt-get install hyperfine)"
                    : "a path has a space, which hyperfine -N cannot take") + "; timed with a loop instead");
            medians = withLoop(ours, theirs, env, runs);
        }
        double ratio = medians[0] / medians[1];
        return List.of(
                Figure.info("P1", "`eks-access token` (launcher, CDS archive made), median wall time of " + runs
                        + " runs", Stats.ms(medians[0])),
                Figure.info("P1", "`aws eks get-token`, median wall time of " + runs + " runs", Stats.ms(medians[1])),
                Figure.check("P1", "token time ratio eks-access / aws", Stats.fixed(ratio, 2), "<= 0.30",
                        ratio <= TARGET_RATIO),
                Figure.info("P1", "`eks-access token` without the archive (EKS_ACCESS_CDS=off), median of " + runs,
                        Stats.ms(medians[2])),
                firstRun.get());
    }

    /** Where the launcher keeps the archive of the token jar (bench/README.md, "P1"). */
    private Path archive() {
        return config.root.resolve("cli/target/eks-access-token.jsa");
    }

    /**
     * A user's very first {@code token} run: no archive yet, so the launcher runs without one and starts the
     * training in the background. Deletes the archive first (the launcher makes it again), times that run,
     * then waits for the archive, which every later run uses.
     */
    private Optional<Figure> firstRunWithoutArchive(List<String> ours, Map<String, String> env) throws Exception {
        Path archive = archive();
        Files.deleteIfExists(archive);
        Files.deleteIfExists(Path.of(archive + ".failed"));
        long start = System.nanoTime();
        Processes.Run first = Processes.run(ours, env, config.root);
        if (!first.ok()) {
            throw new IllegalStateException("first eks-access token run failed: " + first.failure());
        }
        Path training = Path.of(archive + ".training");
        long deadline = start + ARCHIVE_WAIT_SECONDS * 1_000_000_000L;
        while ((!Files.exists(archive) || Files.exists(training)) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (!Files.exists(archive)) {
            return Optional.empty();
        }
        double ready = (System.nanoTime() - start) / 1e9;
        config.note("P1: first run without an archive " + Stats.ms(first.seconds()) + " (the background training "
                + "runs alongside it); archive " + archive.getFileName() + " ready " + Stats.fixed(ready, 1)
                + " s after that run started, " + Files.size(archive) / 1_000_000 + " MB");
        return Optional.of(Figure.info("P1", "`eks-access token` first run (no archive yet; training starts in the "
                + "background, archive ready after " + Stats.fixed(ready, 1) + " s)", Stats.ms(first.seconds())));
    }

    /**
     * Medians of: ours (archive), theirs, ours without the archive. The third is hyperfine's own command with
     * EKS_ACCESS_CDS=off in front (through env, so -N still runs no shell).
     */
    private double[] withHyperfine(Path hyperfine, List<String> ours, List<String> theirs, Map<String, String> env,
                                   int runs) throws Exception {
        Path json = config.work.resolve("p1-hyperfine.json");
        String oursLine = String.join(" ", ours);
        List<String> command = new ArrayList<>(List.of(hyperfine.toString(), "-N", "--style", "basic",
                "--warmup", "2", "--runs", String.valueOf(runs), "--export-json", json.toString(),
                "-n", "eks-access token", oursLine, "-n", "aws eks get-token", String.join(" ", theirs),
                "-n", "eks-access token, no archive", "/usr/bin/env EKS_ACCESS_CDS=off " + oursLine));
        Processes.Run run = Processes.run(command, env, config.root);
        if (!run.ok()) {
            throw new IllegalStateException("hyperfine failed: " + run.failure());
        }
        JsonNode results = new ObjectMapper().readTree(Files.readString(json)).get("results");
        double[] medians = new double[3];
        StringBuilder spread = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            JsonNode r = results.get(i);
            medians[i] = r.get("median").asDouble();
            spread.append(i == 0 ? "" : ", ").append(r.get("command").asString()).append(' ')
                    .append(Stats.ms(r.get("mean").asDouble())).append(" ± ").append(Stats.ms(r.get("stddev").asDouble()))
                    .append(" (min ").append(Stats.ms(r.get("min").asDouble())).append(')');
        }
        config.note("P1: hyperfine " + runs + " runs each after 2 warm-ups; mean ± sd: " + spread + "; aws is "
                + theirs.get(0) + "; the launcher runs the `java` on PATH");
        return medians;
    }

    private double[] withLoop(List<String> ours, List<String> theirs, Map<String, String> env, int runs) {
        Map<String, String> noArchive = new LinkedHashMap<>(env);
        noArchive.put("EKS_ACCESS_CDS", "off");
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        List<Double> c = new ArrayList<>();
        for (int i = -2; i < runs; i++) { // two warm-ups each, then alternate so all see the same machine
            Processes.Run x = Processes.run(ours, env, config.root);
            Processes.Run y = Processes.run(theirs, env, config.root);
            Processes.Run z = Processes.run(ours, noArchive, config.root);
            if (i >= 0) {
                a.add(x.seconds());
                b.add(y.seconds());
                c.add(z.seconds());
            }
        }
        config.note("P1: loop timings (ms) eks-access [" + Stats.allMs(a) + "], aws [" + Stats.allMs(b)
                + "], eks-access without archive [" + Stats.allMs(c) + "]");
        return new double[] {Stats.median(a), Stats.median(b), Stats.median(c)};
    }

    /** The real aws executable: a pyenv shim would add its own start-up to the CLI's. */
    private Optional<Path> awsExecutable() {
        Optional<Path> pyenv = Processes.onPath("pyenv");
        if (pyenv.isPresent()) {
            Processes.Run which = Processes.run(List.of(pyenv.get().toString(), "which", "aws"),
                    config.baseEnv(Map.of()), config.root);
            if (which.ok() && !which.stdout().isBlank()) {
                return Optional.of(Path.of(which.stdout().strip()));
            }
        }
        return Processes.onPath("aws");
    }
}
