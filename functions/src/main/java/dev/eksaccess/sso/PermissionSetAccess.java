package dev.eksaccess.sso;

import dev.eksaccess.access.AccessChange;
import dev.eksaccess.access.AccessEntryWanted;
import dev.eksaccess.access.AccessPolicyGrant;
import dev.eksaccess.access.AccountId;
import dev.eksaccess.access.Backend;
import dev.eksaccess.access.IamRoleArn;
import dev.eksaccess.access.InvalidInputException;
import dev.eksaccess.access.KubernetesGroup;
import dev.eksaccess.access.UsernameTemplate;
import java.util.List;

/**
 * What holders of one permission set get in Kubernetes: a username and groups (and, on access entries,
 * access policies), on the clusters listed, through the backend given (AUTO: each cluster's own). Node
 * identities are refused here already, so a bad policy fails at load rather than per cluster.
 */
public record PermissionSetAccess(String name, UsernameTemplate username, List<KubernetesGroup> groups,
                                  List<ClusterSelector> clusters, Backend backend,
                                  List<AccessPolicyGrant> accessPolicies) {

    /** aws-auth or access entries as each cluster's authentication mode says, no access policies. */
    public PermissionSetAccess(String name, UsernameTemplate username, List<KubernetesGroup> groups,
                               List<ClusterSelector> clusters) {
        this(name, username, groups, clusters, Backend.AUTO, List.of());
    }

    public PermissionSetAccess {
        PermissionSetName.check("name", name);
        if (username == null) {
            throw new InvalidInputException("username", "is required");
        }
        if (username.isNodeUsername()) {
            throw new InvalidInputException("username", "system:node:* usernames belong to node roles, which "
                    + "eks-access never maps");
        }
        groups = List.copyOf(groups);
        for (KubernetesGroup g : groups) {
            if (g.value().equals("system:nodes") || g.value().equals("system:bootstrappers")) {
                throw new InvalidInputException("groups", g.value() + " belongs to node roles, which eks-access "
                        + "never maps");
            }
        }
        clusters = List.copyOf(clusters);
        if (clusters.isEmpty()) {
            throw new InvalidInputException("clusters", "list at least one cluster");
        }
        backend = backend == null ? Backend.AUTO : backend;
        accessPolicies = List.copyOf(accessPolicies == null ? List.of() : accessPolicies);
        if (backend == Backend.AWS_AUTH && !accessPolicies.isEmpty()) {
            throw new InvalidInputException("accessPolicies", "exist only on EKS access entries; backend aws-auth "
                    + "cannot hold them");
        }
        if (backend == Backend.ACCESS_ENTRIES) {
            AccessEntryWanted.check("", username, groups);
        }
    }

    /** The grant for one reserved role, as automatic paths make it (managed). */
    public AccessChange.GrantIdentity grantFor(IamRoleArn role) {
        return new AccessChange.GrantIdentity(role, username, groups, true, accessPolicies);
    }

    /** The entries that concern assignments to {@code account}, in policy order. */
    public List<ClusterSelector> clustersFor(AccountId account) {
        return clusters.stream().filter(c -> c.appliesTo(account)).toList();
    }
}
