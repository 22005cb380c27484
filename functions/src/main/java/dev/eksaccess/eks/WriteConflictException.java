package dev.eksaccess.eks;

/** The aws-auth changed (or appeared) between our read and our write; re-read and re-apply. */
public class WriteConflictException extends RuntimeException {
    public WriteConflictException(String message) {
        super(message);
    }

    public WriteConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
