/**
 * EKS adapters: cluster lookup, token presigner, Kubernetes client, aws-auth store, EKS access entries
 * (and IAM role paths for migration); IAM and SSM calls signed and retried by the SDK core, without their
 * SDK modules (SignedAwsCalls, IamQuery, SsmParameters).
 * May import access/, the AWS SDK, fabric8 and Jackson 3.
 */
package dev.eksaccess.eks;
