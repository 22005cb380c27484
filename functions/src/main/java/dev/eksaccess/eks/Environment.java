package dev.eksaccess.eks;

import java.util.Map;
import java.util.Optional;

/**
 * The variables a function runs with. Lambda gives them as the process environment; the sandbox and
 * tests hand in a map, so that one process can run several "functions" with different settings.
 */
public final class Environment {
    private final Map<String, String> vars;
    private final boolean system;

    private Environment(Map<String, String> vars, boolean system) {
        this.vars = Map.copyOf(vars);
        this.system = system;
    }

    public static Environment system() {
        return new Environment(System.getenv(), true);
    }

    public static Environment of(Map<String, String> vars) {
        return new Environment(vars, false);
    }

    /** True when these are the real process variables (the AWS SDK sees the same ones). */
    public boolean isSystem() {
        return system;
    }

    public Optional<String> get(String name) {
        String value = vars.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    public String get(String name, String fallback) {
        return get(name).orElse(fallback);
    }

    public int getInt(String name, int fallback, int min, int max) {
        Optional<String> value = get(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed < min || parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalStateException("environment variable " + name + " must be a whole number from " + min
                    + " to " + max + " (got '" + value.get() + "')");
        }
    }

    public Map<String, String> asMap() {
        return vars;
    }
}
