package dev.eksaccess.sso;

/**
 * The permission set's reserved role is not in the account yet. Retryable: the invocation fails so that
 * Lambda's asynchronous retries (or a Step Functions Retry naming this class) try again later.
 */
public class RoleNotProvisionedYetException extends RuntimeException {
    public RoleNotProvisionedYetException(String message) {
        super(message, null, false, false);
    }
}
