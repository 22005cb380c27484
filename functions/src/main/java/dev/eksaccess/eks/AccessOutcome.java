package dev.eksaccess.eks;

import java.util.Map;

/**
 * What applying a change to one aws-auth did.
 *
 * @param changed  true when the ConfigMap was (or, in a dry run, would be) written
 * @param written  true only when a write really happened
 * @param attempts read-plan-write rounds used (more than one after conflicts)
 * @param newData  the ConfigMap data after the change (the current data when unchanged)
 * @param newAnnotations the ConfigMap annotations after the change
 */
public record AccessOutcome(boolean changed, boolean written, String summary, String diff, int attempts,
                            Map<String, String> newData, Map<String, String> newAnnotations) {
}
