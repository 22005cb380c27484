package dev.eksaccess.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * P1: {@code eks-access token} (the CLI jar, run as the ./eks-access launcher runs it) against
 * {@code aws eks get-token}, same fake static credentials from the environment, both signing locally.
 * hyperfine times both in one run when it is installed; otherwise a loop here alternates the two.
 */
final class TokenFigure {
    static final double TARGET_RATIO = 0.30;
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
        List<String> ours = List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-jar",
                config.cliJar().toString(), "token", "--cluster-name", "prod", "--region", "eu-north-1");
        List<String> theirs = List.of(aws.get().toString(), "eks", "get-token", "--cluster-name", "prod",
                "--region", "eu-north-1");
        Map<String, String> env = config.baseEnv(Map.of(
                "AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE",
                "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "AWS_REGION", "eu-north-1", "AWS_DEFAULT_REGION", "eu-north-1"));
        for (List<String> command : List.of(ours, theirs)) {
            Processes.Run check = Processes.run(command, env, config.root);
            if (!check.ok() || !check.stdout().contains("k8s-aws-v1.")) {
                return List.of(Figure.notMeasured("P1", "eks-access token / aws eks get-token", "<= 0.30",
                        String.join(" ", command.subList(0, 3)) + " failed: " + check.failure()));
            }
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
                Figure.info("P1", "`eks-access token`, median wall time of " + runs + " runs", Stats.ms(medians[0])),
                Figure.info("P1", "`aws eks get-token`, median wall time of " + runs + " runs", Stats.ms(medians[1])),
                Figure.check("P1", "token time ratio eks-access / aws", Stats.fixed(ratio, 2), "<= 0.30",
                        ratio <= TARGET_RATIO));
    }

    private double[] withHyperfine(Path hyperfine, List<String> ours, List<String> theirs, Map<String, String> env,
                                   int runs) throws Exception {
        Path json = config.work.resolve("p1-hyperfine.json");
        List<String> command = new ArrayList<>(List.of(hyperfine.toString(), "-N", "--style", "basic",
                "--warmup", "2", "--runs", String.valueOf(runs), "--export-json", json.toString(),
                "-n", "eks-access token", String.join(" ", ours), "-n", "aws eks get-token", String.join(" ", theirs)));
        Processes.Run run = Processes.run(command, env, config.root);
        if (!run.ok()) {
            throw new IllegalStateException("hyperfine failed: " + run.failure());
        }
        JsonNode results = new ObjectMapper().readTree(Files.readString(json)).get("results");
        double[] medians = {results.get(0).get("median").asDouble(), results.get(1).get("median").asDouble()};
        config.note("P1: hyperfine " + runs + " runs each after 2 warm-ups; mean ± sd: eks-access "
                + Stats.ms(results.get(0).get("mean").asDouble()) + " ± "
                + Stats.ms(results.get(0).get("stddev").asDouble())
                + ", aws " + Stats.ms(results.get(1).get("mean").asDouble()) + " ± "
                + Stats.ms(results.get(1).get("stddev").asDouble()) + "; aws is " + theirs.get(0));
        return medians;
    }

    private double[] withLoop(List<String> ours, List<String> theirs, Map<String, String> env, int runs) {
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        for (int i = -2; i < runs; i++) { // two warm-ups each, then alternate so both see the same machine
            Processes.Run x = Processes.run(ours, env, config.root);
            Processes.Run y = Processes.run(theirs, env, config.root);
            if (i >= 0) {
                a.add(x.seconds());
                b.add(y.seconds());
            }
        }
        config.note("P1: loop timings (ms) eks-access [" + Stats.allMs(a) + "], aws [" + Stats.allMs(b) + "]");
        return new double[] {Stats.median(a), Stats.median(b)};
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
