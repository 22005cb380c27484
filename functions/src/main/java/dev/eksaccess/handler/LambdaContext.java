package dev.eksaccess.handler;

import com.amazonaws.services.lambda.runtime.Context;
import dev.eksaccess.access.AccountId;
import dev.eksaccess.access.InvalidInputException;
import dev.eksaccess.eks.Environment;
import java.util.Optional;

/** What the Lambda runtime's context tells about the function itself. */
final class LambdaContext {
    private LambdaContext() {
    }

    /**
     * The function's account, from the invoked function ARN ({@code arn:aws:lambda:region:account:function:name}).
     * In Lambda (which sets {@code AWS_LAMBDA_FUNCTION_NAME}) the execution role, whose credentials the
     * function uses, is always in that account; and Lambda reserves the credential variables, so no other
     * keys can stand in. Empty anywhere else (local runs name no real account) or without an ARN.
     */
    static Optional<AccountId> account(Environment env, Context context) {
        String arn = context == null || env.get("AWS_LAMBDA_FUNCTION_NAME").isEmpty()
                ? null : context.getInvokedFunctionArn();
        if (arn == null) {
            return Optional.empty();
        }
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !parts[0].equals("arn") || !parts[2].equals("lambda")) {
            return Optional.empty();
        }
        try {
            return Optional.of(AccountId.of("invokedFunctionArn", parts[4]));
        } catch (InvalidInputException notAnAccount) {
            return Optional.empty();
        }
    }
}
