package dev.eksaccess.access;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Where a cluster's Kubernetes identities live: the aws-auth ConfigMap, or EKS access entries. AUTO
 * picks from the cluster's authentication mode, so one request or policy can cover a mixed fleet.
 */
public enum Backend {
    AUTO("auto"),
    AWS_AUTH("aws-auth"),
    ACCESS_ENTRIES("access-entries");

    public static final String CONFIG_MAP = "CONFIG_MAP";
    public static final String API = "API";
    public static final String API_AND_CONFIG_MAP = "API_AND_CONFIG_MAP";

    private final String label;

    Backend(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Parses a request or policy value; null means AUTO. */
    public static Backend of(String field, String value) {
        if (value == null) {
            return AUTO;
        }
        for (Backend b : values()) {
            if (b.label.equals(value)) {
                return b;
            }
        }
        throw new InvalidInputException(field, "must be one of " + Arrays.stream(values()).map(Backend::label)
                .collect(Collectors.joining(", ")) + " (got '" + Printable.of(value) + "')");
    }

    /**
     * The backend that {@code change} uses on a cluster in {@code authenticationMode}. A forced backend the
     * cluster does not read is refused rather than written where it would have no effect: EKS ignores
     * aws-auth in API mode and serves no access-entry API in CONFIG_MAP mode.
     */
    public Backend on(String cluster, String authenticationMode, AccessChange change) {
        String mode = authenticationMode == null ? CONFIG_MAP : authenticationMode;
        boolean readsAwsAuth = !API.equals(mode);
        boolean servesEntries = API.equals(mode) || API_AND_CONFIG_MAP.equals(mode);
        boolean accountChange = change instanceof AccessChange.GrantAccount || change instanceof AccessChange.RevokeAccount;
        Backend chosen = this;
        if (this == AUTO) {
            // mapAccounts has no access-entry form, so an account change stays in aws-auth while EKS reads it.
            chosen = servesEntries && !(accountChange && readsAwsAuth) ? ACCESS_ENTRIES : AWS_AUTH;
        }
        if (chosen == AWS_AUTH && !readsAwsAuth) {
            throw new AccessRefusedException("cluster " + cluster + " authenticates with access entries only "
                    + "(authentication mode API); EKS ignores aws-auth there, so use backend access-entries");
        }
        if (chosen == ACCESS_ENTRIES && !servesEntries) {
            throw new AccessRefusedException("cluster " + cluster + " authenticates with aws-auth only "
                    + "(authentication mode " + mode + "); switch it to API_AND_CONFIG_MAP to use access entries");
        }
        if (chosen == ACCESS_ENTRIES && accountChange) {
            throw new AccessRefusedException("mapAccounts has no access-entry equivalent: cluster " + cluster
                    + " cannot map a whole account" + (readsAwsAuth ? "; use backend aws-auth" : ""));
        }
        return chosen;
    }
}
