package dev.eksaccess.access;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The writes an access change needs on one cluster's access entries, in order; none when nothing
 * differs. Planned from a fresh read each time, so a retried plan picks up where a failed one stopped.
 */
public record AccessEntryPlan(List<AccessEntryCall> calls, String summary) {

    public AccessEntryPlan {
        calls = List.copyOf(calls);
    }

    public boolean changed() {
        return !calls.isEmpty();
    }

    /** One line per write, for results and audit lines; empty when unchanged. */
    public String diff() {
        return calls.stream().map(c -> c.diffLine() + "\n").collect(Collectors.joining());
    }
}
