package dev.eksaccess.testkit;

/**
 * One request as {@link KubeApiServer} saw and answered it. {@code query} is the raw query string or
 * null; {@code bearerToken} and {@code principal} are null when absent or rejected; {@code body} is the
 * request body as UTF-8 (empty when none).
 */
public record RecordedCall(String method, String path, String query, String bearerToken, String principal,
                           int status, String body) {

    public boolean isWrite() {
        return switch (method) {
            case "PUT", "POST", "PATCH", "DELETE" -> true;
            default -> false;
        };
    }

    /** Keeps tokens out of assertion messages and logs (they are credentials, even in tests). */
    @Override
    public String toString() {
        String token = bearerToken == null ? "none" : bearerToken.substring(0, Math.min(12, bearerToken.length()))
                + "...";
        return method + " " + path + (query == null ? "" : "?" + query) + " -> " + status + " (token " + token
                + ", principal " + principal + ")";
    }
}
