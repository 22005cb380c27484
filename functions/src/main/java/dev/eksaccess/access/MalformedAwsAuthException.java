package dev.eksaccess.access;

/**
 * An aws-auth section we cannot parse. The authenticator drops such a section whole, so we refuse to
 * write anything until a person has fixed it.
 */
public class MalformedAwsAuthException extends RuntimeException {
    private final AwsAuthSection section;

    public MalformedAwsAuthException(AwsAuthSection section, String detail) {
        super("aws-auth data." + section.key() + " cannot be parsed: " + detail
                + " (nothing was written; fix the section by hand first)");
        this.section = section;
    }

    public AwsAuthSection section() {
        return section;
    }
}
