package dev.eksaccess.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.testkit.SamTemplate;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every function in template.yaml can start from the jar SAM deploys: its handler class is in the
 * shaded jar, is public with a public no-argument constructor, and is a Lambda RequestStreamHandler.
 * The jar is opened in its own class loader, so nothing from the test classpath can stand in for it.
 */
class TemplateHandlersIT {
    static final Path TEMPLATE = Path.of("..", "template.yaml");

    @Test
    void everyHandlerInTheTemplateIsInTheDeployedJar() throws Exception {
        Path jar = Path.of(System.getProperty("eksaccess.functions.jar", "target/eks-access-functions.jar"));
        assertTrue(Files.isRegularFile(jar), jar + " was not built");
        SamTemplate template = SamTemplate.load(TEMPLATE, Map.of("AWS::Region", "eu-north-1"));
        assertFalse(template.functions().isEmpty());
        Map<String, Object> globals = castMap(castMap(template.root().get("Globals")).get("Function"));
        assertEquals("functions/target/" + jar.getFileName(), globals.get("CodeUri"), "CodeUri names the shaded jar");

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> streamHandler = loader.loadClass("com.amazonaws.services.lambda.runtime.RequestStreamHandler");
            for (SamTemplate.Function f : template.functions().values()) {
                assertEquals("java21", f.runtime(), f.logicalId());
                String[] parts = f.handler().split("::");
                assertEquals(2, parts.length, f.logicalId() + " Handler must be Class::method");
                Class<?> handler = Class.forName(parts[0], false, loader);
                assertTrue(Modifier.isPublic(handler.getModifiers()), f.handler());
                assertTrue(streamHandler.isAssignableFrom(handler), f.handler() + " is not a RequestStreamHandler");
                assertTrue(Modifier.isPublic(handler.getConstructor().getModifiers()), f.handler());
                assertEquals("handleRequest", parts[1]);
            }
        }
    }

    /**
     * Lambda hands JAVA_TOOL_OPTIONS to the JVM before any of our code runs: an option this JDK refuses
     * (CICompilerCount=1 without TieredStopAtLevel=1, a misspelt flag) would stop every function at init.
     * Each function's value is tried on this build's JVM (17; Lambda runs 21, which has the same flags): it
     * must start, and every option must show in the flags it ends up with.
     */
    @Test
    void everyFunctionsJavaToolOptionsStartAJvm() throws Exception {
        SamTemplate template = SamTemplate.load(TEMPLATE, Map.of("AWS::Region", "eu-north-1"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // One JVM per distinct value (the functions share Globals'), named after the functions that use it.
        Map<String, String> functionsByOptions = new TreeMap<>();
        for (SamTemplate.Function f : template.functions().values()) {
            String options = f.environment().get("JAVA_TOOL_OPTIONS");
            assertNotNull(options, f.logicalId() + " has no JAVA_TOOL_OPTIONS");
            functionsByOptions.merge(options, f.logicalId(), (a, b) -> a + ", " + b);
        }
        for (Map.Entry<String, String> e : functionsByOptions.entrySet()) {
            String options = e.getKey();
            String functions = e.getValue();
            ProcessBuilder pb = new ProcessBuilder(java.toString(), "-XX:+PrintFlagsFinal", "-version")
                    .redirectErrorStream(true);
            pb.environment().put("JAVA_TOOL_OPTIONS", options);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), functions + ": the JVM did not start with JAVA_TOOL_OPTIONS=" + options
                    + "\n" + out.lines().filter(l -> !l.startsWith(" ")).collect(Collectors.joining("\n")));
            assertTrue(out.contains("Picked up JAVA_TOOL_OPTIONS: " + options), out.lines().findFirst().orElse(""));
            for (String option : options.split("\\s+")) {
                assertTrue(option.startsWith("-XX:"), option + ": only -XX options are checked here; extend the test");
                String name = option.replaceFirst("^-XX:[+-]?", "").replaceFirst("=.*", "");
                String value = option.contains("=") ? option.substring(option.indexOf('=') + 1)
                        : String.valueOf(option.startsWith("-XX:+"));
                Pattern flag = Pattern.compile("\\s*\\S+\\s+" + Pattern.quote(name) + "\\s+= "
                        + Pattern.quote(value) + "\\s.*");
                assertTrue(out.lines().anyMatch(l -> flag.matcher(l).matches()),
                        functions + ": " + option + " did not take effect");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }
}
