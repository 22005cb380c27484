package dev.eksaccess.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides what an access change does to an aws-auth document. Pure: no I/O. Enforces the safety
 * rules: node mappings are never created, modified or removed; everything else is kept; an unchanged
 * plan says so.
 */
public final class AccessPlanner {
    private AccessPlanner() {
    }

    /** Plans against a document with no managed entries recorded. */
    public static AccessPlan plan(AwsAuthDocument before, AccessChange change) {
        return plan(before, ManagedArns.NONE, change);
    }

    public static AccessPlan plan(AwsAuthDocument before, ManagedArns managed, AccessChange change) {
        // Java 17: no pattern switch; the interface is sealed, so this chain is exhaustive.
        if (change instanceof AccessChange.GrantIdentity grant) {
            return grant(before, managed, grant);
        } else if (change instanceof AccessChange.RevokeIdentity revoke) {
            return revoke(before, managed, revoke);
        } else if (change instanceof AccessChange.RevokeManaged revoke) {
            return revokeManaged(before, managed, revoke);
        } else if (change instanceof AccessChange.GrantAccount grant) {
            return grantAccount(before, managed, grant);
        } else if (change instanceof AccessChange.RevokeAccount revoke) {
            return revokeAccount(before, managed, revoke);
        } else if (change instanceof AccessChange.Batch batch) {
            return batch(before, managed, batch);
        }
        throw new IllegalArgumentException("unknown change " + change);
    }

    /** Each change planned on the result of the one before; the summary names the ones that change something. */
    private static AccessPlan batch(AwsAuthDocument before, ManagedArns managed, AccessChange.Batch batch) {
        AwsAuthDocument doc = before;
        ManagedArns recorded = managed;
        List<String> summaries = new ArrayList<>();
        for (AccessChange change : batch.changes()) {
            AccessPlan step = plan(doc, recorded, change);
            doc = step.after();
            recorded = step.managedAfter();
            if (step.changed() || step.summary().contains("hand-made")) {
                summaries.add(step.summary());
            }
        }
        return AccessPlan.of(before, doc, managed, recorded,
                summaries.isEmpty() ? "nothing to change" : String.join("; ", summaries));
    }

    private static AccessPlan grant(AwsAuthDocument before, ManagedArns managed, AccessChange.GrantIdentity grant) {
        IamPrincipalArn arn = grant.arn();
        if (!grant.accessPolicies().isEmpty()) {
            // Writing the entry without them would grant less than asked, silently.
            throw new AccessRefusedException("access policies (" + grant.accessPolicies().stream()
                    .map(AccessPolicyGrant::name).collect(java.util.stream.Collectors.joining(", ")) + ") exist only "
                    + "on EKS access entries; aws-auth cannot hold them (use backend access-entries on a cluster in "
                    + "API or API_AND_CONFIG_MAP mode, or Kubernetes groups)");
        }
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
        if (grant.managed()) {
            for (IdentityMapping m : current) {
                if (arn.matchesEntryArn(m.arn()) && !managed.contains(m.arn())) {
                    // Safety rule 7: automatic paths never take over (or later remove) a hand-made entry.
                    return AccessPlan.of(before, before, managed, managed, "a hand-made " + section.key()
                            + " entry for " + arn.awsAuthArn() + " exists; left as it is (not managed by eks-access)");
                }
            }
        }
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
        ManagedArns managedAfter = grant.managed() ? managed.with(arn.awsAuthArn()) : managed;
        return AccessPlan.of(before, after, managed, managedAfter, summary);
    }

    private static AccessPlan revoke(AwsAuthDocument before, ManagedArns managed,
                                     AccessChange.RevokeIdentity revoke) {
        IamPrincipalArn arn = revoke.arn();
        AwsAuthSection section = arn.section();
        List<IdentityMapping> current = before.mappings(section);
        List<IdentityMapping> next = new ArrayList<>(current.size());
        Set<String> gone = new HashSet<>();
        for (IdentityMapping m : current) {
            if (arn.matchesEntryArn(m.arn())) {
                refuseNode(m, arn, section, "remove");
                gone.add(m.arn());
            } else {
                next.add(m);
            }
        }
        gone.add(arn.awsAuthArn());
        int removed = current.size() - next.size();
        String summary = removed == 0
                ? arn.awsAuthArn() + " is not in " + section.key() + "; nothing to remove"
                : "remove " + removed + (removed == 1 ? " entry" : " entries") + " for " + arn.awsAuthArn()
                        + " from " + section.key();
        return AccessPlan.of(before, before.withMappings(section, next), managed, managed.without(gone), summary);
    }

