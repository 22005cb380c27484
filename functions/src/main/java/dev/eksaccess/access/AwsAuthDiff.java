package dev.eksaccess.access;

import java.util.List;
import java.util.function.Function;

/**
 * A readable, unified-style diff of aws-auth entries. Changes touch one identity at a time, so
 * trimming the common head and tail of each section finds them in linear time.
 */
final class AwsAuthDiff {
    /** Above this many middle-entry pairs, plain remove/add output is good enough. */
    private static final long MAX_LCS_CELLS = 1_000_000;

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
        List<T> removed = before.subList(head, before.size() - tail);
        List<T> added = after.subList(head, after.size() - tail);
        if ((long) removed.size() * added.size() > MAX_LCS_CELLS) {
            removed.forEach(r -> prefixLines(out, "-", render.apply(r)));
            added.forEach(a -> prefixLines(out, "+", render.apply(a)));
            return;
        }
        // The changed middle is small (one identity's entries), so an exact LCS keeps untouched
        // neighbours, such as a node role between two collapsed duplicates, out of the diff.
        int[][] lcs = new int[removed.size() + 1][added.size() + 1];
        for (int i = removed.size() - 1; i >= 0; i--) {
            for (int j = added.size() - 1; j >= 0; j--) {
                lcs[i][j] = removed.get(i).equals(added.get(j)) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < removed.size() || j < added.size()) {
            if (i < removed.size() && j < added.size() && removed.get(i).equals(added.get(j))) {
                i++;
                j++;
            } else if (i < removed.size() && (j == added.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                prefixLines(out, "-", render.apply(removed.get(i++)));
            } else {
                prefixLines(out, "+", render.apply(added.get(j++)));
            }
        }
    }

    private static void prefixLines(StringBuilder out, String sign, String text) {
        for (String line : text.split("\n")) {
            out.append(sign).append(' ').append(line).append('\n');
        }
    }
}
