package dev.eksaccess.access;

/** Character-level checks shared by the value types that accept free-ish text. */
final class TextRules {
    private TextRules() {
    }

    /** Format, bidi-control and other invisible code points that could disguise a value in a review. */
    static boolean isInvisibleOrBidi(int cp) {
        int type = Character.getType(cp);
        return type == Character.FORMAT || type == Character.CONTROL || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.PRIVATE_USE
                || type == Character.SURROGATE || type == Character.UNASSIGNED;
    }

    /** Rejects null, blank, over-long values and any control, bidi or invisible character. */
    static String requireClean(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required and must not be blank");
        }
        if (value.length() > maxLength) {
            throw new InvalidInputException(field, "must be at most " + maxLength + " characters (got "
                    + value.length() + ")");
        }
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (TextRules.isInvisibleOrBidi(cp)) {
                throw new InvalidInputException(field, String.format(
                        "must not contain control, bidi or invisible characters (found U+%04X at index %d)", cp, i));
            }
            i += Character.charCount(cp);
        }
        return value;
    }
}
