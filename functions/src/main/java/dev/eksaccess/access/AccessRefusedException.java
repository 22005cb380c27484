package dev.eksaccess.access;

/** A valid request that a safety rule forbids (for example touching a node-role mapping). */
public class AccessRefusedException extends RuntimeException {
    public AccessRefusedException(String message) {
        super(message);
    }
}
