package dev.eksaccess.access;

/** Renders untrusted text safely inside an error message: control characters escaped, length capped. */
public final class Printable {
    private static final int MAX = 120;

    private Printable() {
    }

    public static String of(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(MAX).forEach(cp -> {
            if (Character.isISOControl(cp) || TextRules.isInvisibleOrBidi(cp)) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        if (value.codePointCount(0, value.length()) > MAX) {
            out.append("...");
        }
        return out.toString();
    }
}
