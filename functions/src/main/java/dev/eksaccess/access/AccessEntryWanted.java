package dev.eksaccess.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a grant asks of an EKS access entry. Unlike aws-auth, the principal keeps its full ARN (access
 * entries match roles with their IAM path), and EKS's own rules apply: reserved username prefixes are
 * refused, and {@code system:} groups do not exist there, except that {@code system:masters} has an
 * equivalent in the cluster-scoped AmazonEKSClusterAdminPolicy.
 *
 * @param username null to let EKS generate its default
 * @param groups   kubernetesGroups, none starting with {@code system:}
 * @param policies by name, one per policy, sorted
 */
public record AccessEntryWanted(String principalArn, Partition partition, String username, List<String> groups,
                                List<AccessPolicyGrant> policies) {
    /** EKS refuses custom usernames with these prefixes. */
    public static final List<String> RESERVED_PREFIXES = List.of("system:", "eks:", "aws:", "amazon:", "iam:");
    static final String MASTERS = "system:masters";

    public AccessEntryWanted {
        groups = List.copyOf(groups);
        policies = List.copyOf(policies);
    }

    public static AccessEntryWanted from(AccessChange.GrantIdentity grant) {
        IamPrincipalArn arn = grant.arn();
        String username = grant.username() == null ? null : grant.username().value();
        for (KubernetesGroup g : grant.groups()) {
            if (g.value().equals("system:nodes") || g.value().equals("system:bootstrappers")) {
                throw new AccessRefusedException("refusing to create a node mapping for " + arn.value() + ": groups "
                        + "system:nodes/system:bootstrappers belong to node roles, which eks-access never creates");
            }
        }
        check("", grant.username(), grant.groups());
        Map<String, AccessPolicyGrant> policies = new TreeMap<>();
        List<String> groups = new ArrayList<>();
        for (KubernetesGroup g : grant.groups()) {
            if (g.value().equals(MASTERS)) {
                policies.put(AccessPolicyGrant.CLUSTER_ADMIN, AccessPolicyGrant.clusterAdmin());
            } else {
                groups.add(g.value());
            }
        }
        for (AccessPolicyGrant p : grant.accessPolicies()) {
            policies.merge(p.name(), p, AccessPolicyGrant::merge);
        }
        return new AccessEntryWanted(arn.value(), arn.partition(), username, groups,
                new ArrayList<>(policies.values()));
    }

    /**
     * EKS's rules for a username and groups, checked before any call (and when a policy forcing access
     * entries is loaded); {@code prefix} places the fields in the caller's document.
     */
    public static void check(String prefix, UsernameTemplate username, List<KubernetesGroup> groups) {
        if (username != null) {
            for (String reserved : RESERVED_PREFIXES) {
                if (username.value().startsWith(reserved)) {
                    throw new InvalidInputException(prefix + "username", "EKS access entries refuse usernames starting "
                            + "with " + String.join(", ", RESERVED_PREFIXES) + " (got '" + Printable.of(username.value())
                            + "')");
                }
            }
        }
        for (int i = 0; i < groups.size(); i++) {
            String group = groups.get(i).value();
            if (group.startsWith("system:") && !group.equals(MASTERS)) {
                throw new InvalidInputException(prefix + "groups[" + i + "]", "EKS access entries refuse Kubernetes "
                        + "groups starting with system: (got '" + Printable.of(group) + "'); only system:masters has "
                        + "an equivalent, " + AccessPolicyGrant.CLUSTER_ADMIN);
            }
        }
    }

    /** What the access entry would read like, for messages and migration reports. */
    public String describe() {
        List<String> labels = policies.stream().map(AccessPolicyGrant::label).toList();
        return "username " + (username == null ? "EKS default" : username) + ", groups " + groups
                + (labels.isEmpty() ? "" : ", policies " + String.join("; ", labels));
    }
}
