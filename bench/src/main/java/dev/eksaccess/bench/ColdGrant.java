package dev.eksaccess.bench;

import dev.eksaccess.handler.GrantAccessHandler;
import dev.eksaccess.testkit.LocalContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One cold Lambda invocation in a fresh process: build the GrantAccess handler with the function's
 * variables (taken from this process's environment, plus {@code AWS_LAMBDA_FUNCTION_NAME}, which Lambda
 * sets) and call handleRequest once with a context naming the function's ARN, as the Lambda runtime does
 * on a cold start; print the response and exit. Uses the deployed functions jar, the JDK and testkit's
 * {@link LocalContext}.
 *
 * <p>Arguments: the role name to grant (a new one per run, so that every run writes), the cluster name.
 */
public final class ColdGrant {
    private ColdGrant() {
    }

    public static void main(String[] args) throws Exception {
        String role = args[0];
        String cluster = args.length > 1 ? args[1] : "prod";
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("AWS_LAMBDA_FUNCTION_NAME", "GrantAccessFunction");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        String account = env.getOrDefault("BENCH_ACCOUNT", "111122223333");
        String request = "{\"clusters\":[{\"name\":\"" + cluster + "\",\"region\":\"" + env.get("AWS_REGION")
                + "\"}],\"arn\":\"arn:aws:iam::" + account + ":role/"
                + role + "\",\"username\":\"" + role + ":{{SessionName}}\",\"groups\":[\"" + role + "\"]}";
        GrantAccessHandler handler = new GrantAccessHandler(env);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out,
                new LocalContext("GrantAccessFunction", Duration.ofMinutes(2), 1024, env.get("AWS_REGION"), account));
        System.out.println(out.toString(StandardCharsets.UTF_8));
        System.out.flush();
        // Lambda keeps the process; a benchmark stops the clock here (fabric8 and SDK threads would linger).
        System.exit(0);
    }
}
