package dev.eksaccess.access;

/** Input that breaks a rule. Names the field and the rule so the caller can fix it; nothing is written. */
public class InvalidInputException extends RuntimeException {
    private final String field;

    public InvalidInputException(String field, String rule) {
        super(field + ": " + rule);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
