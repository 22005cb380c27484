package dev.eksaccess.access;

/**
 * A new access entry and the identity's aws-auth mapping, on a cluster in API_AND_CONFIG_MAP: EKS reads
 * both there and, for an IAM principal that has both, uses the access entry alone (EKS user guide,
 * "Migrating existing aws-auth ConfigMap entries to access entries"). Creating the entry therefore takes
 * the mapping's place, with whatever the entry gives instead (view where the mapping gave
 * system:masters, say). An automatic grant does not do that to a hand-made mapping, as it leaves a
 * hand-made aws-auth entry as it is on aws-auth itself; a direct grant does, and its result says so.
 *
 * @param mapping  the identity's mapping in aws-auth, or null when there is none
 * @param handMade the mapping is not recorded as one the provisioner made
 */
public record AwsAuthTakeover(AwsAuthSection section, IdentityMapping mapping, boolean handMade) {

    /** What a new access entry for {@code arn} would take the place of in {@code awsAuth}. */
    public static AwsAuthTakeover of(IamPrincipalArn arn, AwsAuthDocument awsAuth, ManagedArns managed) {
        for (IdentityMapping m : awsAuth.mappings(arn.section())) {
            if (arn.matchesEntryArn(m.arn())) {
                return new AwsAuthTakeover(arn.section(), m, !managed.contains(m.arn()));
            }
        }
        return new AwsAuthTakeover(arn.section(), null, false);
    }

    /** Whether {@code grant} must not create its access entry: an automatic one, over a hand-made mapping. */
    public boolean refuses(AccessChange.GrantIdentity grant) {
        return mapping != null && handMade && grant.managed();
    }

    /** The summary of a grant {@link #refuses refused}: nothing is created. */
    public String leftAsIs() {
        return "a hand-made " + section.key() + " entry for " + Printable.of(mapping.arn()) + " exists in aws-auth, "
                + "which EKS also reads (API_AND_CONFIG_MAP); left as it is and no access entry created, as EKS "
                + "would use the entry in its place (not managed by eks-access)";
    }

    /** Added to the summary of a grant that creates the entry; empty when aws-auth has no mapping. */
    public String note() {
        if (mapping == null) {
            return "";
        }
        return "; EKS uses the access entry in place of the aws-auth " + section.key() + " entry for "
                + Printable.of(mapping.arn()) + " (username " + Printable.of(mapping.username()) + ", groups "
                + Printable.of(String.valueOf(mapping.groups())) + ")";
    }
}
