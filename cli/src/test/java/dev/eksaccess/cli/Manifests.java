package dev.eksaccess.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The manifest fixtures in src/test/resources/manifests and how tests look at them. */
final class Manifests {
    /** Realistic aws-auth as kubectl prints it. */
    static final String AWS_AUTH = "aws-auth.yaml";
    static final String MALFORMED_MAP_ROLES = "malformed-maproles.yaml";
    static final String NOT_A_CONFIGMAP = "not-a-configmap.yaml";

    static final String NODE_ROLE =
            "arn:aws:iam::111122223333:role/eksctl-prod-nodegroup-ng-1-NodeInstanceRole-1A2B3C4D5E6F";
    static final String ADMIN_ROLE = "arn:aws:iam::111122223333:role/platform-admin";
    static final String SSO_ROLE_WITH_PATH = "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/"
            + "eu-west-1/AWSReservedSSO_Admin_0123456789abcdef";
    static final String SSO_ROLE = "arn:aws:iam::111122223333:role/AWSReservedSSO_Admin_0123456789abcdef";
    static final String ALICE = "arn:aws:iam::111122223333:user/alice";
    static final String ACCOUNT = "444455556666";

    private Manifests() {
    }

    /** Copies a fixture into {@code dir} as aws-auth.yaml, the name kubectl users give it. */
    static Path copy(String fixture, Path dir) {
        Path target = dir.resolve("aws-auth.yaml");
        try (InputStream in = Manifests.class.getResourceAsStream("/manifests/" + fixture)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + fixture);
            }
            Files.copy(in, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The manifest as kubectl reads it (YAML 1.1). */
    static Map<String, Object> read(Path file) {
        return Yaml11.loadMap(new String(bytes(file), StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Map<String, Object> manifest) {
        return (Map<String, Object>) manifest.get("data");
    }

    /** One aws-auth section's entries as the authenticator reads them. */
    static List<Map<String, Object>> section(Map<String, Object> manifest, String key) {
        return Yaml11.loadList((String) data(manifest).get(key));
    }

    /** The manifest without one data key: everything a change to that section must leave alone. */
    static Map<String, Object> without(Map<String, Object> manifest, String dataKey) {
        Map<String, Object> copy = new LinkedHashMap<>(manifest);
        Map<String, Object> data = new LinkedHashMap<>(data(manifest));
        data.remove(dataKey);
        copy.put("data", data);
        return copy;
    }

    static Map<String, Object> entry(String arnField, String arn, String username, String... groups) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put(arnField, arn);
        entry.put("username", username);
        entry.put("groups", List.of(groups));
        return entry;
    }
}
