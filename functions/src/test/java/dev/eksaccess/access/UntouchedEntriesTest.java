package dev.eksaccess.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A grant or revoke rewrites only the entries it changes: the text of every entry before and after
 * them is kept byte for byte (comments, quoting and key spelling included), and the written section
 * reads as planned, by the fast reader and by the general one alike. Sections are generated in the
 * styles people and tools write them.
 */
class UntouchedEntriesTest {
    private static final long SEED = 0x70C4_ED01L;
    private static final int CASES = 300;
    private static final AwsAuthSection ROLES = AwsAuthSection.MAP_ROLES;

    static Stream<Integer> cases() {
        return IntStream.range(0, CASES).boxed();
    }

    @ParameterizedTest(name = "hand-written section #{0}")
    @MethodSource("cases")
    void changesKeepTheTextOfEveryOtherEntry(int caseNumber) {
        Random random = new Random(SEED + caseNumber);
        Section section = Section.generate(random);
        String what = "case " + caseNumber + ":\n" + section.text();

        // Both readers agree on what the section says; the fast one keeps the text when it can.
        List<IdentityMapping> read = AwsAuthYaml.parseMappings(ROLES, section.text());
        assertEquals(section.entries(), read, what);
        assertEquals(AwsAuthYaml.parseMappingsInFull(ROLES, section.text()), read, what);
        assertEquals(section.spliceable(), read instanceof SourcedMappings, what);

        Map<String, String> data = Map.of("mapRoles", section.text(), "other", "kept");
        AccessChange change = section.change(random);
        AccessPlan plan = AccessPlanner.plan(AwsAuthDocument.parse(data), change);
        assertTrue(plan.changed(), what + "\n" + change);
        Map<String, String> written = plan.apply(data);
        String text = written.get("mapRoles");
        what += "\nchange " + change + "\nwritten:\n" + text;

        assertEquals(plan.after().roles(), AwsAuthYaml.parseMappings(ROLES, text), what);
        assertEquals(plan.after().roles(), AwsAuthYaml.parseMappingsInFull(ROLES, text), what);
        assertEquals("kept", written.get("other"));
        if (section.spliceable()) {
            List<IdentityMapping> before = section.entries();
            List<IdentityMapping> after = plan.after().roles();
            int prefix = 0;
            while (prefix < Math.min(before.size(), after.size()) && before.get(prefix).equals(after.get(prefix))) {
                prefix++;
            }
            int suffix = 0;
            while (suffix < Math.min(before.size(), after.size()) - prefix
                    && before.get(before.size() - 1 - suffix).equals(after.get(after.size() - 1 - suffix))) {
                suffix++;
            }
            assertTrue(text.startsWith(section.textBefore(prefix)), what);
            assertTrue(text.endsWith(section.textFrom(before.size() - suffix)), what);
        }
        // A replay changes nothing.
        assertFalse(AccessPlanner.plan(AwsAuthDocument.parse(written), change).changed(), what);
    }

    @Test
    void theGeneratedCasesCoverBothReaders() {
        int spliceable = 0;
        for (int i = 0; i < CASES; i++) {
            spliceable += Section.generate(new Random(SEED + i)).spliceable() ? 1 : 0;
        }
        assertTrue(spliceable > CASES / 2 && spliceable < CASES, "spliceable: " + spliceable + " of " + CASES);
    }

    @Test
    void anEntryAddedToASectionWithoutAFinalNewlineStartsOnItsOwnLine() {
        String text = "- rolearn: arn:aws:iam::111122223333:role/a\n  username: a # the last line";
        Map<String, String> data = Map.of("mapRoles", text);
        Map<String, String> written = AccessPlanner.plan(AwsAuthDocument.parse(data),
                AccessChange.GrantIdentity.of("arn:aws:iam::111122223333:role/b", "b", List.of("view"))).apply(data);
        assertEquals(text + "\n- rolearn: arn:aws:iam::111122223333:role/b\n  username: b\n  groups:\n  - view\n",
                written.get("mapRoles"));
    }

