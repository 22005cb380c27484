/**
 * IAM Identity Center: the assignment event model, the access policy, permission set to reserved-role
 * resolution, the core that turns an assignment into a grant or revoke, and reconcile (drift repair). Pure
 * decisions (AssignmentTriage, ReconcileScope, DriftPlanner) live beside small AWS interfaces
 * (IdentityCenter, ReservedRoles, ClusterDiscovery) and their SDK implementations.
 * May import access/, eks/, the AWS SDK and snakeyaml-engine; not handler/.
 */
package dev.eksaccess.sso;
