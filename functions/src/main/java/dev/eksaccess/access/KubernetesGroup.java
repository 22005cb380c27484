package dev.eksaccess.access;

/** A Kubernetes RBAC group an identity joins, possibly with authenticator placeholders. */
public record KubernetesGroup(String value) {

    public KubernetesGroup {
        TemplateText.check("groups", value);
    }

    public static KubernetesGroup of(String field, String value) {
        return new KubernetesGroup(TemplateText.check(field, value));
    }

    @Override
    public String toString() {
        return value;
    }
}