    @Test
    void anEntryAddedToADocumentWithAnEndMarkerGoesBeforeIt() {
        String text = "---\n- rolearn: arn:aws:iam::111122223333:role/a\n...\n";
        Map<String, String> data = Map.of("mapRoles", text);
        assertInstanceOf(SourcedMappings.class, AwsAuthDocument.parse(data).roles());
        Map<String, String> written = AccessPlanner.plan(AwsAuthDocument.parse(data),
                AccessChange.GrantIdentity.of("arn:aws:iam::111122223333:role/b", "b", List.of())).apply(data);
        assertEquals("---\n- rolearn: arn:aws:iam::111122223333:role/a\n"
                + "- rolearn: arn:aws:iam::111122223333:role/b\n  username: b\n...\n", written.get("mapRoles"));
    }

    @Test
    void anchorsAndAliasesLeaveTheWholeSectionToTheGeneralReader() {
        String text = "- rolearn: arn:aws:iam::111122223333:role/a\n  groups: &g [view]\n"
                + "- rolearn: arn:aws:iam::111122223333:role/b\n  groups: *g\n";
        Map<String, String> data = Map.of("mapRoles", text);
        AwsAuthDocument doc = AwsAuthDocument.parse(data);
        assertFalse(doc.roles() instanceof SourcedMappings, "an alias may point into an entry a change removes");
        assertEquals(List.of("view"), doc.roles().get(1).groups());
        Map<String, String> written = AccessPlanner.plan(doc,
                AccessChange.RevokeIdentity.of("arn:aws:iam::111122223333:role/a")).apply(data);
        assertEquals("- rolearn: arn:aws:iam::111122223333:role/b\n  groups:\n  - view\n", written.get("mapRoles"));
    }

