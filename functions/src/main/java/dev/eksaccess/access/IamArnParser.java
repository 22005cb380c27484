package dev.eksaccess.access;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses IAM role and user ARNs with the IAM naming rules. */
final class IamArnParser {
    /** arn:PARTITION:iam::ACCOUNT:TYPE/PATH/NAME */
    private static final Pattern ARN = Pattern.compile("arn:([^:]*):iam::([^:]*):(role|user)(/.*)");
    private static final Pattern STS_ASSUMED = Pattern.compile("arn:[^:]*:sts::\\d{12}:assumed-role/.*");
    static final Pattern NAME = Pattern.compile("[\\w+=,.@-]+");
    /** IAM path: "/" or "/seg/.../" with printable ASCII, at most 512 characters. */
    private static final Pattern PATH = Pattern.compile("/|/[\\x21-\\x7E]+/");
    private static final int MAX_ARN = 2048;

    private IamArnParser() {
    }

    static IamPrincipalArn parse(String field, String arn) {
        TextRules.requireClean(field, arn, MAX_ARN);
        if (!arn.equals(arn.strip())) {
            throw new InvalidInputException(field, "must not have leading or trailing spaces");
        }
        if (STS_ASSUMED.matcher(arn).matches()) {
            throw new InvalidInputException(field, "is an STS assumed-role session ARN; give the IAM role ARN "
                    + "(arn:<partition>:iam::<account>:role/<RoleName>) instead");
        }
        Matcher m = ARN.matcher(arn);
        if (!m.matches()) {
            throw new InvalidInputException(field, "must be an IAM role or user ARN like "
                    + "arn:aws:iam::111122223333:role/RoleName (got '" + Printable.of(arn) + "')");
        }
        Partition partition = Partition.of(field + " partition", m.group(1));
        AccountId account = AccountId.of(field + " account", m.group(2));
        String resource = m.group(4);
        int lastSlash = resource.lastIndexOf('/');
        String path = resource.substring(0, lastSlash + 1);
        String name = resource.substring(lastSlash + 1);
        String kind = m.group(3);
        checkPath(field, path);
        checkName(field, kind, name);
        return kind.equals("role")
                ? new IamRoleArn(partition, account, path, name)
                : new IamUserArn(partition, account, path, name);
    }

    static void checkPath(String field, String path) {
        if (path == null || path.length() > 512 || !PATH.matcher(path).matches() || path.contains("//")) {
            throw new InvalidInputException(field, "IAM path must be '/' or '/segments/' of printable ASCII, "
                    + "at most 512 characters (got '" + Printable.of(path) + "')");
        }
    }

    static void checkName(String field, String kind, String name) {
        if (name == null || name.isEmpty() || !NAME.matcher(name).matches()) {
            throw new InvalidInputException(field, "IAM " + kind + " name must match [\\w+=,.@-]+ (got '"
                    + Printable.of(name) + "')");
        }
        int max = 64;
        if (name.length() > max) {
            throw new InvalidInputException(field, "IAM " + kind + " name must be at most " + max
                    + " characters (got " + name.length() + ")");
        }
    }
}
