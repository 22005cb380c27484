package dev.eksaccess.cli.sandbox;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.eksaccess.testkit.LocalContext;
import dev.eksaccess.testkit.SamTemplate;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Runs one template function in this process, as the Lambda runtime would: the Handler class from the
 * template, built with the function's variables, fed the event bytes.
 */
public final class FunctionRunner {
    private FunctionRunner() {
    }

    /**
     * The handler's output; a handler failure is rethrown as is (the caller reports it like Lambda). What
     * the function logs to stdout goes to stderr meanwhile, as with sam local invoke, so stdout carries
     * only the result.
     */
    public static String invoke(SamTemplate.Function function, Map<String, String> env, byte[] event) {
        PrintStream stdout = System.out;
        System.setOut(System.err);
        try {
            return run(function, env, event);
        } finally {
            System.setOut(stdout);
        }
    }

    private static String run(SamTemplate.Function function, Map<String, String> env, byte[] event) {
        String className = function.handler().split("::")[0];
        RequestStreamHandler handler;
        try {
            handler = (RequestStreamHandler) Class.forName(className).getConstructor(Map.class).newInstance(env);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException(function.logicalId() + ": handler " + className
                    + " cannot be created with its variables (needs a public (Map<String,String>) constructor)", e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event), out,
                    new LocalContext(function.logicalId(), Duration.ofMinutes(2), 1024));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
