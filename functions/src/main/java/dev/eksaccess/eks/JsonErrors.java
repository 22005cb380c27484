package dev.eksaccess.eks;

import dev.eksaccess.handler.Json;
import software.amazon.awssdk.http.SdkHttpResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Errors of the AWS JSON protocols (JSON 1.1 as SSM speaks it, REST-JSON as EKS does): the code is
 * {@code x-amzn-ErrorType} or the body's {@code __type} (either may carry a namespace before '#' or a URI
 * after ':'), the text is {@code message} or {@code Message}. Lenient: a body that is not JSON says nothing.
 */
final class JsonErrors {
    private JsonErrors() {
    }

    static SignedAwsCalls.Failure read(SdkHttpResponse response, byte[] body) {
        JsonNode root;
        try {
            root = body.length == 0 ? Json.object() : Json.MAPPER.readTree(body);
        } catch (JacksonException notJson) {
            root = Json.object();
        }
        String type = response.firstMatchingHeader("x-amzn-ErrorType")
                .orElse(root.path("__type").isString() ? root.path("__type").asString() : null);
        if (type != null) {
            type = type.substring(type.indexOf('#') + 1);
            type = type.contains(":") ? type.substring(0, type.indexOf(':')) : type;
        }
        JsonNode message = root.has("message") ? root.path("message") : root.path("Message");
        return new SignedAwsCalls.Failure(type == null || type.isBlank() ? null : type,
                message.isString() ? message.asString() : null, null);
    }
}
