package dev.eksaccess.eks;

import dev.eksaccess.access.AccessEntryCall;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An access-entry change that failed after some of its calls were made (CreateAccessEntry done, its
 * AssociateAccessPolicy refused, say): EKS already has what was made, so the cluster's result must say
 * so rather than "nothing changed". A retry plans again from what is there and completes it.
 */
public final class PartlyWrittenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String summary;
    private final String diff;

    PartlyWrittenException(List<AccessEntryCall> calls, int made, RuntimeException failure) {
        super(failure.getMessage(), failure);
        this.summary = "partly made: " + made + " of " + calls.size() + " calls ("
                + calls.subList(0, made).stream().map(PartlyWrittenException::name).collect(Collectors.joining(", "))
                + "); the rest failed, a retry completes it";
        this.diff = calls.subList(0, made).stream().map(c -> c.diffLine() + "\n").collect(Collectors.joining());
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
