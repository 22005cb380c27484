package dev.eksaccess.sso;

import dev.eksaccess.access.AccountId;
import dev.eksaccess.access.InvalidInputException;
import dev.eksaccess.access.KubernetesGroup;
import dev.eksaccess.access.UsernameTemplate;
import java.util.List;

/**
 * What holders of one permission set get in Kubernetes: a username and groups, on the clusters listed.
 * Node identities are refused here already, so a bad policy fails at load rather than per cluster.
 */
public record PermissionSetAccess(String name, UsernameTemplate username, List<KubernetesGroup> groups,
                                  List<ClusterSelector> clusters) {

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
    }

    /** The entries that concern assignments to {@code account}, in policy order. */
    public List<ClusterSelector> clustersFor(AccountId account) {
        return clusters.stream().filter(c -> c.appliesTo(account)).toList();
    }
}
