/**
 * EKS adapters: cluster lookup, token presigner, Kubernetes client, aws-auth store, EKS access entries
 * (and IAM role paths for migration).
 * May import access/, the AWS SDK and fabric8.
 */
package dev.eksaccess.eks;
