package dev.eksaccess.eks;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Optional;

/**
 * kube-system/aws-auth through fabric8. Updates send the resourceVersion that was read, so the API
 * server refuses (409) a write over someone else's change; creation that loses a race is a conflict
 * too, and the caller's re-read then finds the ConfigMap and updates it. A write that gets no HTTP answer
 * (dropped connection, timeout) is a {@link WriteOutcomeUnknownException}: it may have been applied.
 */
final class Fabric8AwsAuthStore implements AwsAuthStore {
    static final String NAMESPACE = "kube-system";
    static final String NAME = "aws-auth";

    private final KubernetesClient client;
    private final String label;
    private ConfigMap lastRead;

    Fabric8AwsAuthStore(KubernetesClient client, String label) {
        this.client = client;
        this.label = label;
    }

    @Override
    public Optional<AwsAuthConfigMap> read() {
        ConfigMap cm = client.configMaps().inNamespace(NAMESPACE).withName(NAME).get();
        lastRead = cm;
        if (cm == null) {
            return Optional.empty();
        }
        return Optional.of(new AwsAuthConfigMap(cm.getData(), cm.getMetadata().getAnnotations(),
                cm.getMetadata().getResourceVersion()));
    }

    @Override
    public void write(AwsAuthConfigMap current, Map<String, String> data, Map<String, String> annotations) {
        try {
            if (current == null) {
                client.configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder()
                        .withNewMetadata().withName(NAME).withNamespace(NAMESPACE)
                        .withAnnotations(annotations.isEmpty() ? null : annotations).endMetadata()
                        .withData(data)
                        .build()).create();
                return;
            }
            if (lastRead == null || !current.resourceVersion().equals(lastRead.getMetadata().getResourceVersion())) {
                throw new IllegalStateException("write must follow the read it is based on");
            }
            // Everything else on the object (labels, owner references, unknown fields) goes back as read.
            ConfigMap next = new ConfigMapBuilder(lastRead)
                    .editMetadata().withResourceVersion(current.resourceVersion())
                    .withAnnotations(annotations.isEmpty() ? null : annotations).endMetadata()
                    .withData(data)
                    .build();
            client.configMaps().inNamespace(NAMESPACE).resource(next).update();
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                throw new WriteConflictException("aws-auth in " + label + " changed since it was read", e);
            }
            if (e.getCode() <= 0) {
                // No HTTP answer at all: the request may have reached the API server and been applied.
                throw new WriteOutcomeUnknownException("the aws-auth write in " + label + " got no answer ("
                        + AccessProvisioner.describe(e) + ")", e);
            }
            throw e;
        }
    }

    @Override
    public String describe() {
        return label;
    }
}
