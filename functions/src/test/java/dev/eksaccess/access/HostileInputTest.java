package dev.eksaccess.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rule 5: bad input is refused with an error that names the field and states the rule. Each row starts
 * from a valid grant (role "dev", username "dev", groups [view, edit]) and spoils one value.
 */
class HostileInputTest {
    private static final String ARN = "arn:aws:iam::111122223333:role/dev";
    private static final String CONTROL = "must not contain control, bidi or invisible characters";
    private static final String CHARSET = "may contain only letters, digits";
    private static final String BLANK = "is required and must not be blank";

    private static Arguments arn(String description, String arn, String field, String rule) {
        return Arguments.of(description, arn, "dev", List.of("view", "edit"), field, rule);
    }

    private static Arguments username(String description, String username, String rule) {
        return Arguments.of(description, ARN, username, List.of("view", "edit"), "username", rule);
    }

    private static Arguments secondGroup(String description, String group, String rule) {
        return Arguments.of(description, ARN, "dev", Arrays.asList("view", group), "groups[1]", rule);
    }

    static Stream<Arguments> hostileGrants() {
        return Stream.of(
                username("newline in username", "dev\nops", CONTROL + " (found U+000A at index 3)"),
                username("carriage return in username", "dev\rops", "U+000D"),
                username("tab in username", "dev\tops", "U+0009"),
                username("NUL in username", "dev\u0000", "U+0000 at index 3"),
                username("list item smuggled into username", "- system:masters", CHARSET),
                username("YAML block smuggled into username", "admin\n  groups:\n  - system:masters", CONTROL),
                username("flow mapping smuggled into username", "admin, groups: [system:masters]", CHARSET),
                username("unknown placeholder", "{{Unknown}}", "unknown placeholder {{Unknown}}"),
                username("placeholder in the wrong case", "{{sessionname}}", "unknown placeholder {{sessionname}}"),
                username("unbalanced placeholder", "{{SessionName}", "braces are allowed only in {{Placeholder}} form"),
                username("single-brace placeholder", "{SessionName}", "braces are allowed only in {{Placeholder}} form"),
                username("space in username", "dev ops", CHARSET),
                username("asterisk in username", "dev*", CHARSET),
                username("empty username", "", BLANK),
                username("blank username", "   ", BLANK),
                username("bidi override U+202E", "adm\u202Enimda", "U+202E"),
                username("zero-width space U+200B", "ad\u200Bmin", "U+200B"),
                username("line separator U+2028", "dev\u2028ops", "U+2028"),
                username("username over 256 characters", "u".repeat(257), "at most 256 characters"),
                secondGroup("newline in group", "view\n- system:masters", CONTROL),
                secondGroup("list item smuggled into group", "- system:masters", CHARSET),
                secondGroup("unknown placeholder in group", "team-{{Unknown}}", "unknown placeholder {{Unknown}}"),
                secondGroup("unbalanced placeholder in group", "{{SessionName}", "braces are allowed only"),
                secondGroup("space in group", "system: masters", CHARSET),
                secondGroup("empty group", "", BLANK),
                secondGroup("missing group", null, BLANK),
                secondGroup("zero-width space in group", "system:\u200Bmasters", "U+200B"),
                secondGroup("bidi override in group", "\u202Esretsam:metsys", "U+202E at index 0"),
                secondGroup("NUL in group", "view\u0000", "U+0000"),
                arn("unknown partition aws-xx", "arn:aws-xx:iam::111122223333:role/dev", "arn partition",
                        "unknown partition 'aws-xx'; expected one of aws, aws-cn, aws-us-gov"),
                arn("partition in upper case", "arn:AWS:iam::111122223333:role/dev", "arn partition",
                        "unknown partition 'AWS'"),
                arn("11-digit account", "arn:aws:iam::11112222333:role/dev", "arn account",
                        "must be a 12-digit AWS account ID (got '11112222333')"),
                arn("13-digit account", "arn:aws:iam::1111222233334:role/dev", "arn account", "12-digit"),
                arn("role name of 65 characters", "arn:aws:iam::111122223333:role/" + "r".repeat(65), "arn",
                        "IAM role name must be at most 64 characters (got 65)"),
                arn("role name with a space", "arn:aws:iam::111122223333:role/my role", "arn",
                        "IAM role name must match [\\w+=,.@-]+"),
                arn("role name with *", "arn:aws:iam::111122223333:role/*", "arn", "IAM role name must match"),
                arn("user name with a space", "arn:aws:iam::111122223333:user/al ice", "arn", "IAM user name must match"),
                arn("non-ASCII role name", "arn:aws:iam::111122223333:role/r\u00f4le", "arn", "must match"),
                arn("empty role name", "arn:aws:iam::111122223333:role/", "arn", "must match"),
                arn("empty path segment", "arn:aws:iam::111122223333:role/a//dev", "arn", "IAM path must be"),
                arn("empty ARN", "", "arn", BLANK),
                arn("blank ARN", "  ", "arn", BLANK),
                arn("missing ARN", null, "arn", BLANK),
                arn("trailing space", ARN + " ", "arn", "must not have leading or trailing spaces"),
                arn("leading space", " " + ARN, "arn", "must not have leading or trailing spaces"),
                arn("newline and YAML after the ARN", ARN + "\n  groups: [system:masters]", "arn", CONTROL),
                arn("zero-width space in ARN", "arn:aws:iam::111122223333:role/de\u200Bv", "arn", "U+200B"),
                arn("bidi override in ARN", "arn:aws:iam::111122223333:role/\u202Eved", "arn", "U+202E"),
                arn("NUL in ARN", ARN + "\u0000", "arn", "U+0000"),
                arn("STS assumed-role ARN", "arn:aws:sts::111122223333:assumed-role/dev/alice@example.com", "arn",
                        "is an STS assumed-role session ARN; give the IAM role ARN"),
                arn("IAM group ARN", "arn:aws:iam::111122223333:group/devs", "arn",
                        "must be an IAM role or user ARN like arn:aws:iam::111122223333:role/RoleName"),
                arn("not an ARN", "dev", "arn", "must be an IAM role or user ARN"),
                arn("fullwidth digits in account", "arn:aws:iam::\uff11\uff11\uff11\uff11\uff12\uff12\uff12\uff12"
                        + "\uff13\uff13\uff13\uff13:role/dev", "arn account", "12-digit"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileGrants")
    void hostileGrantIsRefusedNamingFieldAndRule(String description, String arn, String username, List<String> groups,
                                                String field, String rule) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> AccessChange.GrantIdentity.of(arn, username, groups));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(rule), "expected '" + rule + "' in: " + e.getMessage());
        assertTrue(e.getMessage().codePoints().noneMatch(TextRules::isInvisibleOrBidi),
                "the message itself is safe to print: " + e.getMessage());
    }

