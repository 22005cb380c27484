package dev.eksaccess.eks;

import dev.eksaccess.access.AccountId;
import dev.eksaccess.access.ClusterRef;

/** Finds a cluster's API endpoint and CA (EKS DescribeCluster). */
public interface ClusterDirectory {

    ClusterInfo describe(ClusterRef cluster);

    /** Forget what is known of a cluster, e.g. after its endpoint stopped answering. */
    void forget(ClusterRef cluster);

    /**
     * The account the function's own credentials belong to, when the caller knows it (Lambda's
     * context names it): saves looking it up.
     */
    default void callerAccountIs(AccountId account) {
    }

    /** Builds, without calling AWS, what describing a cluster of the function's own account in {@code region} needs. */
    default void prepare(String region) {
    }
}
