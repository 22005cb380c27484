package dev.eksaccess.eks;

import dev.eksaccess.access.AccessEntryCall;
import java.util.List;

/**
 * What applying a change to one cluster's access entries did.
 *
 * @param changed  true when calls were (or, in a dry run, would be) made
 * @param written  true only when the calls really happened
 * @param calls    the writes, in order
 * @param attempts read-plan-write rounds used (more than one after a race)
 */
public record AccessEntryOutcome(boolean changed, boolean written, String summary, String diff,
                                 List<AccessEntryCall> calls, int attempts) {
}
