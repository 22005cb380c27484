package dev.eksaccess.cli;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.Schema;

/**
 * Reads YAML the way kubectl and aws-iam-authenticator do (go-yaml v2, YAML 1.1 rules): a plain
 * {@code yes}, {@code on}, {@code 0755} or {@code ~} is a bool, number or null there, not a string.
 * Tests compare what a manifest <em>means</em> to those readers, so a value that turned from string
 * into something else shows up as a difference.
 */
final class Yaml11 {
    /** A plain scalar that YAML 1.1 reads as a bool or number; kept as text so it compares exactly. */
    record Typed(String tag, String text) {
    }

    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
    private static final Pattern BOOL = Pattern.compile(
            "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
    private static final Pattern INT = Pattern.compile("[-+]?(0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*)");
    private static final Pattern FLOAT = Pattern.compile(
            "[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

    private static final ScalarResolver RESOLVER = (value, plain) -> {
        if (!plain) {
            return Tag.STR;
        }
        if (NULL.matcher(value).matches()) {
            return Tag.NULL;
        }
        if (BOOL.matcher(value).matches()) {
            return Tag.BOOL;
        }
        if (INT.matcher(value).matches()) {
            return Tag.INT;
        }
        return FLOAT.matcher(value).matches() ? Tag.FLOAT : Tag.STR;
    };

    private static final Schema SCHEMA = new Schema() {
        @Override
        public ScalarResolver getScalarResolver() {
            return RESOLVER;
        }

        @Override
        public Map<Tag, ConstructNode> getSchemaTagConstructors() {
            return Map.of(
                    Tag.NULL, node -> null,
                    Tag.BOOL, node -> new Typed("bool", ((ScalarNode) node).getValue()),
                    Tag.INT, node -> new Typed("int", ((ScalarNode) node).getValue()),
                    Tag.FLOAT, node -> new Typed("float", ((ScalarNode) node).getValue()));
        }
    };

    private Yaml11() {
    }

    static Object load(String yaml) {
        return new Load(LoadSettings.builder().setSchema(SCHEMA).build()).loadFromString(yaml);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> loadMap(String yaml) {
        return (Map<String, Object>) load(yaml);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> loadList(String yaml) {
        return (List<Map<String, Object>>) load(yaml);
    }
}
