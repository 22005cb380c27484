package dev.eksaccess.access;

import java.util.Locale;

/** An IAM role or user ARN, the two identity kinds aws-auth maps. */
public sealed interface IamPrincipalArn permits IamRoleArn, IamUserArn {

    Partition partition();

    AccountId accountId();

    /** IAM path, "/" when none. */
    String path();

    /** Role or user name, the last segment of the resource. */
    String name();

    /** The aws-auth section this identity lives in. */
    AwsAuthSection section();

    /** The ARN as it must appear in aws-auth (roles lose their path, users keep theirs). */
    String awsAuthArn();

    /** The ARN exactly as IAM reports it, path included (what EKS access entries want). */
    String value();

    /** Parses a role or user ARN, picking the kind from the ARN's resource type. */
    static IamPrincipalArn parse(String field, String arn) {
        return IamArnParser.parse(field, arn);
    }

    /**
     * True if an aws-auth entry ARN names this identity. The comparison is case-insensitive, as the
     * authenticator's; for roles the path is ignored, so a broken entry that kept its path matches too.
     */
    default boolean matchesEntryArn(String entryArn) {
        if (entryArn == null) {
            return false;
        }
        String candidate = entryArn.trim();
        // Every form that can match ends with this identity's name: skip the full parse for the rest
        // (a grant checks every entry of a section, thousands on big clusters).
        int slash = candidate.lastIndexOf('/');
        String name = name();
        if (slash < 0 || candidate.length() - slash - 1 != name.length()
                || !candidate.regionMatches(true, slash + 1, name, 0, name.length())) {
            return false;
        }
        if (candidate.equalsIgnoreCase(value()) || candidate.equalsIgnoreCase(awsAuthArn())) {
            return true;
        }
        try {
            // Lowercased so that an entry differing both in case and by a path (ARN:AWS:IAM::...:ROLE/p/X)
            // still matches; partitions and the ARN prefix only parse in lower case.
            IamPrincipalArn other = IamArnParser.parse("entry", candidate.toLowerCase(Locale.ROOT));
            return other.section() == section()
                    && other.partition() == partition()
                    && other.accountId().equals(accountId())
                    && other.awsAuthArn().toLowerCase(Locale.ROOT).equals(awsAuthArn().toLowerCase(Locale.ROOT));
        } catch (InvalidInputException notAnArn) {
            return false;
        }
    }
}
