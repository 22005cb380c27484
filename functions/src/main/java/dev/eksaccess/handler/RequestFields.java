package dev.eksaccess.handler;

import dev.eksaccess.access.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Strict reading of request JSON: every error names the field (as a JSON path) and the rule. */
final class RequestFields {
    /** Lambda's own payload limit is 6 MB; a request to us is tiny, so refuse anything large early. */
    static final int MAX_REQUEST_BYTES = 256 * 1024;

    private RequestFields() {
    }

    static JsonNode parseObject(byte[] json) {
        if (json.length > MAX_REQUEST_BYTES) {
            throw new InvalidInputException("request", "must be at most " + MAX_REQUEST_BYTES + " bytes (got "
                    + json.length + ")");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidInputException("request", "must be valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("request", "must be a JSON object");
        }
        return root;
    }

    static void allowOnly(JsonNode node, String path, Set<String> allowed) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!allowed.contains(e.getKey())) {
                throw new InvalidInputException(path + e.getKey(), "is not a known field; allowed: "
                        + String.join(", ", new TreeSet<>(allowed)));
            }
        }
    }

    static String optionalString(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw new InvalidInputException(path + field, "must be a string");
        }
        return v.asString();
    }

    static String requiredString(JsonNode node, String field, String path) {
        String v = optionalString(node, field, path);
        if (v == null) {
            throw new InvalidInputException(path + field, "is required");
        }
        return v;
    }

    static boolean optionalBoolean(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new InvalidInputException(path + field, "must be true or false");
        }
        return v.asBoolean();
    }

    static List<String> optionalStrings(JsonNode node, String field, String path, int max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw new InvalidInputException(path + field, "must be a list of strings");
        }
        if (v.size() > max) {
            throw new InvalidInputException(path + field, "must have at most " + max + " items (got " + v.size() + ")");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isString()) {
                throw new InvalidInputException(path + field + "[" + i + "]", "must be a string");
            }
            out.add(v.get(i).asString());
        }
        return out;
    }
}
