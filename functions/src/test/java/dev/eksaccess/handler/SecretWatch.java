package dev.eksaccess.handler;

import static org.junit.jupiter.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * "No log line or result ever contains a token or secret", checked on everything a test's invocations
 * leave behind: standard output and error while the test runs (our logs, the SDK's and fabric8's), every
 * response passed through {@link #invoke}, and every exception it threw, printed with its causes and stack
 * trace as Lambda logs it. Fails the test after it ran if any holds one of {@code secrets} (exact values:
 * secret keys, session tokens) or anything shaped like a credential: an EKS bearer token, a presigned
 * URL's signature or session token, an {@code Authorization} header's value.
 */
final class SecretWatch implements BeforeEachCallback, AfterEachCallback {
    private static final List<Pattern> SHAPES = List.of(
            Pattern.compile("k8s-aws-v1\\.[A-Za-z0-9_-]{20,}"),
            Pattern.compile("(?i)x-amz-signature\\s*[=:]\\s*[0-9a-f]{16,}"),
            Pattern.compile("(?i)x-amz-security-token\\s*[=:]\\s*(?!<session token>)[^\\s&'\",;]{16,}"),
            Pattern.compile("(?i)authorization\\s*[=:]\\s*\\S{16,}"));

    private final Supplier<List<String>> secrets;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final StringBuilder seen = new StringBuilder();
    private PrintStream out;
    private PrintStream err;

    /** {@code secrets}: read after each test, so it may name values the test's set-up made. */
    SecretWatch(Supplier<List<String>> secrets) {
        this.secrets = secrets;
    }

    /** {@link LocalCloud#invoke}, keeping the response, or the exception as Lambda would log it, for the check. */
    String invoke(RequestStreamHandler handler, String request) {
        try {
            String response = LocalCloud.invoke(handler, request);
            seen.append(response).append('\n');
            return response;
        } catch (RuntimeException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            seen.append(trace).append('\n');
            throw e;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        captured.reset();
        seen.setLength(0);
        out = System.out;
        err = System.err;
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setOut(out);
        System.setErr(err);
        String logs = captured.toString(StandardCharsets.UTF_8);
        err.print(logs); // still shown in the test report
        String everything = logs + "\n" + seen;
        for (String secret : secrets.get()) {
            if (secret != null && !secret.isEmpty() && everything.contains(secret)) {
                fail("a secret (" + secret.substring(0, Math.min(4, secret.length())) + "...) was logged or returned");
            }
        }
        for (Pattern shape : SHAPES) {
            Matcher m = shape.matcher(everything);
            if (m.find()) {
                fail("a credential was logged or returned: " + m.group().substring(0, Math.min(24, m.group().length()))
                        + "...");
            }
        }
    }

    /** What the invocations wrote to stdout and stderr in this test so far. */
    String logs() {
        return captured.toString(StandardCharsets.UTF_8);
    }
}
