package dev.eksaccess.access;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A mapRoles or mapUsers list together with the text it was read from and where each entry starts in
 * it, so that a change can rewrite only the entries it changes (see {@link AwsAuthSplice}). Read-only.
 *
 * <p>{@code starts[i]} is the offset of entry {@code i}'s {@code -} (always at the start of a line),
 * {@code starts[size]} the offset where the list ends: the end of the text, or a document end marker.
 * The text of entry {@code i} is {@code text[starts[i], starts[i + 1])}, comments after it included.
 */
final class SourcedMappings extends AbstractList<IdentityMapping> implements RandomAccess {
    private final List<IdentityMapping> items;
    private final String text;
    private final int[] starts;

    SourcedMappings(List<IdentityMapping> items, String text, int[] starts) {
        if (starts.length != items.size() + 1) {
            throw new IllegalArgumentException("need one start per entry and the end");
        }
        this.items = List.copyOf(items);
        this.text = text;
        this.starts = starts.clone();
    }

    @Override
    public IdentityMapping get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }

    /**
     * This list's text with entries {@code [from, to)} replaced by {@code replacement}: block sequence
     * items at column 0, each line ending in a newline, or empty to remove them.
     */
    String splice(int from, int to, String replacement) {
        int start = starts[from];
        int end = starts[to];
        StringBuilder out = new StringBuilder(text.length() + replacement.length() + 1);
        out.append(text, 0, start);
        if (!replacement.isEmpty() && start > 0 && text.charAt(start - 1) != '\n') {
            // Only at the end of a list whose last line has no newline (entries start at a line start).
            out.append('\n');
        }
        out.append(replacement);
        out.append(text, end, text.length());
        return out.toString();
    }
}
