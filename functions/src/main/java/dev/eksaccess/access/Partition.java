package dev.eksaccess.access;

import java.util.Arrays;
import java.util.stream.Collectors;

/** AWS partitions an IAM ARN may name. */
public enum Partition {
    AWS("aws"),
    AWS_CN("aws-cn"),
    AWS_US_GOV("aws-us-gov"),
    AWS_ISO("aws-iso"),
    AWS_ISO_B("aws-iso-b"),
    AWS_ISO_E("aws-iso-e"),
    AWS_ISO_F("aws-iso-f"),
    AWS_EUSC("aws-eusc");

    private final String id;

    Partition(String id) {
        this.id = id;
    }

    public String id() {
        return id;
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
