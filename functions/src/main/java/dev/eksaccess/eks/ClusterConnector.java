package dev.eksaccess.eks;

/** Opens the aws-auth ConfigMap of a cluster. */
public interface ClusterConnector {

    AwsAuthStore awsAuth(ClusterInfo cluster);
}
