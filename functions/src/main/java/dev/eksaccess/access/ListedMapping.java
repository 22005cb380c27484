package dev.eksaccess.access;

import java.util.List;

/**
 * One entry as the list operation shows it: an aws-auth entry or an EKS access entry, in one shape.
 *
 * @param kind     role, user or account
 * @param identity the role or user ARN, or the account ID
 * @param node     true for node mappings, which the provisioner never changes
 * @param backend  aws-auth or access-entries: where the entry lives
 * @param policies access entries only: the associated access policies
 */
public record ListedMapping(String kind, String identity, String username, List<String> groups, boolean node,
                            String backend, List<AccessPolicyGrant> policies) {

    public ListedMapping {
        groups = groups == null ? List.of() : List.copyOf(groups);
        backend = backend == null ? Backend.AWS_AUTH.label() : backend;
        policies = policies == null ? List.of() : List.copyOf(policies);
    }

    /** An aws-auth entry. */
    public ListedMapping(String kind, String identity, String username, List<String> groups, boolean node) {
        this(kind, identity, username, groups, node, Backend.AWS_AUTH.label(), List.of());
    }

    static ListedMapping of(AwsAuthSection section, IdentityMapping m) {
        return new ListedMapping(section == AwsAuthSection.MAP_ROLES ? "role" : "user", m.arn(), m.username(),
                m.groups(), m.mapsNodes());
    }
}
