package dev.eksaccess.sso;

import dev.eksaccess.access.ClusterRef;
import dev.eksaccess.eks.ClusterResult;

/**
 * One cluster in a reconcile run: the drift found (empty when the cluster could not be read) and what
 * writing the repair did.
 */
public record ClusterReconcile(ClusterRef cluster, ClusterDrift drift, ClusterResult result) {

    public ClusterReconcile {
        if (cluster == null || drift == null || result == null) {
            throw new IllegalArgumentException("cluster, drift and result are required");
        }
    }

    public boolean failed() {
        return result.failed();
    }
}
