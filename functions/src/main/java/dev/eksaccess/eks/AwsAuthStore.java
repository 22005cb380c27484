package dev.eksaccess.eks;

import java.util.Map;
import java.util.Optional;

/** Where an aws-auth ConfigMap lives: a cluster's kube-system namespace, or a manifest file. */
public interface AwsAuthStore {

    /** The current ConfigMap, or empty when there is none. */
    Optional<AwsAuthConfigMap> read();

    /**
     * Writes new data (and annotations) over {@code current}, which must be what {@link #read()}
     * returned: its version is the precondition. With {@code current == null} the ConfigMap is created.
     *
     * @throws WriteConflictException when someone else wrote (or created) it since it was read
     * @throws WriteOutcomeUnknownException when the write got no answer: it may or may not have been applied
     */
    void write(AwsAuthConfigMap current, Map<String, String> data, Map<String, String> annotations);

    /** Where the ConfigMap is, for messages: a cluster name or a file path. */
    String describe();
}
