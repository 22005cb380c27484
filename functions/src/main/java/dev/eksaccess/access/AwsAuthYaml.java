package dev.eksaccess.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.RepresentToNode;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.representer.StandardRepresenter;

/** Reads and writes the YAML lists inside the aws-auth data keys, with the authenticator's rules. */
final class AwsAuthYaml {
    /** Values the authenticator treats as an empty section. */
    private static final Set<String> EMPTY_FORMS = Set.of("", "\"\"", "''", "``", "[]", "~", "null");

    private AwsAuthYaml() {
    }

    static List<IdentityMapping> parseMappings(AwsAuthSection section, String text) {
        if (isEmptyForm(text)) {
            return List.of();
        }
        List<IdentityMapping> plain = MappingEvents.read(section, text, loadSettings(section));
        return plain != null ? plain : parseMappingsInFull(section, text);
    }

    /** The general reader behind {@link MappingEvents}: composes and constructs the whole YAML. */
    static List<IdentityMapping> parseMappingsInFull(AwsAuthSection section, String text) {
        List<?> items = loadList(section, text);
        List<IdentityMapping> result = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            result.add(toMapping(section, i, items.get(i)));
        }
        return result;
    }

    static List<String> parseAccounts(String text) {
        List<?> items = loadList(AwsAuthSection.MAP_ACCOUNTS, text);
        List<String> result = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (item instanceof String || item instanceof Number) {
                result.add(item.toString());
            } else {
                throw new MalformedAwsAuthException(AwsAuthSection.MAP_ACCOUNTS,
                        "entry " + (i + 1) + " must be an account ID string, got " + describe(item));
            }
        }
        return result;
    }

    static String renderMappings(AwsAuthSection section, List<IdentityMapping> mappings) {
        if (mappings.isEmpty()) {
            return "[]\n";
        }
        List<Map<String, Object>> items = new ArrayList<>(mappings.size());
        for (IdentityMapping m : mappings) {
            items.add(toYamlMap(section, m));
        }
        return dump(items, false);
    }

    static String renderAccounts(List<String> accounts) {
        return accounts.isEmpty() ? "[]\n" : dump(accounts, true);
    }

    /** One entry as block YAML, for diffs. */
    static String renderEntry(AwsAuthSection section, IdentityMapping mapping) {
        return dump(List.of(toYamlMap(section, mapping)), false);
    }

    static String renderAccount(String account) {
        return dump(List.of(account), true);
    }

    private static Map<String, Object> toYamlMap(AwsAuthSection section, IdentityMapping m) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (m.arn() != null) {
            map.put(section.arnField(), m.arn());
        }
        if (m.username() != null) {
            map.put("username", m.username());
        }
        if (!m.groups().isEmpty()) {
            map.put("groups", m.groups());
        }
        map.putAll(m.extra());
        return map;
    }

    private static boolean isEmptyForm(String text) {
        if (text == null) {
            return true;
        }
        // Without copying or hashing the whole text: sections run to hundreds of kilobytes.
        int from = 0;
        int to = text.length();
        while (from < to && Character.isWhitespace(text.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
            to--;
        }
        return to - from <= 4 && EMPTY_FORMS.contains(text.substring(from, to));
    }

    private static List<?> loadList(AwsAuthSection section, String text) {
        if (isEmptyForm(text)) {
            return List.of();
        }
        Object root;
        try {
            root = new Load(loadSettings(section)).loadFromString(text);
        } catch (YamlEngineException e) {
            throw new MalformedAwsAuthException(section, firstLine(e.getMessage()));
        }
        if (root == null) {
            return List.of();
        }
        if (!(root instanceof List<?> list)) {
            throw new MalformedAwsAuthException(section, "must be a YAML list, got " + describe(root));
        }
        return list;
    }

    private static LoadSettings loadSettings(AwsAuthSection section) {
        return LoadSettings.builder()
                .setLabel(section.key())
                .setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(50)
                .build();
    }

    private static IdentityMapping toMapping(AwsAuthSection section, int index, Object item) {
        String where = "entry " + (index + 1);
        if (!(item instanceof Map<?, ?> map)) {
            throw new MalformedAwsAuthException(section, where + " must be a mapping, got " + describe(item));
        }
        String arn = null;
        String username = null;
        List<String> groups = null;
        Map<String, Object> extra = new LinkedHashMap<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new MalformedAwsAuthException(section, where + " has a non-string key " + describe(e.getKey()));
            }
            // YAML 1.1 (the authenticator) merges "<<" into the entry; YAML 1.2 (us) reads a plain field, so
            // we would miss the rolearn it brings in and a revoke would leave that access in place.
            if (key.equals("<<")) {
                throw new MalformedAwsAuthException(section, where + " uses a YAML merge key (<<), which the "
                        + "authenticator expands and eks-access cannot; write the entry out in full");
            }
            // The authenticator decodes through encoding/json, which matches field names case-insensitively.
            String lower = key.toLowerCase(Locale.ROOT);
            boolean known = lower.equals(section.arnField()) || lower.equals("username") || lower.equals("groups");
            if (known && !seen.add(lower)) {
                throw new MalformedAwsAuthException(section, where + " has field '" + lower + "' twice (in different case)");
            }
            Object value = e.getValue();
            if (lower.equals(section.arnField())) {
                arn = requireString(section, where, lower, value);
            } else if (lower.equals("username")) {
                username = requireString(section, where, lower, value);
            } else if (lower.equals("groups")) {
                groups = requireStringList(section, where, value);
            } else {
                extra.put(key, value);
            }
        }
        return new IdentityMapping(arn, username, groups, extra);
    }

    private static String requireString(AwsAuthSection section, String where, String field, Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw new MalformedAwsAuthException(section, where + " field '" + field + "' must be a string, got "
                    + describe(value));
        }
        return s;
    }

    private static List<String> requireStringList(AwsAuthSection section, String where, Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new MalformedAwsAuthException(section, where + " field 'groups' must be a list of strings, got "
                    + describe(value));
        }
        List<String> groups = new ArrayList<>(list.size());
        for (Object g : list) {
            if (!(g instanceof String s)) {
                throw new MalformedAwsAuthException(section, where + " field 'groups' must hold only strings, got "
                        + describe(g));
            }
            groups.add(s);
        }
        return groups;
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid YAML";
        }
        return Printable.of(message.replace('\n', ' ').replaceAll("\\s+", " ").strip());
    }

    private static String dump(Object value, boolean quoteAll) {
        DumpSettings settings = YamlScalars.blockDumpSettings();
        return new Dump(settings, new Representer(settings, quoteAll)).dumpToString(value);
    }

    /** Chooses a quoting style per string so both YAML 1.1 and 1.2 readers see a string. */
    private static final class Representer extends StandardRepresenter {
        Representer(DumpSettings settings, boolean quoteAll) {
            super(settings);
            RepresentToNode strings = data -> {
                String s = (String) data;
                boolean quote = quoteAll || YamlScalars.needsQuotes(s);
                return representScalar(Tag.STR, s, quote ? ScalarStyle.DOUBLE_QUOTED : ScalarStyle.PLAIN);
            };
            representers.put(String.class, strings);
        }
    }
}
