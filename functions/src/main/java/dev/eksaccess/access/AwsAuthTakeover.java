package dev.eksaccess.access;

import java.util.List;

/**
 * A new access entry and the identity's aws-auth mappings, on a cluster in API_AND_CONFIG_MAP: EKS reads
 * both there and, for an IAM principal that has both, uses the access entry alone (EKS user guide,
 * "Migrating existing aws-auth ConfigMap entries to access entries"). Creating the entry therefore takes
 * the mappings' place, with whatever the entry gives instead (view where a mapping gave system:masters,
 * say). No grant does that to a mapping of nodes (safety rule 1: the nodes would lose system:nodes); an
 * automatic grant does not do it to a hand-made mapping either, as it leaves hand-made aws-auth entries
 * as they are on aws-auth itself; a direct grant does, and its result says so.
 *
 * @param mappings the identity's mappings in aws-auth (any path form or case), empty when there is none
 * @param handMade one of them is not recorded as one the provisioner made
 */
public record AwsAuthTakeover(IamPrincipalArn arn, List<IdentityMapping> mappings, boolean handMade) {

    public AwsAuthTakeover {
        mappings = List.copyOf(mappings);
    }

    /** What a new access entry for {@code arn} would take the place of in {@code awsAuth}. */
    public static AwsAuthTakeover of(IamPrincipalArn arn, AwsAuthDocument awsAuth, ManagedArns managed) {
        List<IdentityMapping> found = awsAuth.mappings(arn.section()).stream().filter(m -> arn.matchesEntryArn(m.arn()))
                .toList();
        return new AwsAuthTakeover(arn, found, found.stream().anyMatch(m -> !managed.contains(m.arn())));
    }

    /**
     * Whether {@code grant} must leave the mappings in charge and create nothing: an automatic grant over a
     * hand-made mapping. Refuses (throws) any grant over a mapping of nodes.
     */
    public boolean leavesAlone(AccessChange.GrantIdentity grant) {
        for (IdentityMapping m : mappings) {
            if (m.mapsNodes()) {
                throw new AccessRefusedException("refusing to create an access entry for " + arn.value() + ": aws-auth "
                        + "maps it as nodes (" + arn.section().key() + " entry " + Printable.of(m.arn()) + ", username "
                        + Printable.of(m.username()) + ", groups " + Printable.of(String.valueOf(m.groups())) + "), and "
                        + "EKS, which reads both in API_AND_CONFIG_MAP, would use the entry in its place: the nodes "
                        + "would lose system:nodes");
            }
        }
        return handMade && grant.managed();
    }

    /** The summary of a grant {@link #leavesAlone left alone}: nothing is created. */
    public String leftAsIs() {
        return "a hand-made " + arn.section().key() + " entry for " + Printable.of(mappings.get(0).arn()) + " exists "
                + "in aws-auth, which EKS also reads (API_AND_CONFIG_MAP); left as it is and no access entry created, "
                + "as EKS would use the entry in its place (not managed by eks-access)";
    }

    /** Added to the summary of a grant that creates the entry; empty when aws-auth has no mapping. */
    public String note() {
        if (mappings.isEmpty()) {
            return "";
        }
        IdentityMapping m = mappings.get(0);
        return "; EKS uses the access entry in place of the aws-auth " + arn.section().key() + " entry for "
                + Printable.of(m.arn()) + " (username " + Printable.of(m.username()) + ", groups "
                + Printable.of(String.valueOf(m.groups())) + ")"
                + (mappings.size() > 1 ? " and " + (mappings.size() - 1) + " more for the same identity" : "");
    }
}
