package dev.eksaccess.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a SAM template the way {@code sam local invoke} needs it: each function's handler and its
 * environment (Globals merged with the function's own), with {@code !Ref} and {@code !Sub} of
 * parameters and pseudo parameters resolved from parameter defaults. CloudFormation's short-form tags
 * are read as {@link Intrinsic} values instead of failing the YAML load.
 */
public final class SamTemplate {
    private static final Pattern SUB = Pattern.compile("\\$\\{([^}!]+)}");

    /** A short-form intrinsic such as {@code !Ref X} or {@code !GetAtt A.Arn}. */
    public record Intrinsic(String name, Object value) {
    }

    /**
     * One AWS::Serverless::Function.
     *
     * @param environment its variables as deployed (an {@code !If} that yields AWS::NoValue leaves one out)
     * @param declared    every variable the template names for it, deployed or not
     */
    public record Function(String logicalId, String handler, String runtime, Map<String, String> environment,
                           java.util.Set<String> declared) {
    }

    /**
     * One AWS::Serverless::StateMachine.
     *
     * @param substitutions DefinitionSubstitutions as written: strings, numbers, or {@link Intrinsic}s
     *                      ({@code !GetAtt F.Arn}, {@code !Ref P}); see {@link #referencedResource}
     */
    public record StateMachine(String logicalId, String definitionUri, Map<String, Object> substitutions) {
    }

    private final Map<String, Object> root;
    private final Map<String, Function> functions = new LinkedHashMap<>();
    private final Map<String, StateMachine> stateMachines = new LinkedHashMap<>();
    private final Map<String, String> refs = new LinkedHashMap<>();

    private SamTemplate(Map<String, Object> root, Map<String, String> pseudo) {
        this.root = root;
        refs.putAll(pseudo);
        map(root.get("Parameters")).forEach((name, p) -> {
            Object def = map(p).get("Default");
            if (def != null) {
                refs.put(name, String.valueOf(def));
            }
        });
        Map<String, Boolean> conditions = new LinkedHashMap<>();
        map(root.get("Conditions")).forEach((name, c) -> conditions.put(name, condition(c, refs, conditions)));
        Map<String, Object> globals = map(map(root.get("Globals")).get("Function"));
        map(root.get("Resources")).forEach((id, r) -> {
            Map<String, Object> resource = map(r);
            if ("AWS::Serverless::StateMachine".equals(resource.get("Type"))) {
                Map<String, Object> props = map(resource.get("Properties"));
                stateMachines.put(id, new StateMachine(id, String.valueOf(props.get("DefinitionUri")),
                        map(props.get("DefinitionSubstitutions"))));
                return;
            }
            if (!"AWS::Serverless::Function".equals(resource.get("Type"))) {
                return;
            }
            Map<String, Object> props = map(resource.get("Properties"));
            Map<String, String> env = new LinkedHashMap<>();
            java.util.Set<String> declared = new java.util.LinkedHashSet<>();
            for (Map<String, Object> source : List.of(globals, props)) {
                map(map(source.get("Environment")).get("Variables")).forEach((k, v) -> {
                    declared.add(k);
                    String value = resolve(v, refs, conditions);
                    if (value == null) {
                        env.remove(k);
                    } else {
                        env.put(k, value);
                    }
                });
            }
            Object runtime = props.getOrDefault("Runtime", globals.get("Runtime"));
            functions.put(id, new Function(id, String.valueOf(props.get("Handler")),
                    runtime == null ? null : String.valueOf(runtime), env, declared));
        });
    }

    /** Loads a template; pseudo parameters (AWS::Region, AWS::AccountId, AWS::Partition) from {@code pseudo}. */
    public static SamTemplate load(Path file, Map<String, String> pseudo) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Node node = new Compose(LoadSettings.builder().setLabel(file.toString()).build()).composeString(text)
                .orElseThrow(() -> new IllegalArgumentException(file + " is empty"));
        return new SamTemplate(map(toJava(node)), pseudo);
    }

    public Map<String, Function> functions() {
        return functions;
    }

    public Function function(String logicalId) {
        Function f = functions.get(logicalId);
        if (f == null) {
            throw new IllegalArgumentException("no AWS::Serverless::Function '" + logicalId + "' in the template; "
                    + "functions: " + String.join(", ", functions.keySet()));
        }
        return f;
    }

    public Map<String, StateMachine> stateMachines() {
        return stateMachines;
    }

    /** A parameter's default (or a pseudo parameter's given value), as {@code !Ref} resolves it here. */
    public String parameter(String name) {
        return refs.get(name);
    }

    /**
     * The logical id a {@code !GetAtt Id.Attribute} (either form), {@code !Ref Id} or SAM's
     * {@code !Ref Id.Alias} / {@code !Ref Id.Version} names, or null for any other value.
     */
    public static String referencedResource(Object value) {
        if (value instanceof Intrinsic i && (i.name().equals("GetAtt") || i.name().equals("Ref"))) {
            Object target = i.value() instanceof List<?> l && !l.isEmpty() ? l.get(0) : i.value();
            return String.valueOf(target).split("\\.")[0];
        }
        return null;
    }

    /** The raw template, intrinsics as {@link Intrinsic}. */
    public Map<String, Object> root() {
        return root;
    }

    /** A value, or null for AWS::NoValue. */
    private static String resolve(Object value, Map<String, String> refs, Map<String, Boolean> conditions) {
        if (value instanceof Intrinsic i && i.name().equals("If") && i.value() instanceof List<?> args && args.size() == 3) {
            boolean holds = Boolean.TRUE.equals(conditions.get(String.valueOf(args.get(0))));
            return resolve(args.get(holds ? 1 : 2), refs, conditions);
        }
        if (value instanceof Intrinsic i && i.name().equals("Ref") && "AWS::NoValue".equals(i.value())) {
            return null;
        }
        if (value instanceof Intrinsic i && i.name().equals("Ref")) {
            return refs.getOrDefault(String.valueOf(i.value()), "unresolved-" + i.value());
        }
        if (value instanceof Intrinsic i && i.name().equals("Sub") && i.value() instanceof String s) {
            Matcher m = SUB.matcher(s);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(refs.getOrDefault(m.group(1), "unresolved-" + m.group(1))));
            }
            m.appendTail(out);
            return out.toString();
        }
        if (value instanceof Intrinsic i) {
            return "unresolved-" + i.name() + "-" + i.value();
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return "unresolved-" + value;
        }
        return String.valueOf(value);
    }

    /** Evaluates a condition: Not, Equals, And, Or, Condition, over parameter defaults. */
    private static boolean condition(Object c, Map<String, String> refs, Map<String, Boolean> known) {
        if (!(c instanceof Intrinsic i)) {
            throw new IllegalArgumentException("unsupported condition " + c);
        }
        List<?> args = i.value() instanceof List<?> l ? l : List.of(i.value());
        return switch (i.name()) {
            case "Not" -> !condition(args.get(0), refs, known);
            case "And" -> args.stream().allMatch(a -> condition(a, refs, known));
            case "Or" -> args.stream().anyMatch(a -> condition(a, refs, known));
            case "Condition" -> Boolean.TRUE.equals(known.get(String.valueOf(i.value())));
            case "Equals" -> java.util.Objects.equals(resolve(args.get(0), refs, known), resolve(args.get(1), refs, known));
            default -> throw new IllegalArgumentException("unsupported condition function " + i.name());
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static Object toJava(Node node) {
        Object value;
        if (node instanceof ScalarNode s) {
            value = scalar(s);
        } else if (node instanceof SequenceNode seq) {
            List<Object> list = new ArrayList<>();
            seq.getValue().forEach(n -> list.add(toJava(n)));
            value = list;
        } else {
            Map<String, Object> m = new LinkedHashMap<>();
            for (NodeTuple t : ((MappingNode) node).getValue()) {
                m.put(String.valueOf(toJava(t.getKeyNode())), toJava(t.getValueNode()));
            }
            value = m;
        }
        String tag = node.getTag().getValue();
        return tag.startsWith("!") && !tag.startsWith("!!") ? new Intrinsic(tag.substring(1), value) : value;
    }

    private static Object scalar(ScalarNode s) {
        String v = s.getValue();
        if (s.isPlain()) {
            if (v.equals("true") || v.equals("false")) {
                return Boolean.valueOf(v);
            }
            if (v.matches("-?\\d{1,9}")) {
                return Integer.valueOf(v);
            }
        }
        return v;
    }
}
