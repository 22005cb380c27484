package dev.eksaccess.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JVM system properties changed for a test and put back afterwards: every property set or cleared through
 * this object gets its earlier value (or its absence) back on {@link #close}.
 *
 * <pre>{@code
 * try (SystemProperties props = new SystemProperties()) {
 *     props.set("aws.profile", "test");
 *     ...
 * }
 * }</pre>
 */
public final class SystemProperties implements AutoCloseable {
    private final Map<String, String> saved = new LinkedHashMap<>();

    /** Sets {@code name} to {@code value} until {@link #close}. */
    public SystemProperties set(String name, String value) {
        remember(name);
        System.setProperty(name, value);
        return this;
    }

    /** Removes {@code name} until {@link #close}. */
    public SystemProperties clear(String name) {
        remember(name);
        System.clearProperty(name);
        return this;
    }

    private void remember(String name) {
        if (!saved.containsKey(name)) {
            saved.put(name, System.getProperty(name));
        }
    }

    /** Puts every property touched back as it was. */
    @Override
    public void close() {
        saved.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
        saved.clear();
    }
}
