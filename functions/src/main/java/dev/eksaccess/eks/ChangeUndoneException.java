package dev.eksaccess.eks;

/**
 * An access-entry change that failed after some of its calls, and whose calls were then undone (the
 * access entry it had created deleted again): the cluster is as it was, and the result says both why
 * the change failed and that nothing was left of it.
 */
public final class ChangeUndoneException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String note;

    ChangeUndoneException(RuntimeException failure, String note) {
        super(failure.getMessage() + "; " + note, failure);
        this.note = note;
    }

    /** The failure that stopped the change. */
    public RuntimeException failure() {
        return (RuntimeException) getCause();
    }

    /** What was undone. */
    public String note() {
        return note;
    }
}
