package dev.eksaccess.access;

import java.util.List;
import java.util.function.Function;

/**
 * A readable, unified-style diff of aws-auth entries. Changes touch one identity at a time, so
 * trimming the common head and tail of each section finds them in linear time.
 */
final class AwsAuthDiff {
    private AwsAuthDiff() {
    }

    static String between(AwsAuthDocument before, AwsAuthDocument after) {
        StringBuilder out = new StringBuilder();
        section(out, AwsAuthSection.MAP_ROLES, before.roles(), after.roles(),
                m -> AwsAuthYaml.renderEntry(AwsAuthSection.MAP_ROLES, m));
        section(out, AwsAuthSection.MAP_USERS, before.users(), after.users(),
                m -> AwsAuthYaml.renderEntry(AwsAuthSection.MAP_USERS, m));
        section(out, AwsAuthSection.MAP_ACCOUNTS, before.accounts(), after.accounts(), AwsAuthYaml::renderAccount);
        return out.toString();
    }

    private static <T> void section(StringBuilder out, AwsAuthSection section, List<T> before, List<T> after,
                                    Function<T, String> render) {
        if (before.equals(after)) {
            return;
        }
        int head = 0;
        int max = Math.min(before.size(), after.size());
        while (head < max && before.get(head).equals(after.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < max - head
                && before.get(before.size() - 1 - tail).equals(after.get(after.size() - 1 - tail))) {
            tail++;
        }
        out.append("@@ ").append(section.key()).append(" @@\n");
        for (T removed : before.subList(head, before.size() - tail)) {
            prefixLines(out, "-", render.apply(removed));
        }
        for (T added : after.subList(head, after.size() - tail)) {
            prefixLines(out, "+", render.apply(added));
        }
    }

    private static void prefixLines(StringBuilder out, String sign, String text) {
        for (String line : text.split("\n")) {
            out.append(sign).append(' ').append(line).append('\n');
        }
    }
}
