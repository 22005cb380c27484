package dev.eksaccess.access;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text rules for usernames and groups: a conservative character set (so nothing can smuggle YAML
 * structure or hide in a review) and only the placeholders aws-iam-authenticator expands.
 */
final class TemplateText {
    static final Set<String> PLACEHOLDERS =
            Set.of("AccountID", "SessionName", "SessionNameRaw", "AccessKeyID", "EC2PrivateDNSName");
    static final int MAX_LENGTH = 256;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._@:+=,/{}-]+");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}]*)}}");

    private TemplateText() {
    }

    static String check(String field, String value) {
        TextRules.requireClean(field, value, MAX_LENGTH);
        if (!ALLOWED.matcher(value).matches()) {
            throw new InvalidInputException(field, "may contain only letters, digits and . _ @ : + = , / - "
                    + "and {{placeholders}}; no spaces or YAML syntax (got '" + Printable.of(value) + "')");
        }
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder rest = new StringBuilder();
        int last = 0;
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                throw new InvalidInputException(field, "unknown placeholder {{" + Printable.of(m.group(1))
                        + "}}; allowed: {{AccountID}}, {{SessionName}}, {{SessionNameRaw}}, {{AccessKeyID}}, "
                        + "{{EC2PrivateDNSName}}");
            }
            rest.append(value, last, m.start());
            last = m.end();
        }
        rest.append(value.substring(last));
        if (rest.indexOf("{") >= 0 || rest.indexOf("}") >= 0) {
            throw new InvalidInputException(field, "braces are allowed only in {{Placeholder}} form (got '"
                    + Printable.of(value) + "')");
        }
        return value;
    }
}
