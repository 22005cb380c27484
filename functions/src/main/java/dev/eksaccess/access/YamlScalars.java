package dev.eksaccess.access;

import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * Which strings must be written quoted so that every YAML reader sees a string. Kubernetes tools and
 * aws-iam-authenticator read YAML 1.1, where yes/no/on/off are booleans and a leading digit or sign may
 * make a number; snakeyaml-engine writes YAML 1.2 and would leave those plain.
 */
public final class YamlScalars {
    private static final Pattern YAML11_AMBIGUOUS =
            Pattern.compile("(?i)(y|n|yes|no|on|off|true|false|null|~|)|[-+.0-9].*|.*[\\s#'\"].*");

    private YamlScalars() {
    }

    /** Block style, no line folding (long ARNs stay on one line), no anchors or aliases. */
    public static DumpSettings blockDumpSettings() {
        return DumpSettings.builder()
                .setDefaultFlowStyle(FlowStyle.BLOCK)
                .setIndent(2)
                .setWidth(Integer.MAX_VALUE)
                .setSplitLines(false)
                .setDereferenceAliases(true)
                .build();
    }

    public static boolean needsQuotes(String value) {
        return YAML11_AMBIGUOUS.matcher(value).matches() || value.codePoints().anyMatch(TextRules::isInvisibleOrBidi);
    }
}