    private static AccessPlan revokeManaged(AwsAuthDocument before, ManagedArns managed,
                                            AccessChange.RevokeManaged revoke) {
        List<IdentityMapping> next = new ArrayList<>(before.roles().size());
        Set<String> gone = new HashSet<>();
        int keptHandMade = 0;
        for (IdentityMapping m : before.roles()) {
            boolean matches = roleInAccountMatching(m.arn(), revoke);
            if (matches && managed.contains(m.arn()) && !m.mapsNodes()) {
                gone.add(m.arn());
            } else {
                keptHandMade += matches ? 1 : 0;
                next.add(m);
            }
        }
        // Forget recorded ARNs of this kind whose entries someone already removed by hand.
        managed.arns().stream().filter(a -> roleInAccountMatching(a, revoke)).forEach(gone::add);
        int removed = before.roles().size() - next.size();
        String summary = (removed == 0 ? "no managed mapRoles entry for " + revoke.subject() + "; nothing to remove"
                : "remove " + removed + " managed mapRoles " + (removed == 1 ? "entry" : "entries") + " for "
                        + revoke.subject())
                + (keptHandMade > 0 ? "; " + keptHandMade + " hand-made " + (keptHandMade == 1 ? "entry" : "entries")
                        + " left as " + (keptHandMade == 1 ? "it is" : "they are") : "");
        return AccessPlan.of(before, before.withMappings(AwsAuthSection.MAP_ROLES, next), managed,
                managed.without(gone), summary);
    }

    private static boolean roleInAccountMatching(String entryArn, AccessChange.RevokeManaged revoke) {
        if (entryArn == null) {
            return false;
        }
        try {
            IamPrincipalArn parsed = IamPrincipalArn.parse("entry", entryArn.strip().toLowerCase(Locale.ROOT));
            return parsed instanceof IamRoleArn role && role.accountId().equals(revoke.account())
                    && revoke.roleName().matcher(role.name()).matches();
        } catch (InvalidInputException notAnArn) {
            return false;
        }
    }

    private static AccessPlan grantAccount(AwsAuthDocument before, ManagedArns managed,
                                            AccessChange.GrantAccount grant) {
        String account = grant.account().value();
        if (before.accounts().contains(account)) {
            return AccessPlan.of(before, before, managed, managed, "account " + account + " is already in mapAccounts");
        }
        List<String> next = new ArrayList<>(before.accounts());
        next.add(account);
        return AccessPlan.of(before, before.withAccounts(next), managed, managed,
                "add account " + account + " to mapAccounts");
    }

    private static AccessPlan revokeAccount(AwsAuthDocument before, ManagedArns managed,
                                             AccessChange.RevokeAccount revoke) {
        String account = revoke.account().value();
        List<String> next = before.accounts().stream().filter(a -> !a.strip().equals(account)).toList();
        int removed = before.accounts().size() - next.size();
        String summary = removed == 0
                ? "account " + account + " is not in mapAccounts; nothing to remove"
                : "remove account " + account + " from mapAccounts";
        return AccessPlan.of(before, before.withAccounts(next), managed, managed, summary);
    }

    private static void refuseNode(IdentityMapping m, IamPrincipalArn arn, AwsAuthSection section, String verb) {
        if (m.mapsNodes()) {
            throw new AccessRefusedException("refusing to " + verb + " " + arn.awsAuthArn() + ": its " + section.key()
                    + " entry maps nodes (groups system:nodes/system:bootstrappers or username system:node:*); "
                    + "eks-access never changes node mappings");
        }
    }
}
