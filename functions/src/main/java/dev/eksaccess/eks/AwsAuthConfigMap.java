package dev.eksaccess.eks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The aws-auth ConfigMap as read from a store: its data, its annotations and the version that a write
 * must name as its precondition.
 *
 * @param resourceVersion opaque version token, null when the store does not version (never blank)
 */
public record AwsAuthConfigMap(Map<String, String> data, Map<String, String> annotations, String resourceVersion) {

    public AwsAuthConfigMap {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data == null ? Map.of() : data));
        annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations == null ? Map.of() : annotations));
    }
}
