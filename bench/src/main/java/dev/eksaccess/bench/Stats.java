package dev.eksaccess.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Medians and the number formats of the table. */
final class Stats {
    private Stats() {
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String ms(double seconds) {
        return String.format(Locale.ROOT, "%.0f ms", seconds * 1000);
    }

    static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** All values in ms, for the notes: "812 798 1020". */
    static String allMs(List<Double> seconds) {
        StringBuilder b = new StringBuilder();
        for (double s : seconds) {
            b.append(b.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.0f", s * 1000));
        }
        return b.toString();
    }
}
