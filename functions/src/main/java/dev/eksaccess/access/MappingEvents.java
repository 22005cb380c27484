package dev.eksaccess.access;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;

/**
 * Reads a mapRoles or mapUsers section straight from snakeyaml-engine's event stream, for the plain
 * form every tool writes: a list of mappings whose fields are the ARN, username and groups, with
 * string (or null) values. That is about three times faster than composing and constructing the
 * whole document, which matters for a grant on an aws-auth of thousands of entries.
 *
 * <p>Anything else (anchors, aliases, tags, other fields, non-string values, duplicate keys, several
 * documents, YAML errors) returns null, and the caller reads the section the general way, which gives
 * the same result or the same error as before. So this is a shortcut, never a second set of rules.
 *
 * <p>For a block list whose entries start at column 0 the result also records where each entry
 * starts, so that writing a change can keep the untouched entries' text (see {@link SourcedMappings}).
 */
final class MappingEvents {
    private final AwsAuthSection section;
    private final String text;
    private final ScalarResolver resolver;
    private final Iterator<Event> events;
    private final Map<String, Tag> keyTags = new HashMap<>();

    private MappingEvents(AwsAuthSection section, String text, LoadSettings settings) {
        this.section = section;
        this.text = text;
        this.resolver = settings.getSchema().getScalarResolver();
        this.events = new Parse(settings).parseString(text).iterator();
    }

    /** The section's entries, or null when the general reader must decide. */
    static List<IdentityMapping> read(AwsAuthSection section, String text, LoadSettings settings) {
        try {
            return new MappingEvents(section, text, settings).read();
        } catch (YamlEngineException | Unsupported e) {
            return null;
        }
    }

    /** Thrown to leave the shortcut; never escapes {@link #read(AwsAuthSection, String, LoadSettings)}. */
    private static final class Unsupported extends RuntimeException {
        private static final Unsupported INSTANCE = new Unsupported();

        private Unsupported() {
            super(null, null, false, false);
        }
    }

    private List<IdentityMapping> read() {
        expect(Event.ID.StreamStart);
        expect(Event.ID.DocumentStart);
        Event root = next();
        if (root.getEventId() != Event.ID.SequenceStart || !plainNode(root)) {
            throw Unsupported.INSTANCE;
        }
        boolean block = ((CollectionStartEvent) root).getFlowStyle() == FlowStyle.BLOCK && spliceableText();
        List<IdentityMapping> items = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        while (true) {
            Event e = next();
            if (e.getEventId() == Event.ID.SequenceEnd) {
                if (block) {
                    starts.add(e.getStartMark().orElseThrow().getIndex());
                }
                break;
            }
            if (e.getEventId() != Event.ID.MappingStart || !plainNode(e)) {
                throw Unsupported.INSTANCE;
            }
            if (block) {
                int dash = dashBefore(e.getStartMark().orElseThrow().getIndex());
                block = dash >= 0;
                starts.add(dash);
            }
            items.add(entry());
        }
        expect(Event.ID.DocumentEnd);
        expect(Event.ID.StreamEnd);
        if (!block) {
            return items;
        }
        int[] offsets = new int[starts.size()];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = starts.get(i);
        }
        return new SourcedMappings(items, text, offsets);
    }

    private IdentityMapping entry() {
        String arn = null;
        String username = null;
        List<String> groups = null;
        boolean seenArn = false;
        boolean seenUsername = false;
        boolean seenGroups = false;
        while (true) {
            Event e = next();
            if (e.getEventId() == Event.ID.MappingEnd) {
                return new IdentityMapping(arn, username, groups, null);
            }
            String key = key(e);
            if (key == null) {
                throw Unsupported.INSTANCE;
            }
            // Field names match case-insensitively, as in the authenticator; a repeat is the general reader's error.
            String lower = key.toLowerCase(Locale.ROOT);
            if (lower.equals(section.arnField()) && !seenArn) {
                seenArn = true;
                arn = string(next());
            } else if (lower.equals("username") && !seenUsername) {
                seenUsername = true;
                username = string(next());
            } else if (lower.equals("groups") && !seenGroups) {
                seenGroups = true;
                groups = groups();
            } else {
                throw Unsupported.INSTANCE;
            }
        }
    }

    private List<String> groups() {
        Event e = next();
        if (e.getEventId() == Event.ID.Scalar) {
            if (string(e) != null) {
                throw Unsupported.INSTANCE;
            }
            return null;
        }
        if (e.getEventId() != Event.ID.SequenceStart || !plainNode(e)) {
            throw Unsupported.INSTANCE;
        }
        List<String> groups = new ArrayList<>(4);
        for (Event g = next(); g.getEventId() != Event.ID.SequenceEnd; g = next()) {
            String group = string(g);
            if (group == null) {
                throw Unsupported.INSTANCE;
            }
            groups.add(group);
        }
        return groups;
    }

    /** A field name: as {@link #string}, with the tags of the few distinct names remembered. */
    private String key(Event e) {
        return scalar(e, true);
    }

    /** A scalar's string value, null for a YAML null; anything else leaves the shortcut. */
    private String string(Event e) {
        return scalar(e, false);
    }

    private String scalar(Event e, boolean remember) {
        if (e.getEventId() != Event.ID.Scalar || !plainNode(e)) {
            throw Unsupported.INSTANCE;
        }
        ScalarEvent scalar = (ScalarEvent) e;
        // The tag the general reader's composer gives an untagged scalar (quoted ones are strings).
        boolean implicit = scalar.getImplicit().canOmitTagInPlainScalar();
        Tag tag = remember && implicit ? keyTags.get(scalar.getValue()) : null;
        if (tag == null) {
            tag = resolver.resolve(scalar.getValue(), implicit);
            if (remember && implicit && keyTags.size() < 16) {
                keyTags.put(scalar.getValue(), tag);
            }
        }
        return value(scalar, tag);
    }

    private static String value(ScalarEvent scalar, Tag tag) {
        if (tag.equals(Tag.STR)) {
            return scalar.getValue();
        }
        if (tag.equals(Tag.NULL)) {
            return null;
        }
        throw Unsupported.INSTANCE;
    }

    /** No anchor and no explicit tag. */
    private static boolean plainNode(Event e) {
        if (((NodeEvent) e).getAnchor().isPresent()) {
            return false;
        }
        if (e instanceof ScalarEvent s) {
            return s.getTag().isEmpty();
        }
        return ((CollectionStartEvent) e).getTag().isEmpty();
    }

    /**
     * Offsets can be taken from the parser's marks (which count code points) only when they equal
     * string indexes, and entry boundaries are line starts only with plain newlines.
     */
    private boolean spliceableText() {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\uFEFF'
                    || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The offset of the {@code -} that opens the entry whose content starts at {@code contentStart},
     * when it sits at column 0 on the same line; -1 otherwise.
     */
    private int dashBefore(int contentStart) {
        int i = contentStart - 1;
        while (i >= 0 && text.charAt(i) == ' ') {
            i--;
        }
        if (i >= 0 && text.charAt(i) == '-' && (i == 0 || text.charAt(i - 1) == '\n')) {
            return i;
        }
        return -1;
    }

    private void expect(Event.ID id) {
        if (next().getEventId() != id) {
            throw Unsupported.INSTANCE;
        }
    }

    private Event next() {
        if (!events.hasNext()) {
            throw Unsupported.INSTANCE;
        }
        return events.next();
    }
}
