package dev.eksaccess.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.testkit.SamTemplate;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }
}
