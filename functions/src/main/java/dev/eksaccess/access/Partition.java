package dev.eksaccess.access;

import java.util.Arrays;
import java.util.stream.Collectors;

/** AWS partitions an IAM ARN may name. */
public enum Partition {
    AWS("aws", "", "amazonaws.com", "api.aws"),
    AWS_CN("aws-cn", "cn-", "amazonaws.com.cn", "api.amazonwebservices.com.cn"),
    AWS_US_GOV("aws-us-gov", "us-gov-", "amazonaws.com", "api.aws"),
    AWS_ISO("aws-iso", "us-iso-", "c2s.ic.gov", "api.aws.ic.gov"),
    AWS_ISO_B("aws-iso-b", "us-isob-", "sc2s.sgov.gov", "api.aws.scloud"),
    AWS_ISO_E("aws-iso-e", "eu-isoe-", "cloud.adc-e.uk", "api.cloud-aws.adc-e.uk"),
    AWS_ISO_F("aws-iso-f", "us-isof-", "csp.hci.ic.gov", "api.aws.hci.ic.gov"),
    AWS_EUSC("aws-eusc", "eusc-", "amazonaws.eu", "api.amazonwebservices.eu");

    private final String id;
    private final String regionPrefix;
    private final String dnsSuffix;
    private final String dualStackDnsSuffix;

    Partition(String id, String regionPrefix, String dnsSuffix, String dualStackDnsSuffix) {
        this.id = id;
        this.regionPrefix = regionPrefix;
        this.dnsSuffix = dnsSuffix;
        this.dualStackDnsSuffix = dualStackDnsSuffix;
    }

    public String id() {
        return id;
    }

    /** Domain of the partition's endpoints (sts.REGION.SUFFIX); the SDK's partition metadata says the same. */
    public String dnsSuffix() {
        return dnsSuffix;
    }

    /** Domain of the partition's dual-stack (IPv6) endpoints, as the SDK's partition metadata gives it. */
    public String dualStackDnsSuffix() {
        return dualStackDnsSuffix;
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
