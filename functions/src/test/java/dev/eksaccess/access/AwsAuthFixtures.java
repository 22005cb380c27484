package dev.eksaccess.access;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Loads the aws-auth ConfigMap {@code data:} fixtures in src/test/resources/aws-auth and names common ARNs. */
final class AwsAuthFixtures {
    static final String SSO_ADMIN_NAME = "AWSReservedSSO_AdministratorAccess_0123456789abcdef";
    /** The SSO role as IAM reports it, with the regional reserved path. */
    static final String SSO_ADMIN_REGIONAL =
            "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/" + SSO_ADMIN_NAME;
    /** The SSO role with the older, region-less reserved path. */
    static final String SSO_ADMIN_GLOBAL = "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/" + SSO_ADMIN_NAME;
    /** The SSO role as aws-auth must name it: no path. */
    static final String SSO_ADMIN = "arn:aws:iam::111122223333:role/" + SSO_ADMIN_NAME;

    private AwsAuthFixtures() {
    }

    /** The fixture's data block as an unmodifiable map, in file order (so tests also catch mutation). */
    static Map<String, String> fixture(String fileName) {
        try (InputStream in = AwsAuthFixtures.class.getResourceAsStream("/aws-auth/" + fileName)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture aws-auth/" + fileName);
            }
            Object root = new Load(LoadSettings.builder().build()).loadFromInputStream(in);
            Map<String, String> data = new LinkedHashMap<>();
            if (root instanceof Map<?, ?> map) {
                map.forEach((k, v) -> {
                    if (!(k instanceof String key) || !(v instanceof String value)) {
                        throw new IllegalArgumentException(fileName + ": data must map string keys to strings, got "
                                + k + " -> " + v);
                    }
                    data.put(key, value);
                });
            } else if (root != null) {
                throw new IllegalArgumentException(fileName + ": a fixture is a YAML map of data keys");
            }
            return Collections.unmodifiableMap(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** File names of every fixture, sorted; {@code malformed-*} ones are sections eks-access must refuse. */
    static List<String> allFixtureNames() {
        URL dir = AwsAuthFixtures.class.getResource("/aws-auth");
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> wellFormedFixtureNames() {
        return allFixtureNames().stream().filter(n -> !n.startsWith("malformed-")).toList();
    }

    static AccessPlan plan(Map<String, String> data, AccessChange change) {
        return AccessPlanner.plan(AwsAuthDocument.parse(data), change);
    }

    static AccessChange.GrantIdentity grant(String arn, String username, String... groups) {
        return AccessChange.GrantIdentity.of(arn, username, List.of(groups));
    }

    static AccessChange.RevokeIdentity revoke(String arn) {
        return AccessChange.RevokeIdentity.of(arn);
    }

    static AccessChange.GrantAccount grantAccount(String account) {
        return new AccessChange.GrantAccount(AccountId.of("account", account));
    }

    static AccessChange.RevokeAccount revokeAccount(String account) {
        return new AccessChange.RevokeAccount(AccountId.of("account", account));
    }

    /** What the authenticator would read back from the written data. */
    static AwsAuthDocument reparse(Map<String, String> written) {
        return AwsAuthDocument.parse(written);
    }

    static List<String> arns(List<IdentityMapping> mappings) {
        return mappings.stream().map(IdentityMapping::arn).toList();
    }

    /** The one entry with exactly this ARN; fails if there is none or more than one. */
    static IdentityMapping entry(List<IdentityMapping> mappings, String arn) {
        List<IdentityMapping> found = mappings.stream().filter(m -> arn.equals(m.arn())).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected exactly one entry for " + arn + ", found " + found.size() + " in "
                    + mappings);
        }
        return found.get(0);
    }
}
