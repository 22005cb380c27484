package dev.eksaccess.access;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which aws-auth entries can be copied to EKS access entries, and why the others cannot. Pure: the
 * caller still has to find each role's IAM path (aws-auth never has it, access entries need it) and
 * whether an access entry already exists. aws-auth itself is never changed by a migration.
 *
 * <p>An entry is copied whole or not at all: while a cluster is in API_AND_CONFIG_MAP, EKS uses a
 * principal's access entry instead of its aws-auth entry, so a partial copy would take access away.
 */
public final class AwsAuthMigration {
    private AwsAuthMigration() {
    }

    /** One aws-auth entry's fate: a grant to make as an access entry, or a reason it is left out. */
    public sealed interface Step {
        String identity();
    }

    /** Copy it: the grant carries the aws-auth ARN (no path for roles) and is managed if aws-auth records it so. */
    public record Copy(String identity, AccessChange.GrantIdentity grant) implements Step {
    }

    public record Skip(String identity, String reason) implements Step {
    }

    public static List<Step> plan(AwsAuthDocument doc, ManagedArns managed) {
        List<Step> steps = new ArrayList<>();
        for (AwsAuthSection section : List.of(AwsAuthSection.MAP_ROLES, AwsAuthSection.MAP_USERS)) {
            List<IdentityMapping> entries = doc.mappings(section);
            // The authenticator uses the last entry for an ARN; so does the copy.
            Map<String, Integer> last = new HashMap<>();
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i).arn() != null) {
                    last.put(entries.get(i).arn().strip().toLowerCase(Locale.ROOT), i);
                }
            }
            for (int i = 0; i < entries.size(); i++) {
                steps.add(step(entries.get(i), i, last, managed));
            }
        }
        for (String account : doc.accounts()) {
            steps.add(new Skip(account, "mapAccounts has no access-entry equivalent (map the account's roles instead)"));
        }
        return steps;
    }

    private static Step step(IdentityMapping m, int index, Map<String, Integer> last, ManagedArns managed) {
        String arn = m.arn() == null ? "(entry without ARN)" : m.arn().strip();
        if (m.mapsNodes()) {
            return new Skip(arn, "maps nodes: EKS creates node access entries (type EC2_LINUX) for managed node groups; "
                    + "create one for self-managed nodes with their role");
        }
        if (m.arn() == null || last.get(arn.toLowerCase(Locale.ROOT)) != index) {
            return new Skip(arn, m.arn() == null ? "has no rolearn/userarn" : "a later aws-auth entry for the same ARN "
                    + "wins (the authenticator uses the last)");
        }
        for (String group : m.groups()) {
            if (group.startsWith("system:") && !group.equals(AccessEntryWanted.MASTERS)) {
                return new Skip(arn, "group " + group + " has no access-entry equivalent (EKS refuses system: groups; "
                        + "only system:masters maps, to " + AccessPolicyGrant.CLUSTER_ADMIN + ")");
            }
        }
        try {
            AccessChange.GrantIdentity grant = AccessChange.GrantIdentity.of(arn, m.username(), m.groups());
            if (grant.arn() instanceof IamRoleArn role && !"/".equals(role.path())) {
                // The authenticator matches a session's role by ARN without a path; this entry never matched.
                return new Skip(arn, "has an IAM path, which the authenticator never matches: this entry gave no "
                        + "access, so copying it would grant what aws-auth never did");
            }
            if (managed.contains(arn)) {
                grant = grant.asManaged(); // tagged, so automatic revokes still find it
            }
            AccessEntryWanted.from(grant);
            return new Copy(arn, grant);
        } catch (InvalidInputException | AccessRefusedException e) {
            return new Skip(arn, e.getMessage());
        }
    }
}
