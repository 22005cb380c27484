package dev.eksaccess.eks;

import dev.eksaccess.access.Partition;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.profiles.ProfileProperty;

/**
 * Which variant of the AWS endpoints to call: FIPS and/or dual-stack (IPv6), as the AWS SDK decides it (the
 * {@code aws.useFipsEndpoint} / {@code aws.useDualstackEndpoint} system properties, the
 * {@code AWS_USE_FIPS_ENDPOINT} / {@code AWS_USE_DUALSTACK_ENDPOINT} variables, then {@code use_fips_endpoint} /
 * {@code use_dualstack_endpoint} in the active profile: see {@link AwsSettings}). The SDK clients of
 * {@link AwsClients} are given the same values, so the calls made with and without SDK clients never go to
 * different variants.
 */
public record EndpointOptions(boolean fips, boolean dualStack) {
    /** Neither: the standard endpoints. */
    public static final EndpointOptions STANDARD = new EndpointOptions(false, false);

    private static final String FIPS_VARIABLE = "AWS_USE_FIPS_ENDPOINT";
    private static final String DUAL_STACK_VARIABLE = "AWS_USE_DUALSTACK_ENDPOINT";

    /** The options {@code env} asks for; see {@link AwsSettings#flag} for the sources and bad values. */
    public static EndpointOptions of(Environment env) {
        return of(new AwsSettings(env));
    }

    static EndpointOptions of(AwsSettings settings) {
        return new EndpointOptions(
                settings.flag("aws.useFipsEndpoint", FIPS_VARIABLE, ProfileProperty.USE_FIPS_ENDPOINT),
                settings.flag("aws.useDualstackEndpoint", DUAL_STACK_VARIABLE, ProfileProperty.USE_DUALSTACK_ENDPOINT));
    }

    /**
     * The host for a regional service, as the SDK's endpoint rules build it for EKS and SSM: {@code
     * <name>.<region>.<suffix>} with {@code -fips} after the name for FIPS and the partition's dual-stack
     * domain for dual-stack. FIPS alone in GovCloud is the standard host (those endpoints are FIPS already).
     */
    String regionalHost(String name, String region, Partition partition) {
        if (fips && !dualStack && partition == Partition.AWS_US_GOV) {
            return name + "." + region + "." + partition.dnsSuffix();
        }
        return name + (fips ? "-fips." : ".") + region + "."
                + (dualStack ? partition.dualStackDnsSuffix() : partition.dnsSuffix());
    }

    /**
     * Refuses an endpoint override together with FIPS or dual-stack, as the SDK clients do ("FIPS and custom
     * endpoint are not supported"): an override names one exact address, so the flags could not apply.
     */
    void checkOverride(String service, Optional<URI> override) {
        if (override.isPresent() && (fips || dualStack)) {
            throw new IllegalStateException((fips ? FIPS_VARIABLE : DUAL_STACK_VARIABLE) + " is set together with an "
                    + "endpoint override for " + service + " (AWS_ENDPOINT_URL_" + service.toUpperCase(Locale.ROOT)
                    + ", AWS_ENDPOINT_URL or an endpoint_url of the profile); the AWS SDK refuses that combination "
                    + "too: unset one of them");
        }
    }
}
