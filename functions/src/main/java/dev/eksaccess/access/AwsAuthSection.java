package dev.eksaccess.access;

/** The three data keys of the aws-auth ConfigMap the authenticator reads. Keys are case-sensitive. */
public enum AwsAuthSection {
    MAP_ROLES("mapRoles", "rolearn"),
    MAP_USERS("mapUsers", "userarn"),
    MAP_ACCOUNTS("mapAccounts", null);

    private final String key;
    private final String arnField;

    AwsAuthSection(String key, String arnField) {
        this.key = key;
        this.arnField = arnField;
    }

    /** The ConfigMap data key. */
    public String key() {
        return key;
    }

    /** The lowercase ARN field of an entry, null for mapAccounts. */
    public String arnField() {
        return arnField;
    }
}
