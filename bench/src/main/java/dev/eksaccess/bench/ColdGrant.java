package dev.eksaccess.bench;

import dev.eksaccess.handler.GrantAccessHandler;
import dev.eksaccess.testkit.LocalContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * One cold Lambda invocation in a fresh process, as the Lambda runtime makes it: the GrantAccess handler
 * built with its no-argument constructor (the process environment: the function's variables, the
 * credentials, {@code AWS_LAMBDA_FUNCTION_NAME} and {@code AWS_LAMBDA_INITIALIZATION_TYPE}, which the
 * caller sets as Lambda does) and handleRequest called once with a context naming the function's ARN; print
 * the response and exit. Uses the deployed functions jar, the JDK and testkit's {@link LocalContext}.
 *
 * <p>Arguments: the role name to grant (a new one per run, so that every run writes), the cluster name.
 */
public final class ColdGrant {
    /** What Lambda sets in every function's environment and the bench sets for this process. */
    static final Map<String, String> LAMBDA_VARIABLES = Map.of("AWS_LAMBDA_FUNCTION_NAME", "GrantAccessFunction",
            "AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");

    private ColdGrant() {
    }

    public static void main(String[] args) throws Exception {
        String role = args[0];
        String cluster = args.length > 1 ? args[1] : "prod";
        String region = System.getenv("AWS_REGION");
        String account = System.getenv().getOrDefault("BENCH_ACCOUNT", "111122223333");
        String request = "{\"clusters\":[{\"name\":\"" + cluster + "\",\"region\":\"" + region
                + "\"}],\"arn\":\"arn:aws:iam::" + account + ":role/"
                + role + "\",\"username\":\"" + role + ":{{SessionName}}\",\"groups\":[\"" + role + "\"]}";
        GrantAccessHandler handler = new GrantAccessHandler();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out,
                new LocalContext(System.getenv("AWS_LAMBDA_FUNCTION_NAME"), Duration.ofMinutes(2), 1024, region,
                        account));
        System.out.println(out.toString(StandardCharsets.UTF_8));
        System.out.flush();
        // Lambda keeps the process; a benchmark stops the clock here (fabric8 and SDK threads would linger).
        System.exit(0);
    }
}
