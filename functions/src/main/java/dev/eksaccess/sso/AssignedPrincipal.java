package dev.eksaccess.sso;

/** A user or group that ListAccountAssignments reports for an account and permission set. */
public record AssignedPrincipal(String type, String id) {
    public AssignedPrincipal {
        if (type == null || id == null) {
            throw new IllegalArgumentException("principal type and id are required");
        }
    }
}
