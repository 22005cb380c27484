package dev.eksaccess.handler;

import static dev.eksaccess.handler.LocalCloud.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.eksaccess.access.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Hostile input through the real entry points: every case gets a clear error naming the field, nothing
 * is written to any cluster, and no output or log line carries a token or a secret.
 */
class HostileInputTest {
    static final String ARN = "arn:aws:iam::111122223333:role/developers";
    /** Lambda always runs with session credentials: a token that must never be echoed. */
    static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjEHostileInputSessionToken0123456789abcdefABCDEF";
    static LocalCloud cloud;
    @RegisterExtension
    final SecretWatch watch = new SecretWatch(() -> List.of(cloud.secretAccessKey, SESSION_TOKEN));

    @BeforeAll
    static void start() {
        cloud = new LocalCloud();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @BeforeEach
    void clear() {
        cloud.prod.clearCalls();
    }

    /** The function's variables, with the session token Lambda always gives it. */
    static Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>(cloud.env());
        env.put("AWS_SESSION_TOKEN", SESSION_TOKEN);
        return env;
    }

    static String grant(String arn, String username, String groupsJson) {
        return "{\"clusters\":[{\"name\":\"prod\",\"region\":\"eu-north-1\"}],\"arn\":" + arn + ",\"username\":" + username
                + ",\"groups\":" + groupsJson + "}";
    }

    static String q(String s) {
        return Json.MAPPER.writeValueAsString(s);
    }

