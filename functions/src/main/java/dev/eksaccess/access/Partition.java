package dev.eksaccess.access;

import java.util.Arrays;
import java.util.stream.Collectors;

/** AWS partitions an IAM ARN may name. */
public enum Partition {
    AWS("aws", "", "amazonaws.com"),
    AWS_CN("aws-cn", "cn-", "amazonaws.com.cn"),
    AWS_US_GOV("aws-us-gov", "us-gov-", "amazonaws.com"),
    AWS_ISO("aws-iso", "us-iso-", "c2s.ic.gov"),
    AWS_ISO_B("aws-iso-b", "us-isob-", "sc2s.sgov.gov"),
    AWS_ISO_E("aws-iso-e", "eu-isoe-", "cloud.adc-e.uk"),
    AWS_ISO_F("aws-iso-f", "us-isof-", "csp.hci.ic.gov"),
    AWS_EUSC("aws-eusc", "eusc-", "amazonaws.eu");

    private final String id;
    private final String regionPrefix;
    private final String dnsSuffix;

    Partition(String id, String regionPrefix, String dnsSuffix) {
        this.id = id;
        this.regionPrefix = regionPrefix;
        this.dnsSuffix = dnsSuffix;
    }

    public String id() {
        return id;
    }

    /** Domain of the partition's endpoints (sts.REGION.SUFFIX); the SDK's partition metadata says the same. */
    public String dnsSuffix() {
        return dnsSuffix;
    }

    /**
     * The partition of a region code, from its prefix (cn-, us-gov-, us-iso-, ...; anything else is aws), as
     * the SDK's partition regexes decide. Written out so the token path needs no SDK region metadata, which
     * costs a short-lived CLI a few hundred classes.
     */
    public static Partition ofRegion(String region) {
        for (Partition p : values()) {
            if (!p.regionPrefix.isEmpty() && region.startsWith(p.regionPrefix)) {
                return p;
            }
        }
        return AWS;
    }

    public static Partition of(String field, String id) {
        for (Partition p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        throw new InvalidInputException(field, "unknown partition '" + Printable.of(id) + "'; expected one of "
                + Arrays.stream(values()).map(Partition::id).collect(Collectors.joining(", ")));
    }
}
