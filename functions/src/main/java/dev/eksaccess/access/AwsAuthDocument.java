package dev.eksaccess.access;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parsed meaning of an aws-auth ConfigMap: its mapRoles, mapUsers and mapAccounts lists. Other
 * data keys are not part of the document; {@link #writeInto} leaves them, and every section that did
 * not change, exactly as they were.
 */
public record AwsAuthDocument(List<IdentityMapping> roles, List<IdentityMapping> users, List<String> accounts) {

    public static final AwsAuthDocument EMPTY = new AwsAuthDocument(List.of(), List.of(), List.of());
    /** Kubernetes limits a ConfigMap's data to 1 MiB. */
    public static final long MAX_CONFIGMAP_BYTES = 1024 * 1024;

    public AwsAuthDocument {
        // Lists read from text keep that text, so a change rewrites only the entries it changes.
        roles = roles instanceof SourcedMappings ? roles : List.copyOf(roles);
        users = users instanceof SourcedMappings ? users : List.copyOf(users);
        accounts = List.copyOf(accounts);
    }

    /**
     * Parses the ConfigMap's data. Every section must parse: the authenticator drops a broken section
     * whole, so we stop rather than work on a cluster whose aws-auth is already broken.
     */
    public static AwsAuthDocument parse(Map<String, String> data) {
        Map<String, String> d = data == null ? Map.of() : data;
        return new AwsAuthDocument(
                AwsAuthYaml.parseMappings(AwsAuthSection.MAP_ROLES, d.get(AwsAuthSection.MAP_ROLES.key())),
                AwsAuthYaml.parseMappings(AwsAuthSection.MAP_USERS, d.get(AwsAuthSection.MAP_USERS.key())),
                AwsAuthYaml.parseAccounts(d.get(AwsAuthSection.MAP_ACCOUNTS.key())));
    }

    /** The mapRoles or mapUsers list. */
    public List<IdentityMapping> mappings(AwsAuthSection section) {
        return switch (section) {
            case MAP_ROLES -> roles;
            case MAP_USERS -> users;
            case MAP_ACCOUNTS -> throw new IllegalArgumentException("mapAccounts holds account IDs, not mappings");
        };
    }

    public AwsAuthDocument withMappings(AwsAuthSection section, List<IdentityMapping> mappings) {
        return switch (section) {
            case MAP_ROLES -> new AwsAuthDocument(mappings, users, accounts);
            case MAP_USERS -> new AwsAuthDocument(roles, mappings, accounts);
            case MAP_ACCOUNTS -> throw new IllegalArgumentException("mapAccounts holds account IDs, not mappings");
        };
    }

    public AwsAuthDocument withAccounts(List<String> newAccounts) {
        return new AwsAuthDocument(roles, users, newAccounts);
    }

    /** The sections whose meaning differs between this document and {@code other}. */
    public Set<AwsAuthSection> sectionsDifferentFrom(AwsAuthDocument other) {
        Set<AwsAuthSection> changed = EnumSet.noneOf(AwsAuthSection.class);
        if (!roles.equals(other.roles)) {
            changed.add(AwsAuthSection.MAP_ROLES);
        }
        if (!users.equals(other.users)) {
            changed.add(AwsAuthSection.MAP_USERS);
        }
        if (!accounts.equals(other.accounts)) {
            changed.add(AwsAuthSection.MAP_ACCOUNTS);
        }
        return changed;
    }

    /**
     * Renders one section. The text is parsed back and compared before it is returned: a section that
     * does not round-trip is never written.
     */
    public String render(AwsAuthSection section) {
        String text;
        boolean same;
        if (section == AwsAuthSection.MAP_ACCOUNTS) {
            text = AwsAuthYaml.renderAccounts(accounts);
            same = AwsAuthYaml.parseAccounts(text).equals(accounts);
        } else {
            text = AwsAuthYaml.renderMappings(section, mappings(section));
            same = AwsAuthYaml.parseMappings(section, text).equals(mappings(section));
        }
        if (!same) {
            throw new IllegalStateException("rendered " + section.key()
                    + " does not parse back to the same entries; refusing to write it");
        }
        return text;
    }

    /**
     * Returns a copy of {@code data} with the sections that differ from {@code before} rendered from
     * this document; every other key keeps its exact original text.
     */
    public Map<String, String> writeInto(Map<String, String> data, AwsAuthDocument before) {
        Map<String, String> result = new LinkedHashMap<>(data == null ? Map.of() : data);
        for (AwsAuthSection section : sectionsDifferentFrom(before)) {
            result.put(section.key(), section == AwsAuthSection.MAP_ACCOUNTS
                    ? render(section) : renderChanges(section, before.mappings(section)));
        }
        long bytes = result.entrySet().stream()
                .mapToLong(e -> utf8Length(e.getKey()) + utf8Length(e.getValue())).sum();
        if (bytes > MAX_CONFIGMAP_BYTES) {
            // The API server would refuse it anyway; say why, before anything is sent.
            throw new AccessRefusedException("aws-auth data would be " + bytes + " bytes, over the 1 MiB ConfigMap "
                    + "limit; nothing was written (move identities to EKS access entries or fewer entries)");
        }
        return result;
    }

    /**
     * A changed mapRoles or mapUsers section. When {@code old} was read from block YAML, only the
     * entries between the first and the last change are rendered (and parsed back to check them); the
     * text of every entry before and after them is kept byte for byte, comments included. Entries of a
     * block list are read independently of each other (no anchors or aliases, which {@link MappingEvents}
     * leaves to the general reader), so the result reads as the kept entries plus the checked ones.
     * Otherwise the whole section is rendered and checked.
     */
    private String renderChanges(AwsAuthSection section, List<IdentityMapping> old) {
        List<IdentityMapping> now = mappings(section);
        if (!(old instanceof SourcedMappings sourced) || now.isEmpty()) {
            return render(section);
        }
        int n = old.size();
        int m = now.size();
        int prefix = 0;
        while (prefix < n && prefix < m && same(old.get(prefix), now.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < n - prefix && suffix < m - prefix && same(old.get(n - 1 - suffix), now.get(m - 1 - suffix))) {
            suffix++;
        }
        List<IdentityMapping> changed = now.subList(prefix, m - suffix);
        String replacement = "";
        if (!changed.isEmpty()) {
            replacement = AwsAuthYaml.renderMappings(section, changed);
            if (!AwsAuthYaml.parseMappings(section, replacement).equals(changed)) {
                throw new IllegalStateException("rendered " + section.key()
                        + " entries do not parse back to the same entries; refusing to write them");
            }
        }
        return sourced.splice(prefix, n - suffix, replacement);
    }

    private static boolean same(IdentityMapping a, IdentityMapping b) {
        return a == b || a.equals(b);
    }

    private static long utf8Length(String s) {
        return s == null ? 0 : s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /** A readable diff from this document to {@code after}, empty when they mean the same. */
    public String diffTo(AwsAuthDocument after) {
        return AwsAuthDiff.between(this, after);
    }

    /** Every entry, in section order, as a flat read-only view. */
    public List<ListedMapping> list() {
        List<ListedMapping> out = new ArrayList<>(roles.size() + users.size() + accounts.size());
        for (IdentityMapping m : roles) {
            out.add(ListedMapping.of(AwsAuthSection.MAP_ROLES, m));
        }
        for (IdentityMapping m : users) {
            out.add(ListedMapping.of(AwsAuthSection.MAP_USERS, m));
        }
        for (String account : accounts) {
            out.add(new ListedMapping("account", account, null, List.of(), false));
        }
        return out;
    }
}
