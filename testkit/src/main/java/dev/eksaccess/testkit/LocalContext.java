package dev.eksaccess.testkit;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The Lambda context of an in-process invocation: a name, a request id, a deadline, a stderr logger,
 * and the invoked function's ARN, which names its region and account.
 */
public final class LocalContext implements Context {
    private final String functionName;
    /**
     * Made when first asked for: the Lambda runtime hands the id over as a string, while a random UUID
     * here would load SecureRandom on the invoking thread and skew a cold-start measurement (issue #8, P2).
     */
    private String requestId;
    private final Instant deadline;
    private final int memoryMb;
    private final String functionArn;

    /** A function of no real account (the sandbox): its ARN says region "local", account 000000000000. */
    public LocalContext(String functionName, Duration timeout, int memoryMb) {
        this(functionName, timeout, memoryMb, "local", "000000000000");
    }

    /** A function deployed in {@code region} of {@code account}, as Lambda describes it. */
    public LocalContext(String functionName, Duration timeout, int memoryMb, String region, String account) {
        this.functionName = functionName;
        this.deadline = Instant.now().plus(timeout);
        this.memoryMb = memoryMb;
        this.functionArn = "arn:aws:lambda:" + region + ":" + account + ":function:" + functionName;
    }

    @Override
    public synchronized String getAwsRequestId() {
        if (requestId == null) {
            requestId = UUID.randomUUID().toString();
        }
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return functionArn;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.err.print(message);
            }

            @Override
            public void log(byte[] message) {
                System.err.print(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
