package dev.eksaccess.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * P4: JMH, one grant (parse + plan + render) on aws-auth of 10, 1,000 and 5,000 entries, in a forked
 * JVM. The figure is the median of the measurement iterations' average times. Growth is linear when
 * the cost per entry at 5,000 is no more than at 1,000 (25% allowed for noise and cache effects).
 */
final class GrantJmhFigure {
    static final double TARGET_MS_AT_5000 = 20.0;
    static final double MAX_PER_ENTRY_GROWTH = 1.25;
    private final BenchConfig config;

    GrantJmhFigure(BenchConfig config) {
        this.config = config;
    }

    List<Figure> measure() throws Exception {
        boolean quick = config.quick;
        Options options = new OptionsBuilder()
                .include(AwsAuthGrantBenchmark.class.getName() + ".grant")
                .forks(1)
                .warmupIterations(quick ? 2 : 5)
                .warmupTime(TimeValue.milliseconds(quick ? 400 : 1000))
                .measurementIterations(quick ? 3 : 10)
                .measurementTime(TimeValue.milliseconds(quick ? 400 : 2000))
                .jvmArgsAppend("-Xmx1g")
                .output(config.work.resolve("p4-jmh.txt").toString())
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<Integer, Double> medianMs = new TreeMap<>();
        for (RunResult r : results) {
            int entries = Integer.parseInt(r.getParams().getParam("entries"));
            medianMs.put(entries, r.getPrimaryResult().getStatistics().getPercentile(50));
            config.note("P4: " + entries + " entries: " + Stats.fixed(r.getPrimaryResult().getScore(), 3) + " ± "
                    + Stats.fixed(r.getPrimaryResult().getScoreError(), 3) + " ms/op (mean ± 99.9% CI, "
                    + r.getPrimaryResult().getStatistics().getN() + " iterations)");
        }
        List<Figure> figures = new ArrayList<>();
        for (Map.Entry<Integer, Double> e : medianMs.entrySet()) {
            String figure = "grant (parse + plan + render), " + String.format("%,d", e.getKey()) + " entries, JMH";
            if (e.getKey() == 5000) {
                figures.add(Figure.check("P4", figure, ms(e.getValue()), "<= 20 ms",
                        e.getValue() <= TARGET_MS_AT_5000));
            } else {
                figures.add(Figure.info("P4", figure, ms(e.getValue())));
            }
        }
        double perEntry1000 = medianMs.get(1000) / 1000;
        double perEntry5000 = medianMs.get(5000) / 5000;
        double growth = perEntry5000 / perEntry1000;
        figures.add(Figure.check("P4", "cost per entry at 5,000 / at 1,000 (" + us(perEntry5000) + " / "
                        + us(perEntry1000) + ")", Stats.fixed(growth, 2), "<= 1.25 (linear)",
                growth <= MAX_PER_ENTRY_GROWTH));
        return figures;
    }

    private static String ms(double value) {
        return Stats.fixed(value, value < 1 ? 3 : 2) + " ms";
    }

    private static String us(double ms) {
        return Stats.fixed(ms * 1000, 2) + " µs";
    }
}
