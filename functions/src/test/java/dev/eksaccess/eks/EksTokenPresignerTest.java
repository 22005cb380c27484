package dev.eksaccess.eks;

import dev.eksaccess.testkit.EksTokenVerifier;

import dev.eksaccess.access.InvalidInputException;
import dev.eksaccess.access.Partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.eksaccess.testkit.EksTokenVerifier.InvalidTokenException;
import dev.eksaccess.testkit.EksTokenVerifier.VerifiedToken;
import java.io.File;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

class EksTokenPresignerTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String SESSION_TOKEN = "FwoGZXIvYXdzE//session+token/with=chars";
    private static final AwsBasicCredentials BASIC = AwsBasicCredentials.create("AKIDEXAMPLE", SECRET);
    private static final AwsSessionCredentials SESSION =
            AwsSessionCredentials.create("ASIAEXAMPLE", SECRET, SESSION_TOKEN);
    private static final String CLUSTER = "prod-cluster_1";
    private static final String REGION = "eu-north-1";

    private static EksTokenPresigner presigner(AwsCredentials credentials, Clock clock) {
        return new EksTokenPresigner(StaticCredentialsProvider.create(credentials), clock);
    }

    private static EksToken fixedToken(AwsCredentials credentials) {
        return presigner(credentials, Clock.fixed(T0, ZoneOffset.UTC)).presign(CLUSTER, REGION);
    }

    private static String url(String token) {
        return new String(Base64.getUrlDecoder().decode(token.substring(EksTokenVerifier.PREFIX.length())),
                StandardCharsets.UTF_8);
    }

    private static String token(String url) {
        return EksTokenVerifier.PREFIX
                + Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.UTF_8));
    }

    /** Query parameters in URL order, names as sent, values decoded. */
    private static Map<String, String> params(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }

    private static void assertRejected(String token, String reason, UnaryOperator<String> tamper) {
        String tampered = token(tamper.apply(url(token)));
        InvalidTokenException e = assertThrows(InvalidTokenException.class,
                () -> EksTokenVerifier.verify(tampered, CLUSTER, SECRET, T0));
        assertTrue(e.getMessage().contains(reason), () -> "expected '" + reason + "' in: " + e.getMessage());
    }

    @Test
    void staticCredentialsTokenPassesTheIndependentVerifier() {
        EksToken token = fixedToken(BASIC);
        VerifiedToken verified = EksTokenVerifier.verify(token.value(), CLUSTER, SECRET, T0);
        assertEquals("AKIDEXAMPLE", verified.accessKeyId());
        assertEquals(REGION, verified.region());
        assertEquals(LocalDate.of(2026, 1, 2), verified.date());
        assertEquals(60, verified.expiresSeconds());
        assertFalse(verified.hasSessionToken());
        assertFalse(params(url(token.value())).containsKey("X-Amz-Security-Token"));
    }

    @Test
    void sessionTokenIsIncludedAndSigned() {
        EksToken token = fixedToken(SESSION);
        VerifiedToken verified = EksTokenVerifier.verify(token.value(), CLUSTER, SECRET, T0);
        assertTrue(verified.hasSessionToken());
        assertEquals("ASIAEXAMPLE", verified.accessKeyId());
        assertEquals(SESSION_TOKEN, params(url(token.value())).get("X-Amz-Security-Token"));
        assertRejected(token.value(), "signature mismatch", u -> u.replace("session%2Btoken", "session%2Btokem"));
    }

    @Test
    void signsExactlyHostAndClusterHeaderOverTheEmptyBodyHash() {
        String token = fixedToken(SESSION).value();
        String url = url(token);
        Map<String, String> params = params(url);
        assertTrue(url.startsWith("https://sts.eu-north-1.amazonaws.com/?"), url);
        assertEquals("host;x-k8s-aws-id", params.get("X-Amz-SignedHeaders"));
        assertEquals("60", params.get("X-Amz-Expires"));
        assertEquals("GetCallerIdentity", params.get("Action"));
        assertEquals("2011-06-15", params.get("Version"));
        assertTrue(params.keySet().stream().noneMatch(n -> n.equalsIgnoreCase("X-Amz-Content-Sha256")),
                params::toString);
        // Signed over SHA-256(""), so the same token checked as if signed over UNSIGNED-PAYLOAD must fail.
        InvalidTokenException e = assertThrows(InvalidTokenException.class,
                () -> EksTokenVerifier.verify(token, CLUSTER, SECRET, T0, "UNSIGNED-PAYLOAD"));
        assertTrue(e.getMessage().contains("signature mismatch"), e.getMessage());
    }

    @Test
    void tamperedTokensFailVerification() {
        String token = fixedToken(SESSION).value();
        String signature = params(url(token)).get("X-Amz-Signature");
        char last = signature.charAt(signature.length() - 1);
        String flipped = signature.substring(0, signature.length() - 1) + (last == '0' ? '1' : '0');

        InvalidTokenException otherCluster = assertThrows(InvalidTokenException.class,
                () -> EksTokenVerifier.verify(token, "other-cluster", SECRET, T0));
        assertTrue(otherCluster.getMessage().contains("signature mismatch"), otherCluster.getMessage());
        assertThrows(InvalidTokenException.class, () -> EksTokenVerifier.verify(token, CLUSTER, "wrong", T0));

        assertRejected(token, "signature mismatch", u -> u.replace(signature, flipped));
        String expires = "X-Amz-Expires=60";
        assertRejected(token, "X-Amz-Expires must be in 0..900, got 901", u -> u.replace(expires, "X-Amz-Expires=901"));
        assertRejected(token, "X-Amz-Expires must be an integer", u -> u.replace(expires, "X-Amz-Expires=6O"));
        assertRejected(token, "signature mismatch", u -> u.replace(expires, "X-Amz-Expires=900"));
        assertRejected(token, "'extra' is not allowed", u -> u + "&Extra=1");
        assertRejected(token, "'x-amz-content-sha256' is not allowed",
                u -> u + "&X-Amz-Content-Sha256=UNSIGNED-PAYLOAD");
        assertRejected(token, "'action' appears more than once", u -> u + "&action=GetCallerIdentity");
        assertRejected(token, "scheme must be https", u -> u.replaceFirst("^https:", "http:"));
        assertRejected(token, "host must be sts.eu-north-1.amazonaws.com",
                u -> u.replace("sts.eu-north-1.amazonaws.com", "sts.amazonaws.com"));
        assertRejected(token, "host must be sts.eu-north-1.amazonaws.com",
                u -> u.replace("sts.eu-north-1.amazonaws.com", "sts.eu-north-1.amazonaws.com.evil.example"));
        assertRejected(token, "path must be /", u -> u.replace(".com/?", ".com/x?"));
        assertRejected(token, "Action must be GetCallerIdentity",
                u -> u.replace("GetCallerIdentity", "GetSessionToken"));

        assertThrows(InvalidTokenException.class, () -> EksTokenVerifier.verify(token + "==", CLUSTER, SECRET, T0));
        assertThrows(InvalidTokenException.class,
                () -> EksTokenVerifier.verify(token.replace("k8s-aws-v1.", "k8s-aws-v2."), CLUSTER, SECRET, T0));
    }

    @Test
    void validForFifteenMinutesFromSigningAsTheAuthenticatorCounts() {
        String token = fixedToken(BASIC).value();
        Instant signedAt = Instant.parse("2026-01-02T03:04:05Z");
        EksTokenVerifier.verify(token, CLUSTER, SECRET, signedAt.plus(Duration.ofMinutes(15)));
        InvalidTokenException e = assertThrows(InvalidTokenException.class, () -> EksTokenVerifier.verify(
                token, CLUSTER, SECRET, signedAt.plus(Duration.ofMinutes(15)).plusSeconds(1)));
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
    }

    @Test
    void fixedClockGivesDeterministicDateAndExpiry() {
        EksToken first = fixedToken(BASIC);
        assertEquals("20260102T030405Z", params(url(first.value())).get("X-Amz-Date"));
        assertEquals(Instant.parse("2026-01-02T03:18:05Z"), first.expiresAt());
        assertEquals(first, fixedToken(BASIC));
        assertTrue(first.isExpiredAt(first.expiresAt()));
        assertFalse(first.isExpiredAt(first.expiresAt().minusSeconds(1)));
    }

    @Test
    void bodyIsUnpaddedBase64Url() {
        for (String cluster : new String[] {"a", "ab", "abc", "prod", CLUSTER, "x".repeat(100)}) {
            String value = presigner(SESSION, Clock.fixed(T0, ZoneOffset.UTC)).presign(cluster, REGION).value();
            String body = value.substring(EksTokenVerifier.PREFIX.length());
            assertTrue(value.startsWith("k8s-aws-v1."));
            assertTrue(body.matches("[A-Za-z0-9_-]+"), body);
            assertEquals(body, Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Base64.getUrlDecoder().decode(body)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"us-gov-west-1=sts.us-gov-west-1.amazonaws.com",
            "cn-north-1=sts.cn-north-1.amazonaws.com.cn", "us-iso-east-1=sts.us-iso-east-1.c2s.ic.gov",
            "eusc-de-east-1=sts.eusc-de-east-1.amazonaws.eu", "us-east-1=sts.us-east-1.amazonaws.com"})
    void usesTheRegionalStsHostOfThePartition(String regionAndHost) {
        String[] parts = regionAndHost.split("=");
        EksToken token = presigner(BASIC, Clock.fixed(T0, ZoneOffset.UTC)).presign(CLUSTER, parts[0]);
        assertEquals(parts[1], URI.create(url(token.value())).getHost());
        assertEquals(parts[0], EksTokenVerifier.verify(token.value(), CLUSTER, SECRET, T0).region());
    }

    @Test
    void everySdkRegionIsAcceptedAndVerifies() {
        EksTokenPresigner presigner = presigner(BASIC, Clock.fixed(T0, ZoneOffset.UTC));
        Region.regions().stream().filter(r -> !r.isGlobalRegion()).forEach(r ->
                EksTokenVerifier.verify(presigner.presign(CLUSTER, r.id()).value(), CLUSTER, SECRET, T0));
    }

    /** Our partition table stands in for the SDK's region metadata; both must name the same partition and host. */
    @Test
    void stsHostAndPartitionAgreeWithTheSdkMetadataForEveryRegion() {
        Region.regions().stream().filter(r -> !r.isGlobalRegion()).forEach(r -> {
            PartitionMetadata sdk = PartitionMetadata.of(r);
            assertEquals(sdk.id(), Partition.ofRegion(r.id()).id(), r.id());
            assertEquals("sts." + r.id() + "." + sdk.dnsSuffix(), EksTokenPresigner.stsHost(r.id()), r.id());
        });
        for (String future : new String[] {"eu-north-9", "cn-west-7", "us-gov-south-2", "us-isob-west-3"}) {
            assertEquals("sts." + future + "." + PartitionMetadata.of(Region.of(future)).dnsSuffix(),
                    EksTokenPresigner.stsHost(future), future);
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "-starts-with-dash", "_underscore", "has.dot", "has space", "ünïcode", "a/b",
            "a\nb", "prod\n", "a\u202Eb"})
    void rejectsBadClusterNamesNamingTheField(String clusterName) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> presigner(BASIC, Clock.systemUTC()).presign(clusterName, REGION));
        assertTrue(e.getMessage().startsWith("clusterName: "), e.getMessage());
    }

    @Test
    void clusterNameIsAtMostOneHundredCharacters() {
        EksTokenPresigner presigner = presigner(BASIC, Clock.fixed(T0, ZoneOffset.UTC));
        String longest = "0" + "x".repeat(99);
        EksTokenVerifier.verify(presigner.presign(longest, REGION).value(), longest, SECRET, T0);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> presigner.presign(longest + "x", REGION));
        assertTrue(e.getMessage().startsWith("clusterName: "), e.getMessage());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "EU-NORTH-1", "eu_north_1", "eunorth1", "eu-north", "aws-global",
            "eu-north-1.evil.example", "eu-north-1/", "sts.eu-north-1", "eu-north-1\n"})
    void rejectsBadRegionsNamingTheField(String region) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> presigner(BASIC, Clock.systemUTC()).presign(CLUSTER, region));
        assertTrue(e.getMessage().startsWith("region: "), e.getMessage());
    }

    @Test
    void toStringDoesNotRevealTheToken() {
        EksToken token = fixedToken(SESSION);
        String body = token.value().substring(EksTokenVerifier.PREFIX.length());
        assertFalse(token.toString().contains(body.substring(0, 16)), token.toString());
        assertFalse(token.toString().contains(EksTokenVerifier.PREFIX), token.toString());
        assertTrue(token.toString().contains("2026-01-02T03:18:05Z"), token.toString());
    }

    @Test
    void resolvesCredentialsOnEveryCall() {
        AtomicInteger calls = new AtomicInteger();
        EksTokenPresigner presigner = new EksTokenPresigner(
                () -> AwsBasicCredentials.create("AKID" + calls.incrementAndGet(), SECRET),
                Clock.fixed(T0, ZoneOffset.UTC));
        for (String expected : new String[] {"AKID1", "AKID2"}) {
            String value = presigner.presign(CLUSTER, REGION).value();
            assertEquals(expected, EksTokenVerifier.verify(value, CLUSTER, SECRET, T0).accessKeyId());
        }
    }

    /** The real `aws eks get-token` is the reference: same URL shape as ours, and our verifier accepts it. */
    @ParameterizedTest
    @ValueSource(strings = {"eu-north-1", "cn-north-1", "us-gov-west-1"})
    void matchesTheAwsCli(String region, @TempDir Path tmp) throws Exception {
        Path aws = findOnPath("aws");
        if (aws == null) {
            if (System.getenv("CI") != null) {
                fail("the aws CLI is not on PATH and CI is set: the reference comparison must run in CI");
            }
            Assumptions.abort("the aws CLI is not on PATH");
        }
        Path empty = Files.createFile(tmp.resolve("empty-aws-config"));
        ProcessBuilder pb = new ProcessBuilder(aws.toString(), "eks", "get-token", "--cluster-name", CLUSTER,
                "--region", region, "--output", "json");
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.toUpperCase(Locale.ROOT).startsWith("AWS_"));
        env.put("AWS_ACCESS_KEY_ID", "ASIACLIEXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", SECRET);
        env.put("AWS_SESSION_TOKEN", SESSION_TOKEN);
        env.put("AWS_CONFIG_FILE", empty.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", empty.toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_STS_REGIONAL_ENDPOINTS", "regional");
        pb.redirectOutput(tmp.resolve("stdout").toFile()).redirectError(tmp.resolve("stderr").toFile());
        Process process = pb.start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("aws eks get-token did not finish within 30 s");
        }
        String out = Files.readString(tmp.resolve("stdout"));
        assertEquals(0, process.exitValue(), () -> "aws eks get-token failed: " + readQuietly(tmp.resolve("stderr")));
        String cliToken = jsonString(out, "token");
        Instant cliExpiry = Instant.parse(jsonString(out, "expirationTimestamp"));

        Instant now = Instant.now();
        VerifiedToken verified = EksTokenVerifier.verify(cliToken, CLUSTER, SECRET, now);
        assertEquals("ASIACLIEXAMPLE", verified.accessKeyId());
        assertEquals(region, verified.region());
        assertTrue(verified.hasSessionToken());
        long lifetime = Duration.between(verified.signedAt(), cliExpiry).getSeconds();
        assertTrue(Math.abs(lifetime - EksTokenPresigner.TOKEN_LIFETIME.getSeconds()) <= 1, "CLI lifetime " + lifetime);

        EksToken ours = presigner(SESSION, Clock.systemUTC()).presign(CLUSTER, region);
        EksTokenVerifier.verify(ours.value(), CLUSTER, SECRET, now);
        URI cliUrl = URI.create(url(cliToken));
        URI ourUrl = URI.create(url(ours.value()));
        assertEquals(cliUrl.getScheme(), ourUrl.getScheme());
        assertEquals(cliUrl.getHost(), ourUrl.getHost());
        assertEquals(cliUrl.getPath(), ourUrl.getPath());
        Map<String, String> cli = params(cliUrl.toString());
        Map<String, String> our = params(ourUrl.toString());
        assertEquals(cli.keySet(), our.keySet());
        for (String name : new String[] {"Action", "Version", "X-Amz-Algorithm", "X-Amz-Expires", "X-Amz-SignedHeaders",
                "X-Amz-Security-Token"}) {
            assertEquals(cli.get(name), our.get(name), name);
        }
        assertNotEquals(cli.get("X-Amz-Signature"), our.get("X-Amz-Signature"));
    }

    private static Path findOnPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static String jsonString(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertTrue(m.find(), () -> "no " + field + " in CLI output");
        return m.group(1);
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (Exception e) {
            return "(unreadable: " + e + ")";
        }
    }
}
