package dev.eksaccess.access;

import static dev.eksaccess.access.AwsAuthFixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Whatever we render parses back to exactly what we meant: for every fixture and for generated documents. */
class RoundTripTest {
    private static final long SEED = 0x5EED_AA07L;
    private static final int CASES = 400;

    static List<String> wellFormedFixtures() {
        return AwsAuthFixtures.wellFormedFixtureNames();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wellFormedFixtures")
    void everyFixtureSectionRoundTrips(String fixtureName) {
        assertRoundTrips(fixtureName, AwsAuthDocument.parse(fixture(fixtureName)));
    }

    @Test
    void thereAreFixturesToTest() {
        assertTrue(wellFormedFixtures().size() >= 10, "fixtures: " + wellFormedFixtures());
        assertTrue(AwsAuthFixtures.allFixtureNames().stream().filter(n -> n.startsWith("malformed-")).count() >= 6);
    }

    static Stream<Integer> generatedCases() {
        return IntStream.range(0, CASES).boxed();
    }

    @ParameterizedTest(name = "generated document #{0}")
    @MethodSource("generatedCases")
    void generatedDocumentsRoundTrip(int caseNumber) {
        AwsAuthDocument doc = new DocumentGenerator(new Random(SEED + caseNumber)).document();
        assertRoundTrips("case " + caseNumber, doc);

        // Written as a whole ConfigMap and read back, too.
        Map<String, String> written = doc.writeInto(Map.of("otherKey", "keep"), AwsAuthDocument.EMPTY);
        assertEquals(doc, AwsAuthDocument.parse(written), "case " + caseNumber);
        assertEquals("keep", written.get("otherKey"));
    }

    @ParameterizedTest(name = "generated document #{0}")
    @MethodSource("generatedCases")
    void grantsOnGeneratedDocumentsKeepEveryOtherEntryAndReplayAsNoOps(int caseNumber) {
        Random random = new Random(~(SEED + caseNumber));
        DocumentGenerator generator = new DocumentGenerator(random);
        AwsAuthDocument doc = generator.document();
        Map<String, String> data = doc.writeInto(Map.of(), AwsAuthDocument.EMPTY);
        // A fresh name, so no node entry can match and refuse the grant.
        String arn = "arn:aws:iam::111122223333:role/granted-" + caseNumber;
        AccessChange.GrantIdentity grant = AccessChange.GrantIdentity.of(arn, generator.template(),
                List.of(generator.template(), "view"));

        AccessPlan plan = AccessPlanner.plan(AwsAuthDocument.parse(data), grant);
        Map<String, String> written = plan.apply(data);
        AwsAuthDocument after = AwsAuthDocument.parse(written);
        assertEquals(doc.roles(), after.roles().subList(0, doc.roles().size()), "case " + caseNumber);
        assertEquals(doc.users(), after.users());
        assertEquals(data.get("mapUsers"), written.get("mapUsers"));
        assertFalse(AccessPlanner.plan(after, grant).changed(), "case " + caseNumber);

        AccessPlan revoke = AccessPlanner.plan(after, AccessChange.RevokeIdentity.of(arn));
        assertEquals(doc, AwsAuthDocument.parse(revoke.apply(written)), "case " + caseNumber);
    }

    private static void assertRoundTrips(String what, AwsAuthDocument doc) {
        for (AwsAuthSection section : AwsAuthSection.values()) {
            String text = doc.render(section);
            AwsAuthDocument back = AwsAuthDocument.parse(Map.of(section.key(), text));
            if (section == AwsAuthSection.MAP_ACCOUNTS) {
                assertEquals(doc.accounts(), back.accounts(), what + " " + section.key() + ":\n" + text);
            } else {
                assertEquals(doc.mappings(section), back.mappings(section), what + " " + section.key() + ":\n" + text);
            }
        }
    }

    /** Builds documents like people write them: valid and hand-made ARNs, placeholders, odd extra fields. */
    private static final class DocumentGenerator {
        private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+=,.@_-";
        private static final List<String> PLACEHOLDERS = List.of("{{AccountID}}", "{{SessionName}}",
                "{{SessionNameRaw}}", "{{AccessKeyID}}", "{{EC2PrivateDNSName}}");
        private static final List<String> TRICKY = List.of("yes", "No", "on", "OFF", "y", "n", "true", "null", "~",
                "123", "0x1F", "0o17", "1e3", "-1", "+1", ".5", ".inf", "2023-01-01", "1:20", "", " ", "a b",
                "#not a comment", "key: value", "- item", "[x]", "{x}", "*alias", "&anchor", "!tag", "%pct", "@at",
                "`tick", "|", ">", "?", ":", "'single'", "\"double\"", "multi\nline", "tab\there", "cr\rhere",
                "trailing ", " leading", "ünïcödé", "日本語", "emoji \uD83D\uDE00", "bidi \u202E", "zw\u200Bsp",
                "nul\u0000", "bell\u0007", "del\u007F", "nel\u0085", "<<", "=", "{{SessionName}}");
        private static final List<String> EXTRA_KEYS = List.of("x-owner", "ticket", "sso", "comment", "yes", "on",
                "123", "0x1F", "Tags", "a b", "ünï", "", "null");

        private final Random random;

        DocumentGenerator(Random random) {
            this.random = random;
        }

        AwsAuthDocument document() {
            return new AwsAuthDocument(mappings("role"), mappings("user"), accounts());
        }

        private List<IdentityMapping> mappings(String kind) {
            List<IdentityMapping> list = new ArrayList<>();
            for (int i = random.nextInt(6); i > 0; i--) {
                String arn = chance(8) ? pick(TRICKY) : chance(10) ? null : arn(kind);
                String username = chance(5) ? null : chance(8) ? pick(TRICKY) : template();
                List<String> groups = new ArrayList<>();
                for (int g = random.nextInt(4); g > 0; g--) {
                    groups.add(chance(4) ? pick(TRICKY) : template());
                }
                list.add(new IdentityMapping(arn, username, groups, extra(random.nextInt(4))));
            }
            return list;
        }

        private String arn(String kind) {
            Partition partition = Partition.values()[random.nextInt(Partition.values().length)];
            StringBuilder path = new StringBuilder("/");
            for (int i = random.nextInt(3); i > 0; i--) {
                path.append(name(12)).append('/');
            }
            String arn = "arn:" + partition.id() + ":iam::" + digits(12) + ":" + kind + path + name(64);
            return chance(6) ? arn.toUpperCase(Locale.ROOT) : arn;
        }

        String template() {
            StringBuilder s = new StringBuilder();
            for (int i = 1 + random.nextInt(3); i > 0; i--) {
                s.append(chance(2) ? pick(PLACEHOLDERS) : name(10)).append(chance(3) ? ":" : "");
            }
            return s.toString();
        }

        private Map<String, Object> extra(int count) {
            Map<String, Object> extra = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                extra.put(pick(EXTRA_KEYS), value(2));
            }
            return extra;
        }

        private Object value(int depth) {
            switch (random.nextInt(depth > 0 ? 10 : 8)) {
                case 0: return random.nextInt();
                case 1: return 3_000_000_000L + random.nextInt(1_000_000);
                case 2: return new BigInteger("123456789012345678901234567890");
                case 3: return random.nextBoolean();
                case 4: return List.of(0.5, -2.25, 1e-7, 6.02e23, Double.NaN, Double.NEGATIVE_INFINITY)
                        .get(random.nextInt(6));
                case 5: return null;
                case 6, 7: return pick(TRICKY);
                case 8: {
                    List<Object> list = new ArrayList<>();
                    for (int i = random.nextInt(3); i > 0; i--) {
                        list.add(value(depth - 1));
                    }
                    return list;
                }
                default: {
                    Map<Object, Object> map = new LinkedHashMap<>();
                    for (int i = random.nextInt(3); i > 0; i--) {
                        map.put(chance(4) ? (Object) random.nextInt(100) : pick(TRICKY), value(depth - 1));
                    }
                    return map;
                }
            }
        }

        private List<String> accounts() {
            List<String> accounts = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                accounts.add(chance(6) ? pick(TRICKY) : digits(12));
            }
            return accounts;
        }

        private String name(int maxLength) {
            StringBuilder s = new StringBuilder();
            for (int i = 1 + random.nextInt(maxLength); i > 0; i--) {
                s.append(NAME_CHARS.charAt(random.nextInt(NAME_CHARS.length())));
            }
            return s.toString();
        }

        private String digits(int count) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < count; i++) {
                s.append((char) ('0' + random.nextInt(10)));
            }
            return s.toString();
        }

        private <T> T pick(List<T> list) {
            return list.get(random.nextInt(list.size()));
        }

        private boolean chance(int oneIn) {
            return random.nextInt(oneIn) == 0;
        }
    }
}
