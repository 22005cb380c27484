package dev.eksaccess.access;

import java.util.regex.Pattern;

/**
 * A cluster a request names: EKS name, region and (optionally) the account it lives in; without an
 * account it is the caller's own.
 */
public record ClusterRef(String name, String region, AccountId accountId) {
    private static final Pattern NAME = Pattern.compile("[0-9A-Za-z][A-Za-z0-9_-]{0,99}");
    /** e.g. eu-north-1, us-gov-west-1, us-isob-east-1, eusc-de-east-1. */
    private static final Pattern REGION = Pattern.compile("[a-z]{2,5}(-[a-z]+){1,3}-[1-9][0-9]?");

    public ClusterRef {
        checkName("name", name);
        checkRegion("region", region);
    }

    public static String checkName(String field, String name) {
        TextRules.requireClean(field, name, 100);
        if (!NAME.matcher(name).matches()) {
            throw new InvalidInputException(field, "EKS cluster name must be 1-100 letters, digits, '-' or '_', "
                    + "starting with a letter or digit (got '" + Printable.of(name) + "')");
        }
        return name;
    }

    public static String checkRegion(String field, String region) {
        TextRules.requireClean(field, region, 30);
        if (!REGION.matcher(region).matches()) {
            throw new InvalidInputException(field, "must be an AWS region code such as eu-north-1 (got '"
                    + Printable.of(region) + "')");
        }
        return region;
    }

    /** A short label for messages and logs: account/region/name, account omitted when implicit. */
    public String label() {
        return (accountId == null ? "" : accountId.value() + "/") + region + "/" + name;
    }
}
