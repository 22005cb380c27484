package dev.eksaccess.access;

import java.util.regex.Pattern;

/** A 12-digit AWS account ID. */
public record AccountId(String value) {
    private static final Pattern DIGITS = Pattern.compile("\\d{12}");

    public AccountId {
        check("accountId", value);
    }

    /** Parses with the caller's field name in the error. */
    public static AccountId of(String field, String value) {
        return new AccountId(check(field, value));
    }

    private static String check(String field, String value) {
        if (value == null || !DIGITS.matcher(value).matches()) {
            throw new InvalidInputException(field, "must be a 12-digit AWS account ID (got '" + Printable.of(value) + "')");
        }
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
