package dev.eksaccess.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code bench/run}: measures every figure of issue #8 and prints one table (Markdown) and the notes
 * behind it. Order: the figures that need no servers first (jar size, token timings, JMH), then
 * moto_server and the Kubernetes APIs are started once for the rest (the cold-start timings before the
 * 100 concurrent grants, which leave the harness busy for a while).
 *
 * <p>Options: {@code --quick} (fewer runs, a smoke test), {@code --only P1,P4}, {@code --root DIR}.
 */
public final class BenchMain {
    private BenchMain() {
    }

    /** One figure's measurement; a failure is reported in its row and does not stop the others. */
    @FunctionalInterface
    private interface Measurement {
        List<Figure> measure() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Path root = Path.of("").toAbsolutePath();
        Set<String> only = Set.of("P1", "P2", "P3", "P4", "P5", "P6");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--root" -> root = Path.of(args[++i]).toAbsolutePath();
                case "--only" -> only = Arrays.stream(args[++i].split(",")).map(String::strip)
                        .map(String::toUpperCase).collect(Collectors.toSet());
                default -> {
                    System.err.println("usage: bench/run [--quick] [--only P1,P2,...]");
                    System.exit(2);
                }
            }
        }
        BenchConfig config = BenchConfig.from(root, quick);
        Files.writeString(config.work.resolve("empty-aws-config"), "");
        Files.writeString(config.work.resolve("empty-aws-credentials"), "");
        long start = System.nanoTime();
        String loadBefore = loadAverage();
        List<Figure> figures = new ArrayList<>();
        if (only.contains("P3")) {
            run("P3", figures, config, new JarSizeFigure(config)::measure);
        }
        if (only.contains("P1")) {
            run("P1", figures, config, new TokenFigure(config)::measure);
        }
        if (only.contains("P4")) {
            run("P4", figures, config, new GrantJmhFigure(config)::measure);
        }
        if (only.contains("P2") || only.contains("P5") || only.contains("P6")) {
            System.err.println("bench: starting moto_server and the Kubernetes API");
            try (LocalCluster cluster = new LocalCluster()) {
                if (only.contains("P6")) {
                    run("P6", figures, config, new WarmRepeatFigure(config, cluster)::measure);
                }
                if (only.contains("P2")) {
                    run("P2", figures, config, new ColdStartFigure(config, cluster)::measure);
                }
                if (only.contains("P5")) {
                    run("P5", figures, config, new ConcurrentGrantsFigure(config, cluster)::measure);
                }
            }
        }
        figures.sort((a, b) -> a.id().compareTo(b.id())); // stable: rows of one figure keep their order
        config.note("load averages are 1, 5 and 15 min; before the run " + loadBefore + ", after it " + loadAverage()
                + ". The bench itself adds about 1 to 2 (its servers and the process under test); more means"
                + " something else ran too, and the process timings (P1, P2) are then slower and noisier");
        String report = report(config, figures, (System.nanoTime() - start) / 1e9);
        System.out.println(report);
        Files.writeString(root.resolve("bench/target/bench-results.md"), report);
        // moto_server and vert.x threads would keep the JVM; everything is closed by now.
        System.exit(figures.stream().anyMatch(f -> f.verdict().equals("n/a")) ? 1 : 0);
    }

    private static void run(String id, List<Figure> figures, BenchConfig config, Measurement m) {
        System.err.println("bench: measuring " + id + "...");
        String load = loadAverage();
        long start = System.nanoTime();
        try {
            figures.addAll(m.measure());
        } catch (Exception | Error e) {
            config.note(id + ": failed: " + e);
            figures.add(Figure.notMeasured(id, "(see notes)", "", e.getClass().getSimpleName()));
        }
        config.note(id + ": took " + Stats.fixed((System.nanoTime() - start) / 1e9, 0) + " s; load average when it"
                + " started " + load);
    }

    static String report(BenchConfig config, List<Figure> figures, double seconds) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"id", "figure", "measured", "target", "pass/fail"});
        for (Figure f : figures) {
            rows.add(new String[] {f.id(), f.figure(), f.measured(), f.target(), f.verdict()});
        }
        int[] width = new int[5];
        for (String[] r : rows) {
            for (int i = 0; i < 5; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("eks-access-provisioner bench (").append(config.quick ? "--quick" : "full").append(") ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, ").append(cpu())
                .append(", took ").append(Stats.fixed(seconds, 0)).append(" s\n\n");
        for (int r = 0; r < rows.size(); r++) {
            out.append('|');
            for (int i = 0; i < 5; i++) {
                out.append(' ').append(pad(rows.get(r)[i], width[i])).append(" |");
            }
            out.append('\n');
            if (r == 0) {
                out.append('|');
                for (int i = 0; i < 5; i++) {
                    out.append('-').append("-".repeat(width[i])).append("-|");
                }
                out.append('\n');
            }
        }
        out.append("\nNotes:\n");
        config.notes.forEach(n -> out.append("- ").append(n).append('\n'));
        return out.toString();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
        } catch (Exception e) {
            return "unknown CPU";
        }
    }
}
