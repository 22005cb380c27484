package dev.eksaccess.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides what an access change does to an aws-auth document. Pure: no I/O. Enforces the safety
 * rules: node mappings are never created, modified or removed; everything else is kept; an unchanged
 * plan says so.
 */
public final class AccessPlanner {
    private AccessPlanner() {
    }

    public static AccessPlan plan(AwsAuthDocument before, AccessChange change) {
        // Java 17: no pattern switch; the interface is sealed, so this chain is exhaustive.
        if (change instanceof AccessChange.GrantIdentity grant) {
            return grant(before, grant);
        } else if (change instanceof AccessChange.RevokeIdentity revoke) {
            return revoke(before, revoke);
        } else if (change instanceof AccessChange.GrantAccount grant) {
            return grantAccount(before, grant);
        } else if (change instanceof AccessChange.RevokeAccount revoke) {
            return revokeAccount(before, revoke);
        }
        throw new IllegalArgumentException("unknown change " + change);
    }

    private static AccessPlan grant(AwsAuthDocument before, AccessChange.GrantIdentity grant) {
        IamPrincipalArn arn = grant.arn();
        AwsAuthSection section = arn.section();
        List<String> groups = grant.groups().stream().map(KubernetesGroup::value).toList();
        String username = grant.username() == null ? null : grant.username().value();
        if (groups.contains("system:nodes") || groups.contains("system:bootstrappers")
                || (grant.username() != null && grant.username().isNodeUsername())) {
            throw new AccessRefusedException("refusing to create a node mapping for " + arn.awsAuthArn()
                    + ": groups system:nodes/system:bootstrappers and usernames system:node:* belong to node roles, "
                    + "which eks-access never creates, changes or removes");
        }

        List<IdentityMapping> current = before.mappings(section);
        int last = -1;
        Map<String, Object> extra = new LinkedHashMap<>();
        for (int i = 0; i < current.size(); i++) {
            IdentityMapping m = current.get(i);
            if (arn.matchesEntryArn(m.arn())) {
                refuseNode(m, arn, section, "change");
                last = i;
                extra = new LinkedHashMap<>(m.extra());
            }
        }
        IdentityMapping wanted = new IdentityMapping(arn.awsAuthArn(), username, groups, extra);
        List<IdentityMapping> next = new ArrayList<>(current.size() + 1);
        int matches = 0;
        for (int i = 0; i < current.size(); i++) {
            IdentityMapping m = current.get(i);
            if (i == last) {
                next.add(wanted);
                matches++;
            } else if (arn.matchesEntryArn(m.arn())) {
                matches++;
            } else {
                next.add(m);
            }
        }
        if (last < 0) {
            next.add(wanted);
        }
        AwsAuthDocument after = before.withMappings(section, next);
        String summary;
        if (after.equals(before)) {
            summary = arn.awsAuthArn() + " is already mapped as requested in " + section.key();
        } else if (matches == 0) {
            summary = "add " + arn.awsAuthArn() + " to " + section.key();
        } else if (matches == 1) {
            summary = "update " + arn.awsAuthArn() + " in " + section.key();
        } else {
            summary = "replace " + matches + " entries for " + arn.awsAuthArn() + " in " + section.key()
                    + " with one";
        }
        if (!arn.awsAuthArn().equals(arn.value()) && !after.equals(before)) {
            summary += " (IAM path " + arn.path() + " removed: aws-auth matches roles without their path)";
        }
        return AccessPlan.of(before, after, summary);
    }

    private static AccessPlan revoke(AwsAuthDocument before, AccessChange.RevokeIdentity revoke) {
        IamPrincipalArn arn = revoke.arn();
        AwsAuthSection section = arn.section();
        List<IdentityMapping> current = before.mappings(section);
        List<IdentityMapping> next = new ArrayList<>(current.size());
        for (IdentityMapping m : current) {
            if (arn.matchesEntryArn(m.arn())) {
                refuseNode(m, arn, section, "remove");
            } else {
                next.add(m);
            }
        }
        int removed = current.size() - next.size();
        String summary = removed == 0
                ? arn.awsAuthArn() + " is not in " + section.key() + "; nothing to remove"
                : "remove " + removed + (removed == 1 ? " entry" : " entries") + " for " + arn.awsAuthArn()
                        + " from " + section.key();
        return AccessPlan.of(before, before.withMappings(section, next), summary);
    }

    private static AccessPlan grantAccount(AwsAuthDocument before, AccessChange.GrantAccount grant) {
        String account = grant.account().value();
        if (before.accounts().contains(account)) {
            return AccessPlan.of(before, before, "account " + account + " is already in mapAccounts");
        }
        List<String> next = new ArrayList<>(before.accounts());
        next.add(account);
        return AccessPlan.of(before, before.withAccounts(next), "add account " + account + " to mapAccounts");
    }

    private static AccessPlan revokeAccount(AwsAuthDocument before, AccessChange.RevokeAccount revoke) {
        String account = revoke.account().value();
        List<String> next = before.accounts().stream().filter(a -> !a.strip().equals(account)).toList();
        int removed = before.accounts().size() - next.size();
        String summary = removed == 0
                ? "account " + account + " is not in mapAccounts; nothing to remove"
                : "remove account " + account + " from mapAccounts";
        return AccessPlan.of(before, before.withAccounts(next), summary);
    }

    private static void refuseNode(IdentityMapping m, IamPrincipalArn arn, AwsAuthSection section, String verb) {
        if (m.mapsNodes()) {
            throw new AccessRefusedException("refusing to " + verb + " " + arn.awsAuthArn() + ": its " + section.key()
                    + " entry maps nodes (groups system:nodes/system:bootstrappers or username system:node:*); "
                    + "eks-access never changes node mappings");
        }
    }
}
