package dev.eksaccess.cli;

import dev.eksaccess.eks.ClusterResult;
import java.io.PrintWriter;
import java.util.List;

/** How results from live clusters are printed: one status line per cluster, then its diff. */
final class ClusterOutput {
    private ClusterOutput() {
    }

    static String status(boolean changed, boolean written) {
        if (!changed) {
            return "unchanged: ";
        }
        return written ? "changed: " : "would change (dry run): ";
    }

    /** Prints every result; exit code 1 if any cluster failed. */
    static int print(List<ClusterResult> results, boolean dryRun, PrintWriter out, PrintWriter err) {
        int failed = 0;
        for (ClusterResult r : results) {
            String where = r.cluster() + " (" + (r.accountId() == null ? "" : r.accountId() + ", ") + r.region() + "): ";
            if (r.failed()) {
                failed++;
                err.println("error: " + where + r.error());
            } else {
                out.println(where + status(r.changed(), r.changed() && !dryRun) + r.summary());
                out.print(r.diff() == null ? "" : r.diff());
            }
        }
        out.flush();
        err.flush();
        return failed == 0 ? 0 : 1;
    }
}