    static Stream<Arguments> hostileRevokes() {
        return hostileGrants().filter(a -> ((String) a.get()[4]).startsWith("arn"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRevokes")
    void hostileRevokeIsRefusedTheSameWay(String description, String arn, String username, List<String> groups,
                                          String field, String rule) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AccessChange.RevokeIdentity.of(arn));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(rule), e.getMessage());
    }

    static Stream<Arguments> hostileAccounts() {
        return Stream.of(
                Arguments.of("11 digits", "11112222333"),
                Arguments.of("13 digits", "1111222233334"),
                Arguments.of("empty", ""),
                Arguments.of("missing", null),
                Arguments.of("dashes", "1111-2222-3333"),
                Arguments.of("leading space", " 111122223333"),
                Arguments.of("trailing newline", "111122223333\n"),
                Arguments.of("fullwidth digits", "\uff11\uff11\uff11\uff11\uff12\uff12\uff12\uff12\uff13\uff13\uff13\uff13"),
                Arguments.of("zero-width space", "1111\u200B22223333"),
                Arguments.of("YAML list smuggled in", "111122223333\n- 444455556666"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileAccounts")
    void hostileAccountIdIsRefused(String description, String account) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AccountId.of("account", account));
        assertEquals("account", e.field());
        assertTrue(e.getMessage().startsWith("account: must be a 12-digit AWS account ID (got '"), e.getMessage());
        assertTrue(e.getMessage().codePoints().noneMatch(cp -> cp == '\n' || cp == 0x200B), e.getMessage());
    }
}
