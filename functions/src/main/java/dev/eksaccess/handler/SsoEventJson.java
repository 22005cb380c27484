package dev.eksaccess.handler;

import dev.eksaccess.access.InvalidInputException;
import dev.eksaccess.sso.AssignmentEvent;
import tools.jackson.databind.JsonNode;

/**
 * Reads an EventBridge "AWS API Call via CloudTrail" event into an {@link AssignmentEvent}. Only the fields
 * used are read and unknown ones are accepted: CloudTrail adds fields over time. A field of the wrong
 * type is an error naming its JSON path.
 */
final class SsoEventJson {
    private SsoEventJson() {
    }

    static AssignmentEvent parse(byte[] json) {
        JsonNode root = RequestFields.parseObject(json);
        JsonNode detail = root.get("detail");
        if (detail == null || !detail.isObject()) {
            throw new InvalidInputException("detail", "is required: the CloudTrail record of the call");
        }
        String eventName = text(root, "detail.eventName");
        String statusKey = "DeleteAccountAssignment".equals(eventName)
                ? "accountAssignmentDeletionStatus" : "accountAssignmentCreationStatus";
        return new AssignmentEvent(
                text(root, "id"),
                text(root, "source"),
                text(root, "detail-type"),
                text(root, "detail.eventSource"),
                eventName,
                text(root, "detail.awsRegion"),
                text(root, "detail.userIdentity.arn"),
                text(root, "detail.errorCode"),
                text(root, "detail.errorMessage"),
                text(root, "detail.requestParameters.instanceArn"),
                text(root, "detail.requestParameters.targetId"),
                text(root, "detail.requestParameters.targetType"),
                text(root, "detail.requestParameters.permissionSetArn"),
                text(root, "detail.requestParameters.principalType"),
                text(root, "detail.requestParameters.principalId"),
                text(root, "detail.responseElements." + statusKey + ".requestId"));
    }

    /** The string at a dotted path; null when any step is missing or null. */
    private static String text(JsonNode root, String path) {
        JsonNode node = root;
        for (String step : path.split("\\.")) {
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isObject()) {
                throw new InvalidInputException(path, "must be inside an object");
            }
            node = node.get(step);
        }
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new InvalidInputException(path, "must be a string");
        }
        return node.asString();
    }
}