    static Stream<Arguments> directRequests() {
        String longName = "a".repeat(300);
        return Stream.of(
                row("newline smuggles a group into the username", grant(q(ARN), q("admin\n  groups:\n  - system:masters"), "[]"), "username"),
                row("YAML list item as username", grant(q(ARN), q("- system:masters"), "[]"), "username"),
                row("tab in username", grant(q(ARN), q("admin\tx"), "[]"), "username"),
                row("carriage return in username", grant(q(ARN), q("admin\r"), "[]"), "username"),
                row("unknown placeholder", grant(q(ARN), q("{{Unknown}}"), "[]"), "username"),
                row("unbalanced placeholder", grant(q(ARN), q("admin:{{SessionName}"), "[]"), "username"),
                row("over-long username", grant(q(ARN), q(longName), "[]"), "username"),
                row("Cyrillic homoglyph in username", grant(q(ARN), q("\u0430dmin"), "[]"), "username"),
                row("username as a number", grant(q(ARN), "42", "[]"), "username"),
                row("newline smuggles an item into a group", grant(q(ARN), q("dev"), "[" + q("dev\n- system:masters") + "]"), "groups[0]"),
                row("bidi override in a group", grant(q(ARN), q("dev"), "[" + q("dev\u202Eadmin") + "]"), "groups[0]"),
                row("zero-width space in a group", grant(q(ARN), q("dev"), "[" + q("dev\u200B") + "]"), "groups[0]"),
                row("NUL in a group", grant(q(ARN), q("dev"), "[" + q("dev\u0000") + "]"), "groups[0]"),
                row("space in the second group", grant(q(ARN), q("dev"), "[\"ok\"," + q("system: masters") + "]"), "groups[1]"),
                row("groups as a string", grant(q(ARN), q("dev"), q("system:masters")), "groups"),
                row("257-character group", grant(q(ARN), q("dev"), "[" + q("g".repeat(257)) + "]"), "groups[0]"),
                row("a group as a number", grant(q(ARN), q("dev"), "[7]"), "groups[0]"),
                row("65 groups", grant(q(ARN), q("dev"), "[" + String.join(",", java.util.Collections.nCopies(65, q("g"))) + "]"), "groups"),
                row("newline in the ARN", grant(q(ARN + "\n- rolearn: arn:aws:iam::111122223333:role/x"), q("dev"), "[]"), "arn"),
                row("unknown partition", grant(q("arn:aws-xx:iam::111122223333:role/dev"), q("dev"), "[]"), "arn partition"),
                row("upper-case partition", grant(q("arn:AWS:iam::111122223333:role/dev"), q("dev"), "[]"), "arn partition"),
                row("11-digit account in the ARN", grant(q("arn:aws:iam::11112222333:role/dev"), q("dev"), "[]"), "arn account"),
                row("65-character role name", grant(q("arn:aws:iam::111122223333:role/" + "r".repeat(65)), q("dev"), "[]"), "arn"),
                row("2,049-character ARN", grant(q("arn:aws:iam::111122223333:role/" + "p/".repeat(1008) + "dev"), q("dev"), "[]"), "arn"),
                row("513-character IAM path", grant(q("arn:aws:iam::111122223333:role/" + "a/".repeat(257) + "dev"), q("dev"), "[]"), "arn"),
                row("wildcard role name", grant(q("arn:aws:iam::111122223333:role/*"), q("dev"), "[]"), "arn"),
                row("STS session ARN", grant(q("arn:aws:sts::111122223333:assumed-role/dev/jane"), q("dev"), "[]"), "arn"),
                row("trailing space in the ARN", grant(q(ARN + " "), q("dev"), "[]"), "arn"),
                row("ARN as a number", grant("111122223333", q("dev"), "[]"), "arn"),
                row("ARN as an object", grant("{\"arn\":\"x\"}", q("dev"), "[]"), "arn"),
                row("dryRun as a string", "{\"clusters\":[{\"name\":\"prod\",\"region\":\"eu-north-1\"}],\"arn\":" + q(ARN) + ",\"dryRun\":\"false\"}", "dryRun"),
                row("misspelt field", "{\"clusters\":[{\"name\":\"prod\",\"region\":\"eu-north-1\"}],\"arn\":" + q(ARN) + ",\"group\":[\"x\"]}", "group"),
                row("duplicate arn key", "{\"clusters\":[{\"name\":\"prod\",\"region\":\"eu-north-1\"}],\"arn\":" + q(ARN) + ",\"arn\":\"arn:aws:iam::111122223333:role/admin\"}", "request"),
                row("no clusters", "{\"arn\":" + q(ARN) + "}", "clusters"),
                row("clusters as an object", "{\"clusters\":{\"name\":\"prod\"},\"arn\":" + q(ARN) + "}", "clusters"),
                row("cluster name with a slash", "{\"clusters\":[{\"name\":\"prod/../x\",\"region\":\"eu-north-1\"}],\"arn\":" + q(ARN) + "}", "clusters[0].name"),
                row("101-character cluster name", "{\"clusters\":[{\"name\":\"" + "c".repeat(101) + "\",\"region\":\"eu-north-1\"}],\"arn\":" + q(ARN) + "}", "clusters[0].name"),
                row("made-up region", "{\"clusters\":[{\"name\":\"prod\",\"region\":\"mars-1\"}],\"arn\":" + q(ARN) + "}", "clusters[0].region"),
                row("13-digit cluster account", "{\"clusters\":[{\"name\":\"prod\",\"region\":\"eu-north-1\",\"accountId\":\"1111222233334\"}],\"arn\":" + q(ARN) + "}", "clusters[0].accountId"),
                row("the same cluster twice", "{\"clusters\":[{\"name\":\"prod\",\"region\":\"eu-north-1\"},{\"name\":\"prod\",\"region\":\"eu-north-1\"}],\"arn\":" + q(ARN) + "}", "clusters[1].name"),
                row("101 clusters", "{\"clusters\":[" + String.join(",", java.util.Collections.nCopies(101, "{\"name\":\"c\",\"region\":\"eu-north-1\"}")) + "],\"arn\":" + q(ARN) + "}", "clusters"),
                row("arn and account together", "{\"clusters\":[{\"name\":\"prod\",\"region\":\"eu-north-1\"}],\"arn\":" + q(ARN) + ",\"account\":\"111122223333\"}", "account"),
                row("account with letters", "{\"clusters\":[{\"name\":\"prod\",\"region\":\"eu-north-1\"}],\"account\":\"11112222333x\"}", "account"),
                row("truncated JSON", "{\"clusters\":[{\"name\":\"prod\",\"region\":\"eu-no", "request"),
                row("a JSON list instead of an object", "[" + q(ARN) + "]", "request"),
                row("empty request", "", "request"),
                row("oversized request", "{\"clusters\":[],\"pad\":\"" + "x".repeat(300_000) + "\"}", "request"));
    }

