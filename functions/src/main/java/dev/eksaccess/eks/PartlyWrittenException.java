package dev.eksaccess.eks;

import dev.eksaccess.access.AccessEntryCall;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An access-entry change that failed after some of its calls were made (UpdateAccessEntry done, its
 * AssociateAccessPolicy refused, say; or a CreateAccessEntry that could not, or should not, be deleted
 * again): EKS already has what was made, so the cluster's result must say so rather than "nothing
 * changed". A retry plans again from what is there.
 */
public final class PartlyWrittenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String summary;
    private final String diff;
    private final boolean createdLeft;

    /**
     * @param made    the calls EKS has, in order
     * @param left    calls of the change not made (0 when unknown)
     * @param note    what else was tried, or null
     */
    PartlyWrittenException(List<AccessEntryCall> made, int left, RuntimeException failure, String note) {
        this(made, left, failure, note, false);
    }

    /** @param createdLeft an entry the change created is left behind only because deleting it failed */
    PartlyWrittenException(List<AccessEntryCall> made, int left, RuntimeException failure, String note,
                           boolean createdLeft) {
        super(failure.getMessage(), failure);
        this.summary = "partly made: " + made.size() + (left > 0 ? " of " + (made.size() + left) : "")
                + (made.size() == 1 && left == 0 ? " call (" : " calls (")
                + made.stream().map(PartlyWrittenException::name).collect(Collectors.joining(", "))
                + "); the rest failed" + (note == null ? "" : "; " + note);
        this.diff = made.stream().map(c -> c.diffLine() + "\n").collect(Collectors.joining());
        this.createdLeft = createdLeft;
    }

    /** Whether an access entry the change created is left behind because deleting it again failed. */
    public boolean createdLeft() {
        return createdLeft;
    }

    private static String name(AccessEntryCall call) {
        return call.getClass().getSimpleName() + " " + call.principalArn();
    }

    public String summary() {
        return summary;
    }

    public String diff() {
        return diff;
    }

    /** The failure that stopped the change. */
    public RuntimeException failure() {
        return (RuntimeException) getCause();
    }
}
