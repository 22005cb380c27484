package dev.eksaccess.sso;

import java.util.List;

/**
 * What a reconcile run found and did. Counts cover clusters that did not fail (a failed cluster's drift is
 * listed but was not repaired); {@code failed} counts failed clusters and the errors that kept a part of
 * the scope (an account, a permission set) from being checked at all.
 *
 * @param errors what could not be checked, and why
 * @param notes  what was seen and deliberately left alone, beyond single clusters
 */
public record ReconcileReport(boolean dryRun, String instanceArn, List<ClusterReconcile> clusters,
                              List<String> errors, List<String> notes) {

    public ReconcileReport {
        clusters = List.copyOf(clusters);
        errors = List.copyOf(errors);
        notes = List.copyOf(notes);
    }

    public int checked() {
        return clusters.size();
    }

    public long added() {
        return repaired(Drift.Add.class).count();
    }

    public long replaced() {
        return repaired(Drift.Replace.class).count();
    }

    public long updated() {
        return repaired(Drift.Update.class).count();
    }

    /** Managed entries removed (one removal may cover several entries). */
    public long removed() {
        return repaired(Drift.Remove.class).mapToLong(r -> r.entries().size()).sum();
    }

    public long failed() {
        return clusters.stream().filter(ClusterReconcile::failed).count() + errors.size();
    }

    private <T extends Drift> java.util.stream.Stream<T> repaired(Class<T> kind) {
        return clusters.stream().filter(c -> !c.failed()).flatMap(c -> c.drift().drift().stream())
                .filter(kind::isInstance).map(kind::cast);
    }
}
