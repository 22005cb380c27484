package dev.eksaccess.eks;

/** Opens the access entries of a cluster (the EKS API, with the credentials of the cluster's account). */
public interface AccessEntryConnector {

    AccessEntryStore accessEntries(ClusterInfo cluster);
}
