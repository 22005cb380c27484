package dev.eksaccess.handler;

import dev.eksaccess.sso.AssignmentEvent;
import dev.eksaccess.sso.SsoOutcome;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SSO function's response: {"eventId", "action", "reason", "permissionSet", "accountId", "role",
 * "handMade":[...], "results":[...as ResultJson...], "failed":N}.
 */
final class SsoResultJson {
    private SsoResultJson() {
    }

    static ObjectNode of(AssignmentEvent event, SsoOutcome outcome) {
        ObjectNode root = Json.object();
        root.put("eventId", event.id());
        root.put("action", outcome.action().label());
        root.put("reason", outcome.reason());
        root.put("permissionSet", outcome.permissionSet());
        root.put("accountId", outcome.assignment() == null ? null : outcome.assignment().account().value());
        root.put("role", outcome.role());
        ArrayNode handMade = root.putArray("handMade");
        outcome.handMade().forEach(handMade::add);
        root.setAll(ResultJson.of(outcome.results()));
        return root;
    }
}
