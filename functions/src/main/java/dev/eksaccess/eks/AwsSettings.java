package dev.eksaccess.eks;

import dev.eksaccess.access.Printable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileSystemSetting;
import software.amazon.awssdk.profiles.ProfileProperty;

/**
 * Settings the AWS SDK clients read for themselves, read the same way for the calls made without them
 * ({@link SignedAwsCalls}) and handed to the SDK clients explicitly, so that both always agree: endpoint URLs
 * ({@link #endpointUrl}) and the FIPS and dual-stack flags ({@link EndpointOptions}). For the real process
 * environment the sources are, as in the SDK, system properties, then variables, then the active profile of
 * the shared config file ({@code AWS_PROFILE}, else {@code default}; read once, on first use: Lambda has none,
 * and a warm invocation reads no file). An injected {@link Environment} (sandbox, tests) holds everything: no
 * system property or profile counts there.
 */
final class AwsSettings {
    private final Environment env;
    private volatile ActiveProfile profile;

    private record ActiveProfile(ProfileFile file, String name, Optional<Profile> profile) {
    }

    AwsSettings(Environment env) {
        this.env = env;
    }

    /**
     * A true/false setting, false where nothing sets it. Anything other than true or false (any case) is an
     * error naming where it was set, as in the SDK, rather than silently false.
     */
    boolean flag(String property, String variable, String profileProperty) {
        Optional<String> fromProperty = systemProperty(property);
        if (fromProperty.isPresent()) {
            return parse(fromProperty.get(), "system property " + property);
        }
        Optional<String> fromVariable = env.get(variable);
        if (fromVariable.isPresent()) {
            return parse(fromVariable.get(), "environment variable " + variable);
        }
        return profileProperty(profileProperty)
                .map(v -> parse(v, profileProperty + " in profile " + activeProfile().name())).orElse(false);
    }

    /**
     * Where a service's requests go instead of its AWS endpoint, as the SDK resolves it: the system properties
     * {@code aws.endpointUrl<Service>} and {@code aws.endpointUrl}, the variables {@code AWS_ENDPOINT_URL_<SERVICE>}
     * and {@code AWS_ENDPOINT_URL}, the {@code <service>.endpoint_url} of the profile's {@code [services ...]}
     * section or of the profile itself, and the profile's {@code endpoint_url}; none of them when
     * {@code ignore_configured_endpoint_urls} (or its property or variable) is true. {@code service} is the
     * variable's suffix (STS, EKS, SSO_ADMIN, ...).
     */
    Optional<URI> endpointUrl(String service) {
        if (flag("aws.ignoreConfiguredEndpointUrls", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
                ProfileProperty.IGNORE_CONFIGURED_ENDPOINT_URLS)) {
            return Optional.empty();
        }
        String variable = "AWS_ENDPOINT_URL_" + service.toUpperCase(Locale.ROOT);
        String property = "aws.endpointUrl" + pascalCase(service);
        String profileKey = service.toLowerCase(Locale.ROOT) + "." + ProfileProperty.ENDPOINT_URL;
        List<Source> sources = List.of(
                new Source(() -> "system property " + property, () -> systemProperty(property)),
                new Source(() -> "system property aws.endpointUrl", () -> systemProperty("aws.endpointUrl")),
                new Source(() -> "environment variable " + variable, () -> env.get(variable)),
                new Source(() -> "environment variable AWS_ENDPOINT_URL", () -> env.get("AWS_ENDPOINT_URL")),
                new Source(() -> profileKey + " in the services section of profile " + activeProfile().name(),
                        () -> servicesProperty(profileKey)),
                new Source(() -> profileKey + " in profile " + activeProfile().name(),
                        () -> profileProperty(profileKey)),
                new Source(() -> ProfileProperty.ENDPOINT_URL + " in profile " + activeProfile().name(),
                        () -> profileProperty(ProfileProperty.ENDPOINT_URL)));
        for (Source source : sources) {
            Optional<String> value = source.value().get();
            if (value.isPresent()) {
                try {
                    return Optional.of(new URI(value.get().strip()));
                } catch (URISyntaxException e) {
                    throw new IllegalStateException(source.where().get() + " is not a URL ('"
                            + Printable.of(value.get()) + "')", e);
                }
            }
        }
        return Optional.empty();
    }

    /** SSO_ADMIN -> SsoAdmin, as the SDK names its endpoint system properties. */
    private static String pascalCase(String service) {
        StringBuilder name = new StringBuilder(service.length());
        boolean wordStart = true;
        for (char c : service.toCharArray()) {
            if (c == '_') {
                wordStart = true;
            } else {
                name.append(wordStart ? Character.toUpperCase(c) : Character.toLowerCase(c));
                wordStart = false;
            }
        }
        return name.toString();
    }

    /** Where a setting may come from, in the order it is looked for; both parts asked for only when needed. */
    private record Source(Supplier<String> where, Supplier<Optional<String>> value) {
    }

    private Optional<String> systemProperty(String property) {
        if (!env.isSystem()) {
            return Optional.empty();
        }
        String value = System.getProperty(property);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private Optional<String> profileProperty(String property) {
        return env.isSystem() ? activeProfile().profile().flatMap(p -> p.property(property)) : Optional.empty();
    }

    /** A property of the {@code [services <name>]} section the active profile names in {@code services}. */
    private Optional<String> servicesProperty(String property) {
        if (!env.isSystem()) {
            return Optional.empty();
        }
        ActiveProfile active = activeProfile();
        return active.profile().flatMap(p -> p.property("services"))
                .flatMap(section -> active.file().getSection("services", section))
                .flatMap(s -> s.property(property));
    }

    private ActiveProfile activeProfile() {
        ActiveProfile active = profile;
        if (active == null) {
            ProfileFile file = ProfileFile.defaultProfileFile();
            String name = ProfileFileSystemSetting.AWS_PROFILE.getStringValueOrThrow();
            active = new ActiveProfile(file, name, file.profile(name));
            profile = active;
        }
        return active;
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
