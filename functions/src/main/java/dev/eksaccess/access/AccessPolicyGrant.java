package dev.eksaccess.access;

import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * An EKS access policy on an access entry, scoped to the whole cluster (no namespaces) or to namespaces.
 * Held by name (AmazonEKSViewPolicy), as policies are AWS-owned and their ARN differs only by partition.
 *
 * @param namespaces sorted, without duplicates; empty means cluster scope
 */
public record AccessPolicyGrant(String name, List<String> namespaces) implements Comparable<AccessPolicyGrant> {
    public static final String CLUSTER_ADMIN = "AmazonEKSClusterAdminPolicy";
    static final int MAX_NAMESPACES = 50;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]{1,128}");
    private static final Pattern ARN = Pattern.compile("arn:([a-z-]+):eks::aws:cluster-access-policy/([A-Za-z0-9]{1,128})");
    // A Kubernetes namespace (DNS-1123 label); EKS also accepts a trailing * as a prefix match.
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?|[a-z0-9][-a-z0-9]{0,61}\\*");

    public AccessPolicyGrant {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("policy", "must be an EKS access policy name such as AmazonEKSViewPolicy "
                    + "or its ARN arn:<partition>:eks::aws:cluster-access-policy/<name> (got '" + Printable.of(name) + "')");
        }
        namespaces = List.copyOf(new TreeSet<>(namespaces == null ? List.of() : namespaces));
        if (namespaces.size() > MAX_NAMESPACES) {
            throw new InvalidInputException("namespaces", "at most " + MAX_NAMESPACES + " namespaces (got "
                    + namespaces.size() + ")");
        }
        for (String ns : namespaces) {
            if (!NAMESPACE.matcher(ns).matches()) {
                throw new InvalidInputException("namespaces", "'" + Printable.of(ns) + "' is not a Kubernetes namespace "
                        + "name (lowercase letters, digits and '-', at most 63, optionally ending in *)");
            }
        }
    }

    /** Parses a policy given by name or ARN, with the caller's field names in errors. */
    public static AccessPolicyGrant of(String field, String policy, List<String> namespaces) {
        String name = policy;
        if (policy != null && policy.startsWith("arn:")) {
            java.util.regex.Matcher m = ARN.matcher(policy);
            if (!m.matches()) {
                throw new InvalidInputException(field + ".policy", "must be arn:<partition>:eks::aws:"
                        + "cluster-access-policy/<name> (got '" + Printable.of(policy) + "')");
            }
            Partition.of(field + ".policy", m.group(1));
            name = m.group(2);
        }
        try {
            return new AccessPolicyGrant(name, namespaces);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(field + "." + e.field(), e.getMessage().substring(e.field().length() + 2));
        }
    }

    /** The policy of an association EKS reports (its ARN names it in its last segment). */
    public static AccessPolicyGrant fromArn(String policyArn, List<String> namespaces) {
        return new AccessPolicyGrant(policyArn.substring(policyArn.lastIndexOf('/') + 1), namespaces);
    }

    public static AccessPolicyGrant clusterAdmin() {
        return new AccessPolicyGrant(CLUSTER_ADMIN, List.of());
    }

    public String arn(Partition partition) {
        return "arn:" + partition.id() + ":eks::aws:cluster-access-policy/" + name;
    }

    public boolean clusterScope() {
        return namespaces.isEmpty();
    }

    /** For diffs and summaries: {@code AmazonEKSViewPolicy (namespaces team-a, team-b)}. */
    public String label() {
        return name + (clusterScope() ? " (cluster)" : " (namespaces " + String.join(", ", namespaces) + ")");
    }

    /** The same policy with both scopes: cluster scope covers every namespace. */
    AccessPolicyGrant merge(AccessPolicyGrant other) {
        if (clusterScope() || other.clusterScope()) {
            return new AccessPolicyGrant(name, List.of());
        }
        List<String> all = new java.util.ArrayList<>(namespaces);
        all.addAll(other.namespaces);
        return new AccessPolicyGrant(name, all);
    }

    @Override
    public int compareTo(AccessPolicyGrant o) {
        return name.compareTo(o.name);
    }
}
