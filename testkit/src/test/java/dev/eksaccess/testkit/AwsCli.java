package dev.eksaccess.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real AWS CLI as a reference client; tests that need it are skipped where it is not installed. */
final class AwsCli {
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    private AwsCli() {
    }

    /** {@code aws eks get-token} signs locally, so fake credentials and no network are enough. */
    static String eksToken(String cluster, String accessKeyId, String secret) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("aws", "eks", "get-token", "--cluster-name", cluster,
                "--region", "eu-west-1", "--output", "json").redirectErrorStream(true);
        builder.environment().put("AWS_ACCESS_KEY_ID", accessKeyId);
        builder.environment().put("AWS_SECRET_ACCESS_KEY", secret);
        builder.environment().remove("AWS_SESSION_TOKEN");
        builder.environment().remove("AWS_PROFILE");
        Process process;
        try {
            process = builder.start();
        } catch (IOException notInstalled) {
            assumeTrue(false, "aws CLI not installed");
            throw notInstalled;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("aws eks get-token failed: " + output);
        }
        Matcher m = TOKEN.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("no token in: " + output);
        }
        return m.group(1);
    }
}