    /** A generated mapRoles text, the entries it means, and the text of each entry. */
    private record Section(String header, List<String> chunks, String footer, List<IdentityMapping> entries,
                           boolean spliceable) {
        private static final String[] TEAMS = {"platform", "data", "web", "ops", "ml", "payments", "search"};

        String text() {
            return header + String.join("", chunks) + footer;
        }

        String textBefore(int entry) {
            return header + String.join("", chunks.subList(0, entry));
        }

        String textFrom(int entry) {
            return String.join("", chunks.subList(entry, chunks.size())) + footer;
        }

        static Section generate(Random random) {
            List<String> chunks = new ArrayList<>();
            List<IdentityMapping> entries = new ArrayList<>();
            boolean spliceable = true;
            if (random.nextInt(3) == 0) {
                entries.add(new IdentityMapping("arn:aws:iam::111122223333:role/eks-node", "system:node:{{EC2PrivateDNSName}}",
                        List.of("system:bootstrappers", "system:nodes"), null));
                chunks.add("- rolearn: arn:aws:iam::111122223333:role/eks-node\n"
                        + "  username: system:node:{{EC2PrivateDNSName}}\n"
                        + "  groups:\n  - system:bootstrappers\n  - system:nodes\n");
            }
            for (int i = 2 + random.nextInt(10); i > 0; i--) {
                String team = TEAMS[random.nextInt(TEAMS.length)] + "-" + entries.size();
                String arn = "arn:aws:iam::111122223333:role/" + team;
                String username = random.nextInt(4) == 0 ? null : team + ":{{SessionName}}";
                List<String> groups = random.nextInt(5) == 0 ? List.of() : List.of(team, "viewers");
                StringBuilder chunk = new StringBuilder();
                int style = random.nextInt(30);
                if (style == 11) {
                    // An unknown field: the general reader keeps it, and the section is rendered whole.
                    spliceable = false;
                    entries.add(new IdentityMapping(arn, username, groups, Map.of("x-owner", team)));
                    chunk.append("- rolearn: ").append(arn).append("\n  x-owner: ").append(team).append('\n');
                    appendFields(chunk, "  ", "username", username, groups, random);
                } else if (style == 10) {
                    // Content on the line after the dash: entries no longer start with "- " on their first line.
                    spliceable = false;
                    entries.add(new IdentityMapping(arn, username, groups, null));
                    chunk.append("-\n  rolearn: ").append(arn).append('\n');
                    appendFields(chunk, "  ", "username", username, groups, random);
                } else if (style == 9) {
                    entries.add(new IdentityMapping(arn, username, groups, null));
                    chunk.append("- {rolearn: ").append(quoted(arn, random)).append(username == null ? ""
                            : ", username: " + doubleQuoted(username)).append(", groups: [")
                            .append(String.join(", ", groups)).append("]}\n");
                } else {
                    entries.add(new IdentityMapping(arn, username, groups, null));
                    String indent = style == 8 ? "    " : "  ";
                    String arnKey = style == 7 ? "RoleArn" : "rolearn";
                    chunk.append(style == 8 ? "-   " : "- ").append(arnKey).append(": ").append(quoted(arn, random))
                            .append(style == 6 ? "   # who asked: " + team : "").append('\n');
                    appendFields(chunk, indent, style == 7 ? "UserName" : "username", username, groups, random);
                }
                if (random.nextInt(5) == 0) {
                    chunk.append(random.nextBoolean() ? "# reviewed\n" : "\n  # kept for audit\n");
                }
                chunks.add(chunk.toString());
            }
            String header = switch (random.nextInt(4)) {
                case 0 -> "# managed by platform\n";
                case 1 -> "---\n";
                default -> "";
            };
            String footer = random.nextInt(6) == 0 ? "...\n" : "";
            if (footer.isEmpty() && random.nextInt(6) == 0) {
                int last = chunks.size() - 1;
                String lastChunk = chunks.get(last);
                chunks.set(last, lastChunk.substring(0, lastChunk.length() - 1));
            }
            return new Section(header, chunks, footer, entries, spliceable);
        }

        private static void appendFields(StringBuilder chunk, String indent, String usernameKey, String username,
                                         List<String> groups, Random random) {
            if (username != null) {
                chunk.append(indent).append(usernameKey).append(": ").append(random.nextBoolean()
                        ? doubleQuoted(username) : "'" + username + "'").append('\n');
            } else if (random.nextBoolean()) {
                chunk.append(indent).append(usernameKey).append(": null\n");
            }
            if (groups.isEmpty()) {
                if (random.nextBoolean()) {
                    chunk.append(indent).append("groups:\n");
                }
            } else if (random.nextBoolean()) {
                chunk.append(indent).append("groups: [").append(String.join(", ", groups)).append("]\n");
            } else {
                String item = random.nextBoolean() ? indent : indent + "  ";
                chunk.append(indent).append("groups:\n");
                for (String g : groups) {
                    chunk.append(item).append("- ").append(g).append('\n');
                }
            }
        }

        private static String quoted(String value, Random random) {
            return switch (random.nextInt(3)) {
                case 0 -> doubleQuoted(value);
                case 1 -> "'" + value + "'";
                default -> value;
            };
        }

        private static String doubleQuoted(String value) {
            return "\"" + value + "\"";
        }

        /** A grant of a new role, a changed grant of an existing one, or a revoke of one or of two variants. */
        AccessChange change(Random random) {
            List<IdentityMapping> people = entries.stream().filter(m -> !m.mapsNodes()).toList();
            IdentityMapping someone = people.get(random.nextInt(people.size()));
            return switch (random.nextInt(3)) {
                case 0 -> AccessChange.GrantIdentity.of("arn:aws:iam::111122223333:role/newcomer", "newcomer",
                        List.of("viewers"));
                case 1 -> AccessChange.GrantIdentity.of(someone.arn().toUpperCase(Locale.ROOT).replace("ARN:AWS:IAM",
                        "arn:aws:iam").replace(":ROLE/", ":role/"), "changed:{{SessionName}}", List.of("editors"));
                default -> AccessChange.RevokeIdentity.of(someone.arn());
            };
        }
    }
}
