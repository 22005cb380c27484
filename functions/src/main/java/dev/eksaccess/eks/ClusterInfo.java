package dev.eksaccess.eks;

import dev.eksaccess.access.AccountId;
import dev.eksaccess.access.ClusterRef;

/**
 * What DescribeCluster says about a cluster, and whose credentials reach it.
 *
 * @param endpoint            the Kubernetes API URL (after any local override)
 * @param certificateAuthority base64 PEM of the cluster CA; for an overridden endpoint the override's, maybe null
 * @param authenticationMode  CONFIG_MAP, API_AND_CONFIG_MAP or API (CONFIG_MAP when EKS does not say)
 */
public record ClusterInfo(ClusterRef ref, AccountId accountId, String endpoint, String certificateAuthority,
                          String authenticationMode) {
}
