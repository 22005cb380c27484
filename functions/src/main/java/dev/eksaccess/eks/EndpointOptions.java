package dev.eksaccess.eks;

import dev.eksaccess.access.Partition;
import dev.eksaccess.access.Printable;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileSystemSetting;
import software.amazon.awssdk.profiles.ProfileProperty;

/**
 * Which variant of the AWS endpoints to call: FIPS and/or dual-stack (IPv6). Read as the AWS SDK reads them,
 * first setting found wins: the {@code aws.useFipsEndpoint} / {@code aws.useDualstackEndpoint} system
 * properties, the {@code AWS_USE_FIPS_ENDPOINT} / {@code AWS_USE_DUALSTACK_ENDPOINT} variables, then
 * {@code use_fips_endpoint} / {@code use_dualstack_endpoint} in the active profile of the shared config
 * file. System properties and the profile count for the real process environment only: an injected
 * {@link Environment} (sandbox, tests) holds everything. The SDK clients of {@link AwsClients} are given the
 * same values, so the calls made with and without SDK clients never go to different variants.
 */
public record EndpointOptions(boolean fips, boolean dualStack) {
    /** Neither: the standard endpoints. */
    public static final EndpointOptions STANDARD = new EndpointOptions(false, false);

    private static final String FIPS_VARIABLE = "AWS_USE_FIPS_ENDPOINT";
    private static final String DUAL_STACK_VARIABLE = "AWS_USE_DUALSTACK_ENDPOINT";

    /**
     * The options {@code env} asks for. A value other than true or false (any case) is an error naming where
     * it was set, as in the SDK, rather than silently the standard endpoint.
     */
    public static EndpointOptions of(Environment env) {
        return new EndpointOptions(
                setting(env, "aws.useFipsEndpoint", FIPS_VARIABLE, ProfileProperty.USE_FIPS_ENDPOINT),
                setting(env, "aws.useDualstackEndpoint", DUAL_STACK_VARIABLE, ProfileProperty.USE_DUALSTACK_ENDPOINT));
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
                    + " or AWS_ENDPOINT_URL); the AWS SDK refuses that combination too: unset one of them");
        }
    }

    private static boolean setting(Environment env, String property, String variable, String profileProperty) {
        if (env.isSystem()) {
            String fromProperty = System.getProperty(property);
            if (fromProperty != null && !fromProperty.isBlank()) {
                return parse(fromProperty, "system property " + property);
            }
        }
        Optional<String> fromVariable = env.get(variable);
        if (fromVariable.isPresent()) {
            return parse(fromVariable.get(), "environment variable " + variable);
        }
        if (!env.isSystem()) {
            return false;
        }
        String profile = ProfileFileSystemSetting.AWS_PROFILE.getStringValueOrThrow();
        Optional<String> fromProfile = ProfileFile.defaultProfileFile().profile(profile)
                .flatMap(p -> p.property(profileProperty));
        return fromProfile.map(v -> parse(v, profileProperty + " in profile " + profile)).orElse(false);
    }

    private static boolean parse(String value, String where) {
        String v = value.strip();
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalStateException(where + " must be true or false (got '" + Printable.of(v) + "')");
    }
}
