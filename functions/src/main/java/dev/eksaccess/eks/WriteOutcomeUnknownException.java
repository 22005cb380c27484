package dev.eksaccess.eks;

/**
 * An aws-auth write got no answer (the connection dropped, the request timed out): the API server may or
 * may not have applied it. {@link AwsAuthUpdater} reads aws-auth back to find out.
 */
public class WriteOutcomeUnknownException extends RuntimeException {
    public WriteOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
