package dev.eksaccess.eks;

import dev.eksaccess.access.AwsAuthDocument;
import dev.eksaccess.access.ManagedArns;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

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

    /** The mappings of aws-auth as read; empty when there is no aws-auth. */
    static AwsAuthDocument document(Optional<AwsAuthConfigMap> read) {
        return AwsAuthDocument.parse(read.map(AwsAuthConfigMap::data).orElse(Map.of()));
    }

    /** The entries recorded as the provisioner's on aws-auth as read; none when there is no aws-auth. */
    static ManagedArns managed(Optional<AwsAuthConfigMap> read) {
        return ManagedArns.fromAnnotations(read.map(AwsAuthConfigMap::annotations).orElse(Map.of()));
    }
}
