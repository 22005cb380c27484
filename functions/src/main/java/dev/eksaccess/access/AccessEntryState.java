package dev.eksaccess.access;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One EKS access entry as DescribeAccessEntry (and ListAssociatedAccessPolicies) report it. Values are
 * kept as EKS returns them: a hand-made entry may break our input rules and must still be readable.
 *
 * @param type     STANDARD for people and roles; EC2_LINUX, EC2_WINDOWS, FARGATE_LINUX, HYBRID_LINUX, ... for nodes
 * @param username as EKS holds it (EKS generates one when none was given); null if absent
 * @param policies the associated access policies; empty when none or not read
 */
public record AccessEntryState(String principalArn, String type, String username, List<String> groups,
                               Map<String, String> tags, List<AccessPolicyGrant> policies) {
    /** The tag the provisioner puts on the entries it creates, as ManagedArns does for aws-auth entries. */
    public static final String MANAGED_TAG = "eks-access.dev/managed";
    public static final String STANDARD = "STANDARD";

    public AccessEntryState {
        if (principalArn == null || principalArn.isBlank()) {
            throw new IllegalArgumentException("an access entry has a principal ARN");
        }
        type = type == null ? STANDARD : type;
        groups = groups == null ? List.of() : List.copyOf(groups);
        tags = tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
        policies = policies == null ? List.of() : List.copyOf(policies);
    }

    /** Safety rule 1 for access entries: node entries (every type but STANDARD) are never changed or removed. */
    public boolean mapsNodes() {
        return !STANDARD.equals(type);
    }

    /** Created by the provisioner's automatic paths, so only they may remove it. */
    public boolean managed() {
        return "true".equals(tags.get(MANAGED_TAG));
    }

    /** How list shows it, in the shape aws-auth entries have. */
    public ListedMapping listed() {
        String kind = principalArn.contains(":user/") ? "user" : "role";
        return new ListedMapping(kind, principalArn, username, groups, mapsNodes(), Backend.ACCESS_ENTRIES.label(),
                policies);
    }
}
