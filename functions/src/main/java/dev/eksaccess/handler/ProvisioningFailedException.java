package dev.eksaccess.handler;

/**
 * Some clusters failed. Thrown after every cluster was tried, so Lambda retries and the dead-letter
 * queue see the invocation as failed; the message carries every per-cluster result.
 */
public class ProvisioningFailedException extends RuntimeException {
    public ProvisioningFailedException(String message) {
        super(message, null, false, false);
    }
}
