/**
 * Pure domain: IAM identities and ARNs, the aws-auth document, access changes, plans and diffs, and
 * the backend choice and access-entry plans.
 * No I/O and no AWS or Kubernetes clients here; may import only the JDK and snakeyaml-engine.
 */
package dev.eksaccess.access;
