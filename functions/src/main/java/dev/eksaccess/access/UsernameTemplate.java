package dev.eksaccess.access;

/** The Kubernetes username an identity maps to, possibly with authenticator placeholders. */
public record UsernameTemplate(String value) {

    public UsernameTemplate {
        TemplateText.check("username", value);
    }

    public static UsernameTemplate of(String field, String value) {
        return new UsernameTemplate(TemplateText.check(field, value));
    }

    /** The node-bootstrap form {@code system:node:...}, which only node roles may use. */
    public boolean isNodeUsername() {
        return value.startsWith("system:node:");
    }

    @Override
    public String toString() {
        return value;
    }
}
