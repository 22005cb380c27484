package dev.eksaccess.sso;

import dev.eksaccess.access.AccessChange;
import java.util.List;

/**
 * What reconcile found on one cluster and the change that repairs it.
 *
 * @param notes  what was seen and deliberately left alone (hand-made entries, roles still provisioning)
 * @param change the repair, one aws-auth write; null when there is no drift
 */
public record ClusterDrift(List<Drift> drift, List<String> notes, AccessChange change) {

    public static final ClusterDrift NONE = new ClusterDrift(List.of(), List.of(), null);

    public ClusterDrift {
        drift = List.copyOf(drift);
        notes = List.copyOf(notes);
        if (drift.isEmpty() != (change == null)) {
            throw new IllegalArgumentException("a change goes with drift, and only with drift");
        }
    }
}
