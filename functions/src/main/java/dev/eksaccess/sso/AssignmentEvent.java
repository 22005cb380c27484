package dev.eksaccess.sso;

import dev.eksaccess.access.InvalidInputException;
import java.util.Arrays;

/**
 * An EventBridge event as received, reduced to the fields this function reads: the envelope, and from
 * the CloudTrail record in {@code detail} the call, its caller, its outcome and its request parameters.
 * Values are kept raw (any may be null) because ignored events need not be well formed;
 * {@link AssignmentTriage} validates the ones it acts on.
 *
 * @param id        the EventBridge event id (for audit and replay tracking)
 * @param actorArn  {@code detail.userIdentity.arn}: who made the call
 * @param requestId {@code detail.responseElements.accountAssignment(Creation|Deletion)Status.requestId}
 */
public record AssignmentEvent(String id, String source, String detailType, String eventSource, String eventName,
                              String awsRegion, String actorArn, String errorCode, String errorMessage,
                              String instanceArn, String targetId, String targetType, String permissionSetArn,
                              String principalType, String principalId, String requestId) {
    static final int MAX_FIELD = 2048;

    public AssignmentEvent {
        if (id == null || id.isBlank()) {
            throw new InvalidInputException("id", "is required (the EventBridge event id)");
        }
        for (String value : Arrays.asList(id, source, detailType, eventSource, eventName, awsRegion, actorArn,
                errorCode, instanceArn, targetId, targetType, permissionSetArn, principalType, principalId,
                requestId)) {
            if (value != null && value.length() > MAX_FIELD) {
                throw new InvalidInputException("detail", "a field is longer than " + MAX_FIELD + " characters");
            }
        }
        if (errorMessage != null && errorMessage.length() > MAX_FIELD) {
            errorMessage = errorMessage.substring(0, MAX_FIELD);
        }
    }
}
