package dev.eksaccess.cli;

import dev.eksaccess.access.InvalidInputException;
import dev.eksaccess.access.YamlScalars;
import java.util.LinkedHashMap;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.RepresentToNode;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.representer.StandardRepresenter;

/**
 * A ConfigMap manifest as {@code kubectl get cm aws-auth -n kube-system -o yaml} writes it. Everything
 * but the data and annotations we change is carried through as loaded.
 */
final class ConfigMapManifest {
    private final Map<String, Object> root;

    private ConfigMapManifest(Map<String, Object> root) {
        this.root = root;
    }

    static ConfigMapManifest parse(String source, String yaml) {
        Object loaded;
        try {
            loaded = new Load(LoadSettings.builder().setLabel(source).setAllowDuplicateKeys(false).build())
                    .loadFromString(yaml);
        } catch (YamlEngineException e) {
            throw new InvalidInputException("--file", source + " is not valid YAML: "
                    + e.getMessage().replace('\n', ' '));
        }
        if (!(loaded instanceof Map<?, ?> map) || !"ConfigMap".equals(map.get("kind"))) {
            throw new InvalidInputException("--file", source + " must be a ConfigMap manifest (kind: ConfigMap), "
                    + "as written by 'kubectl get cm aws-auth -n kube-system -o yaml'");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) map;
        stringMap(root, "data", source);
        Object metadata = root.get("metadata");
        if (metadata != null && !(metadata instanceof Map)) {
            throw new InvalidInputException("--file", source + ": metadata must be a mapping");
        }
        if (metadata instanceof Map<?, ?> meta) {
            stringMap(meta, "annotations", source);
        }
        return new ConfigMapManifest(root);
    }

    Map<String, String> data() {
        return stringMap(root, "data", "manifest");
    }

    Map<String, String> annotations() {
        return root.get("metadata") instanceof Map<?, ?> meta ? stringMap(meta, "annotations", "manifest") : Map.of();
    }

    /** A copy of this manifest with new data and annotations. */
    ConfigMapManifest with(Map<String, String> data, Map<String, String> annotations) {
        Map<String, Object> copy = new LinkedHashMap<>(root);
        copy.put("data", new LinkedHashMap<>(data));
        if (!annotations.isEmpty() || !annotations().isEmpty()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> meta = copy.get("metadata") instanceof Map<?, ?> m
                    ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
            meta.put("annotations", new LinkedHashMap<>(annotations));
            copy.put("metadata", meta);
        }
        return new ConfigMapManifest(copy);
    }

    String render() {
        DumpSettings settings = YamlScalars.blockDumpSettings();
        return new Dump(settings, new LiteralBlocks(settings)).dumpToString(root);
    }

    private static Map<String, String> stringMap(Map<?, ?> parent, String key, String source) {
        Object value = parent.get(key);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidInputException("--file", source + ": " + key + " must be a mapping of strings");
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String k) || !(e.getValue() instanceof String v)) {
                throw new InvalidInputException("--file", source + ": " + key + "." + e.getKey()
                        + " must be a string (quote it)");
            }
            result.put(k, v);
        }
        return result;
    }

    /**
     * Multi-line strings (the aws-auth sections) as literal blocks, the way kubectl shows them. kubectl
     * reads manifests as YAML 1.1, where a plain yes/on/0755/~ is a bool, number or null (and a label or
     * annotation that is not a string makes the manifest unusable); the dumper only knows YAML 1.2, so
     * single-line strings that 1.1 could read otherwise are double-quoted.
     */
    private static final class LiteralBlocks extends StandardRepresenter {
        LiteralBlocks(DumpSettings settings) {
            super(settings);
            RepresentToNode strings = data -> {
                String s = (String) data;
                ScalarStyle style = s.indexOf('\n') >= 0 ? ScalarStyle.LITERAL
                        : YamlScalars.needsQuotes(s) ? ScalarStyle.DOUBLE_QUOTED : ScalarStyle.PLAIN;
                return representScalar(Tag.STR, s, style);
            };
            representers.put(String.class, strings);
        }
    }
}
