package dev.eksaccess.sso;

/**
 * Where Identity Center is with creating an assignment (DescribeAccountAssignmentCreationStatus).
 *
 * @param failureReason Identity Center's reason when FAILED, otherwise null
 */
public record ProvisioningStatus(State state, String failureReason) {

    public enum State {
        IN_PROGRESS, SUCCEEDED, FAILED,
        /** The request id is not (or no longer) known, or the status is new to this code. */
        UNKNOWN
    }

    public ProvisioningStatus {
        if (state == null) {
            throw new IllegalArgumentException("state is required");
        }
    }

    public static ProvisioningStatus of(State state) {
        return new ProvisioningStatus(state, null);
    }
}
