package dev.eksaccess.access;

import static dev.eksaccess.access.AwsAuthFixtures.fixture;
import static dev.eksaccess.access.AwsAuthFixtures.grant;
import static dev.eksaccess.access.AwsAuthFixtures.plan;
import static dev.eksaccess.access.AwsAuthFixtures.reparse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class AwsAuthParsingTest {

    static Stream<Arguments> blankSections() {
        List<Arguments> blank = List.of(
                Arguments.of("empty string", ""),
                Arguments.of("whitespace and newlines", "  \n\t\n "),
                Arguments.of("two double quotes", "\"\""),
                Arguments.of("two single quotes", "''"),
                Arguments.of("two backticks", "``"),
                Arguments.of("empty flow list", "[]"),
                Arguments.of("tilde", "~"),
                Arguments.of("empty list with a trailing newline", "[]\n"),
                Arguments.of("only a comment", "# nothing mapped yet\n"));
        return Stream.of(AwsAuthSection.values()).flatMap(section -> Stream.concat(
                Stream.of(Arguments.of(section.key() + " absent", section, null)),
                blank.stream().map(a -> Arguments.of(section.key() + " = " + a.get()[0], section, a.get()[1]))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blankSections")
    void blankSectionFormsParseAsEmptyLists(String description, AwsAuthSection section, String text) {
        Map<String, String> data = new HashMap<>();
        if (text != null) {
            data.put(section.key(), text);
        }
        assertEquals(AwsAuthDocument.EMPTY, AwsAuthDocument.parse(data));
    }

    @Test
    void grantIntoBlankSectionsRewritesOnlyTheOneItChanges() {
        Map<String, String> data = fixture("blank-sections.yaml");
        Map<String, String> written = plan(data, grant("arn:aws:iam::111122223333:user/alice", "alice", "view"))
                .apply(data);
        assertEquals("\"\"", written.get("mapRoles"));
        assertEquals("  ~  \n", written.get("mapAccounts"));
        assertEquals("- userarn: arn:aws:iam::111122223333:user/alice\n  username: alice\n  groups:\n  - view\n",
                written.get("mapUsers"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed-bad-yaml.yaml             | MAP_ROLES    | mapRoles
            malformed-map-not-list.yaml         | MAP_USERS    | must be a YAML list
            malformed-groups-string.yaml        | MAP_ROLES    | entry 1 field 'groups' must be a list of strings, got string
            malformed-rolearn-number.yaml       | MAP_ROLES    | entry 1 field 'rolearn' must be a string
            malformed-keys-differ-in-case.yaml  | MAP_USERS    | entry 1 has field 'userarn' twice (in different case)
            malformed-second-document.yaml      | MAP_ACCOUNTS | single document
            malformed-merge-key.yaml            | MAP_ROLES    | entry 2 uses a YAML merge key (<<)
            """)
    void malformedSectionsAreRefusedNamingTheSection(String fixtureName, AwsAuthSection section, String detail) {
        Map<String, String> data = fixture(fixtureName);
        MalformedAwsAuthException e = assertThrows(MalformedAwsAuthException.class, () -> AwsAuthDocument.parse(data));

        assertEquals(section, e.section());
        assertTrue(e.getMessage().startsWith("aws-auth data." + section.key() + " cannot be parsed: "), e.getMessage());
        assertTrue(e.getMessage().contains(detail), e.getMessage());
        assertTrue(e.getMessage().endsWith("(nothing was written; fix the section by hand first)"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line, safe for logs: " + e.getMessage());
    }

    @Test
    void badYamlMessageSaysWhereTheErrorIs() {
        MalformedAwsAuthException e = assertThrows(MalformedAwsAuthException.class,
                () -> AwsAuthDocument.parse(fixture("malformed-bad-yaml.yaml")));
        assertTrue(e.getMessage().contains("line"), e.getMessage());
    }

    @Test
    void otherMalformedShapesAreRefusedToo() {
        record Bad(AwsAuthSection section, String text, String detail) {
        }
        for (Bad bad : List.of(
                new Bad(AwsAuthSection.MAP_ROLES, "- just a string\n", "entry 1 must be a mapping, got string"),
                new Bad(AwsAuthSection.MAP_ROLES, "- rolearn: a\n- [nested]\n", "entry 2 must be a mapping"),
                new Bad(AwsAuthSection.MAP_ROLES, "- rolearn: a\n  groups: [view, 7]\n", "must hold only strings"),
                new Bad(AwsAuthSection.MAP_ROLES, "- rolearn: a\n  rolearn: b\n", "rolearn"),
                new Bad(AwsAuthSection.MAP_USERS, "- userarn: a\n  username: {x: y}\n", "'username' must be a string"),
                new Bad(AwsAuthSection.MAP_USERS, "just text", "must be a YAML list"),
                new Bad(AwsAuthSection.MAP_ACCOUNTS, "- {id: 111122223333}\n", "entry 1 must be an account ID"),
                new Bad(AwsAuthSection.MAP_ACCOUNTS, "- [111122223333]\n", "entry 1 must be an account ID"))) {
            MalformedAwsAuthException e = assertThrows(MalformedAwsAuthException.class,
                    () -> AwsAuthDocument.parse(Map.of(bad.section().key(), bad.text())), bad.text());
            assertEquals(bad.section(), e.section(), bad.text());
            assertTrue(e.getMessage().contains(bad.detail()), e.getMessage());
        }
    }

    @Test
    void fieldKeysAreReadCaseInsensitively() {
        AwsAuthDocument doc = reparse(fixture("mixed-case-keys.yaml"));
        assertEquals(List.of(new IdentityMapping("arn:aws:iam::111122223333:role/Legacy", "legacy", List.of("view"),
                Map.of())), doc.roles());
        assertEquals(List.of(new IdentityMapping("arn:aws:iam::111122223333:user/carol", "carol", List.of("edit"),
                Map.of())), doc.users());
    }

    @Test
    void fieldKeysAreWrittenInLowerCase() {
        Map<String, String> data = fixture("mixed-case-keys.yaml");
        Map<String, String> written = plan(data, grant("arn:aws:iam::111122223333:role/legacy", "legacy", "edit"))
                .apply(data);
        assertEquals("- rolearn: arn:aws:iam::111122223333:role/legacy\n  username: legacy\n  groups:\n  - edit\n",
                written.get("mapRoles"));
        assertEquals(data.get("mapUsers"), written.get("mapUsers"), "the section not changed keeps its own spelling");

        Map<String, String> users = plan(data, grant("arn:aws:iam::111122223333:user/dan", "dan")).apply(data);
        assertEquals(data.get("mapUsers") + "- userarn: arn:aws:iam::111122223333:user/dan\n  username: dan\n",
                users.get("mapUsers"), "the new entry is written in lower case; the untouched entry keeps its text");
    }

    @Test
    void topLevelDataKeysAreCaseSensitive() {
        Map<String, String> data = Map.of("MapRoles", "- rolearn: arn:aws:iam::111122223333:role/x\n");
        AccessPlan plan = plan(data, grant("arn:aws:iam::111122223333:role/y", "y"));
        Map<String, String> written = plan.apply(data);
        assertEquals(data.get("MapRoles"), written.get("MapRoles"));
        assertEquals(1, reparse(written).roles().size());
    }

    @Test
    void yaml11TrapGroupsAreWrittenQuoted() {
        Map<String, String> data = fixture("empty.yaml");
        String text = plan(data, grant("arn:aws:iam::111122223333:role/traps", "123", "yes", "on", "no", "123", "0x1F",
                "Off", "y", "null", "1.5", "+1", ".inf")).apply(data).get("mapRoles");
        for (String trap : List.of("yes", "on", "no", "0x1F", "Off", "y", "null", "1.5", "+1", ".inf")) {
            assertTrue(text.contains("  - \"" + trap + "\"\n"), trap + " must be quoted in:\n" + text);
        }
        assertTrue(text.contains("  username: \"123\"\n"), text);
        assertTrue(text.contains("  - \"123\"\n"), text);
    }

    @Test
    void yaml11TrapKeysAndValuesInUnknownFieldsAreWrittenQuoted() {
        Map<String, String> data = fixture("yaml11-traps.yaml");
        Map<String, String> written = plan(data, grant("arn:aws:iam::111122223333:role/other", "other")).apply(data);
        String text = written.get("mapRoles");

        for (String line : List.of("  - \"yes\"", "  - \"on\"", "  - \"no\"", "  - \"123\"", "  - \"0x1F\"",
                "  \"yes\": \"on\"", "  \"no\": \"0x1F\"", "  \"123\": \"no\"")) {
            assertTrue(text.lines().anyMatch(line::equals), line + " expected in:\n" + text);
        }
        assertEquals(reparse(data).roles().get(0), reparse(written).roles().get(0));
    }

    @Test
    void listingShowsEveryEntryAndMarksNodeMappings() {
        List<ListedMapping> listed = reparse(fixture("eks-default.yaml")).list();
        assertEquals(List.of("role", "role", "user", "user", "account"), listed.stream().map(ListedMapping::kind).toList());
        assertEquals(List.of(true, false, false, false, false), listed.stream().map(ListedMapping::node).toList());
        assertEquals("444455556666", listed.get(4).identity());
    }
}