    private static Arguments row(String description, String request, String field) {
        return Arguments.of(description, request, field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("directRequests")
    void directRequestsAreRefusedNamingTheFieldAndWriteNothing(String description, String request, String field) {
        InvalidInputException e = refused(() -> new GrantAccessHandler(env()), request);
        assertEquals(field, e.field(), description + ": " + e.getMessage());
        assertEquals(0, cloud.prod.calls().size(), "no cluster was even read");
    }

    static Stream<Arguments> otherHandlers() {
        String prod = "{\"name\":\"prod\",\"region\":\"eu-north-1\"}";
        return Stream.of(
                Arguments.of("revoke: newline in the ARN", "revoke", "{\"clusters\":[" + prod + "],\"arn\":"
                        + q(ARN + "\n- rolearn: x") + "}", "arn"),
                Arguments.of("revoke: bidi override in the ARN", "revoke", "{\"clusters\":[" + prod + "],\"arn\":"
                        + q(ARN + "\u202E") + "}", "arn"),
                Arguments.of("revoke: truncated JSON", "revoke", "{\"clusters\":[" + prod, "request"),
                Arguments.of("list: clusters as a string", "list", "{\"clusters\":\"prod\"}", "clusters"),
                Arguments.of("list: made-up backend", "list", "{\"clusters\":[" + prod + "],\"backend\":\"etcd\"}",
                        "backend"),
                Arguments.of("list: unknown field", "list", "{\"clusters\":[" + prod + "],\"arn\":" + q(ARN) + "}",
                        "arn"),
                Arguments.of("reconcile: dryRun as a string", "reconcile", "{\"dryRun\":\"yes\"}", "dryRun"),
                Arguments.of("reconcile: unknown field", "reconcile", "{\"clusters\":[]}", "clusters"),
                Arguments.of("reconcile: oversized request", "reconcile", "{\"dryRun\":true,\"pad\":\""
                        + "x".repeat(300_000) + "\"}", "request"),
                Arguments.of("resolve-role: 11-digit account", "resolve-role", "{\"accountId\":\"11112222333\"}",
                        "accountId"),
                Arguments.of("resolve-role: account as a number", "resolve-role", "{\"accountId\":111122223333}",
                        "accountId"),
                Arguments.of("resolve-role: newline in the permission set name", "resolve-role",
                        "{\"accountId\":\"111122223333\",\"permissionSetName\":" + q("Admin\nx") + "}",
                        "permissionSetName"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherHandlers")
    void everyOtherHandlerRefusesHostileRequestsNamingTheField(String description, String function, String request,
                                                                String field) {
        Map<String, String> vars = env();
        InvalidInputException e = refused(() -> switch (function) {
            case "revoke" -> new RevokeAccessHandler(vars);
            case "list" -> new ListAccessHandler(vars);
            case "reconcile" -> new ReconcileHandler(vars);
            default -> new ResolveRoleHandler(vars);
        }, request);
        assertEquals(field, e.field(), description + ": " + e.getMessage());
        assertEquals(0, cloud.prod.calls().size(), "no cluster was even read");
    }

    static Stream<Arguments> ssoInputs() {
        String create = event("sso-create-user.json");
        return Stream.of(
                Arguments.of("truncated event", create.substring(0, create.length() / 2), Map.of(), "request"),
                Arguments.of("target account of 11 digits", create.replace("\"targetId\": \"111122223333\"",
                        "\"targetId\": \"11112222333\""), Map.of(), "detail.requestParameters.targetId"),
                Arguments.of("principal type as a number", create.replace("\"principalType\": \"USER\"",
                        "\"principalType\": 1"), Map.of(), "detail.requestParameters.principalType"),
                Arguments.of("oversized event", create.replace("\"resources\": []", "\"resources\": [\""
                        + "r".repeat(300_000) + "\"]"), Map.of(), "request"),
                Arguments.of("policy username with a newline", create, Map.of("ACCESS_POLICY",
                        "permissionSets:\n  AdministratorAccess:\n    username: \"admin\\n- system:masters\"\n"
                                + "    clusters: [{region: eu-north-1, name: prod}]\n"),
                        "permissionSets.AdministratorAccess.username"),
                Arguments.of("policy groups as a string", create, Map.of("ACCESS_POLICY",
                        "permissionSets:\n  AdministratorAccess:\n    username: admin\n    groups: system:masters\n"
                                + "    clusters: [{region: eu-north-1, name: prod}]\n"),
                        "permissionSets.AdministratorAccess.groups"),
                Arguments.of("policy as a JSON list", create, Map.of("ACCESS_POLICY", "[1,2]"), "policy"),
                Arguments.of("policy username with a bidi override", create, Map.of("ACCESS_POLICY",
                        "permissionSets:\n  AdministratorAccess:\n    username: \"adm\u202Ein\"\n"
                                + "    clusters: [{region: eu-north-1, name: prod}]\n"),
                        "permissionSets.AdministratorAccess.username"),
                Arguments.of("policy with an alias bomb", create, Map.of("ACCESS_POLICY", aliasBomb()), "policy"),
                Arguments.of("policy with a Java type tag", create, Map.of("ACCESS_POLICY",
                        "permissionSets: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader "
                                + "[[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\n"), "policy"),
                Arguments.of("oversized policy", create, Map.of("ACCESS_POLICY", "permissionSets:\n"
                        + "  AdministratorAccess:\n    username: admin\n    clusters: [{region: eu-north-1, name: prod}]\n"
                        + "# " + "x".repeat(2_000_000) + "\n"), "policy"));
    }

    /** A billion laughs: ten levels of ten aliases each. */
    private static String aliasBomb() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [lol]\n");
        for (int i = 1; i <= 10; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        return yaml.append("permissionSets: *a10\n").toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ssoInputs")
    void ssoEventsAndPoliciesAreRefusedNamingThePath(String description, String event, Map<String, String> env,
                                                     String path) {
        Map<String, String> vars = env();
        vars.putIfAbsent("ACCESS_POLICY", "permissionSets: {}");
        vars.putAll(env);
        InvalidInputException e = refused(() -> new SsoAssignmentHandler(vars), event);
        assertTrue(e.field().startsWith(path), description + ": field " + e.field() + ", " + e.getMessage());
        assertEquals(0, cloud.prod.calls().size());
    }

    @Test
    void malformedAwsAuthSectionsStopTheGrantAndAreNamed() {
        for (Map.Entry<String, String> broken : Map.of(
                "mapRoles", "- rolearn: arn:aws:iam::111122223333:role/x\n\tusername: tab-indented\n",
                "mapUsers", "userarn: not-a-list\n",
                "mapAccounts", "- [nested]\n").entrySet()) {
            Map<String, String> data = new LinkedHashMap<>(cloud.awsAuth(cloud.prod).getData());
            Map<String, String> original = Map.copyOf(data);
            data.put(broken.getKey(), broken.getValue());
            cloud.prod.adminClient().configMaps().inNamespace("kube-system").withName("aws-auth")
                    .edit(cm -> { cm.setData(data); return cm; });
            cloud.prod.clearCalls();
            try {
                ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class,
                        () -> watch.invoke(new GrantAccessHandler(env()), grant(q(ARN), q("dev"), "[]")));
                assertTrue(e.getMessage().contains("aws-auth data." + broken.getKey() + " cannot be parsed"),
                        e.getMessage());
                assertEquals(0, cloud.prod.awsAuthWrites());
            } finally {
                restore(original);
            }
        }
    }

    @ParameterizedTest(name = "{0} stops a {2}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed-bad-yaml.yaml            | mapRoles    | grant
            malformed-bad-yaml.yaml            | mapRoles    | revoke
            malformed-map-not-list.yaml        | mapUsers    | grant
            malformed-map-not-list.yaml        | mapUsers    | revoke
            malformed-groups-string.yaml       | mapRoles    | grant
            malformed-groups-string.yaml       | mapRoles    | revoke
            malformed-rolearn-number.yaml      | mapRoles    | grant
            malformed-rolearn-number.yaml      | mapRoles    | revoke
            malformed-keys-differ-in-case.yaml | mapUsers    | grant
            malformed-keys-differ-in-case.yaml | mapUsers    | revoke
            malformed-second-document.yaml     | mapAccounts | grant
            malformed-second-document.yaml     | mapAccounts | revoke
            malformed-merge-key.yaml           | mapRoles    | grant
            malformed-merge-key.yaml           | mapRoles    | revoke
            """)
    void malformedAwsAuthFixturesStopGrantsAndRevokesAndAreNamed(String fixture, String section, String action) {
        Map<String, String> original = Map.copyOf(cloud.awsAuth(cloud.prod).getData());
        Map<String, String> data = new LinkedHashMap<>(original);
        data.putAll(awsAuthFixture(fixture));
        restore(data);
        cloud.prod.clearCalls();
        try {
            ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class, () -> watch.invoke(
                    action.equals("grant") ? new GrantAccessHandler(env()) : new RevokeAccessHandler(env()),
                    action.equals("grant") ? grant(q(ARN), q("dev"), "[]")
                            : "{\"clusters\":[{\"name\":\"prod\",\"region\":\"eu-north-1\"}],\"arn\":" + q(ARN) + "}"));
            assertTrue(e.getMessage().contains("aws-auth data." + section + " cannot be parsed"), e.getMessage());
            assertEquals(0, cloud.prod.awsAuthWrites());
        } finally {
            restore(original);
        }
    }

    /** An aws-auth data fixture of the access tests (functions/src/test/resources/aws-auth). */
    private static Map<String, String> awsAuthFixture(String name) {
        try (var in = HostileInputTest.class.getResourceAsStream("/aws-auth/" + name)) {
            Map<String, String> data = new LinkedHashMap<>();
            ((Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromInputStream(in))
                    .forEach((k, v) -> data.put((String) k, (String) v));
            return data;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aGrantThatWouldTakeAwsAuthOverOneMebibyteIsRefused() {
        StringBuilder roles = new StringBuilder(cloud.awsAuth(cloud.prod).getData().get("mapRoles"));
        for (int i = 0; roles.length() < 1024 * 1024 - 200; i++) {
            roles.append("- rolearn: arn:aws:iam::111122223333:role/filler-").append(i)
                    .append("\n  username: filler\n");
        }
        Map<String, String> data = new LinkedHashMap<>(cloud.awsAuth(cloud.prod).getData());
        Map<String, String> original = Map.copyOf(data);
        data.put("mapRoles", roles.toString());
        cloud.prod.adminClient().configMaps().inNamespace("kube-system").withName("aws-auth")
                .edit(cm -> { cm.setData(data); return cm; });
        cloud.prod.clearCalls();
        try {
            ProvisioningFailedException e = assertThrows(ProvisioningFailedException.class, () -> watch.invoke(
                    new GrantAccessHandler(env()), grant(q(ARN), q("dev"), "[\"" + "g".repeat(200) + "\"]")));
            assertTrue(e.getMessage().contains("over the 1 MiB ConfigMap limit"), e.getMessage());
            assertEquals(0, cloud.prod.awsAuthWrites());
        } finally {
            restore(original);
        }
    }

    private static void restore(Map<String, String> data) {
        cloud.prod.adminClient().configMaps().inNamespace("kube-system").withName("aws-auth")
                .edit(cm -> { cm.setData(new LinkedHashMap<>(data)); return cm; });
    }

    /** Runs the handler; {@link SecretWatch} checks its output, logs and error for secrets and tokens. */
    private InvalidInputException refused(java.util.function.Supplier<RequestStreamHandler> handler, String request) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> watch.invoke(handler.get(), request));
        assertFalse(e.getMessage().length() > 600, "a short message, not an echo of the input: " + e.getMessage());
        return e;
    }
}
