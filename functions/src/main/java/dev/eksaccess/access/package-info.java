/**
 * Pure domain: IAM identities and ARNs, the aws-auth document, access changes, plans and diffs.
 * No I/O and no AWS or Kubernetes clients here; may import only the JDK and snakeyaml-engine.
 */
package dev.eksaccess.access;
