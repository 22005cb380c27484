package dev.eksaccess.eks;

import dev.eksaccess.access.ClusterRef;

/** Finds a cluster's API endpoint and CA (EKS DescribeCluster). */
public interface ClusterDirectory {

    ClusterInfo describe(ClusterRef cluster);

    /** Forget what is known of a cluster, e.g. after its endpoint stopped answering. */
    void forget(ClusterRef cluster);
}
