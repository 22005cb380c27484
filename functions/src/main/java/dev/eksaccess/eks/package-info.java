/**
 * EKS adapters: cluster lookup, token presigner, Kubernetes client, aws-auth store.
 * May import access/, the AWS SDK and fabric8.
 */
package dev.eksaccess.eks;
