package dev.eksaccess.sso;

import dev.eksaccess.eks.ClusterResult;
import java.util.List;
import java.util.Locale;

/**
 * What one assignment event led to.
 *
 * @param assignment    null when the event was ignored before it was validated
 * @param permissionSet null when not looked up
 * @param role          the reserved role's aws-auth ARN (grant), or null
 * @param results       one per cluster changed or checked; empty when nothing was applied
 * @param handMade      clusters where a hand-made entry for the role was left as it is
 */
public record SsoOutcome(Action action, String reason, AccountAssignment assignment, String permissionSet,
                         String role, List<ClusterResult> results, List<String> handMade) {

    public enum Action {
        GRANT, REVOKE,
        /** A deletion while others still hold the permission set in that account. */
        KEEP,
        IGNORE,
        /** Identity Center reported the assignment's provisioning as FAILED; retrying would not help. */
        PROVISIONING_FAILED;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public SsoOutcome {
        if (action == null || reason == null) {
            throw new IllegalArgumentException("action and reason are required");
        }
        results = List.copyOf(results == null ? List.of() : results);
        handMade = List.copyOf(handMade == null ? List.of() : handMade);
    }

    static SsoOutcome ignore(String reason, AccountAssignment assignment, String permissionSet) {
        return new SsoOutcome(Action.IGNORE, reason, assignment, permissionSet, null, List.of(), List.of());
    }

    public long failed() {
        return results.stream().filter(ClusterResult::failed).count();
    }
}
