package dev.eksaccess.eks;

/** The named cluster does not exist in that account and region. */
public class ClusterNotFoundException extends RuntimeException {
    public ClusterNotFoundException(String message) {
        super(message);
    }
}
