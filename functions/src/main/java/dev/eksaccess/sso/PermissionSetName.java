package dev.eksaccess.sso;

import dev.eksaccess.access.InvalidInputException;
import dev.eksaccess.access.Printable;
import java.util.regex.Pattern;

/** The name rule Identity Center applies to permission sets (and so to their reserved roles). */
public final class PermissionSetName {
    private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]{1,32}");

    private PermissionSetName() {
    }

    public static String check(String field, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException(field, "permission set name must be 1-32 characters of letters, digits "
                    + "and + = , . @ _ - (got '" + Printable.of(name) + "')");
        }
        return name;
    }
}
