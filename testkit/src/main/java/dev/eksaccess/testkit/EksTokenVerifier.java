package dev.eksaccess.testkit;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Checks an EKS bearer token the way aws-iam-authenticator's server does, then recomputes the SigV4
 * signature by hand (JDK HMAC-SHA256 and SHA-256 only, no SDK signer) so it can judge our presigner
 * independently. Self-contained and JUnit-free: a local sandbox API server can reuse it as is.
 */
public final class EksTokenVerifier {
    public static final String PREFIX = "k8s-aws-v1.";
    /** aws-iam-authenticator: tokens are valid for 15 minutes from X-Amz-Date, whatever X-Amz-Expires says. */
    public static final Duration VALIDITY = Duration.ofMinutes(15);
    /** STS refuses requests signed too far in the future; same 5 minute skew here. */
    public static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(5);
    /** aws-iam-authenticator's maxTokenLenBytes. */
    public static final int MAX_TOKEN_LENGTH = 1024 * 4;
    /** SHA-256 of the empty body: botocore and the Go SDK sign this, not UNSIGNED-PAYLOAD. */
    public static final String EMPTY_PAYLOAD_SHA256 =
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final Set<String> ALLOWED_PARAMETERS = Set.of("action", "version", "x-amz-algorithm",
            "x-amz-credential", "x-amz-date", "x-amz-expires", "x-amz-security-token", "x-amz-signature",
            "x-amz-signedheaders");
    private static final String SIGNED_HEADERS = "host;x-k8s-aws-id";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final Pattern SIGNATURE = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2,5}(-[a-z]+){1,3}-[1-9][0-9]?");
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Z0-9]{1,128}");

    /** What a valid token says about its signer. */
    public record VerifiedToken(String accessKeyId, String region, LocalDate date, Instant signedAt,
                                int expiresSeconds, boolean hasSessionToken) {
    }

    /** A token the authenticator would reject; the message says which rule it broke. */
    public static final class InvalidTokenException extends IllegalArgumentException {
        public InvalidTokenException(String reason) {
            super("invalid EKS token: " + reason);
        }
    }

    private EksTokenVerifier() {
    }

    public static VerifiedToken verify(String token, String expectedCluster, String secretAccessKey, Instant now) {
        return verify(token, expectedCluster, secretAccessKey, now, EMPTY_PAYLOAD_SHA256);
    }

    /** As {@link #verify(String, String, String, Instant)} with another payload hash, to prove which one was signed. */
    public static VerifiedToken verify(String token, String expectedCluster, String secretAccessKey, Instant now,
                                String payloadHash) {
        require(expectedCluster != null && !expectedCluster.isBlank(), "expected cluster name is required");
        require(secretAccessKey != null && now != null, "secret access key and current time are required");
        URI url = decode(token);
        String host = url.getHost();
        Map<String, String> params = queryParameters(url.getRawQuery());

        require("GetCallerIdentity".equals(params.get("action")), "Action must be GetCallerIdentity, got "
                + params.get("action"));
        require("2011-06-15".equals(params.get("version")), "Version must be 2011-06-15, got " + params.get("version"));
        require("AWS4-HMAC-SHA256".equals(params.get("x-amz-algorithm")),
                "X-Amz-Algorithm must be AWS4-HMAC-SHA256, got " + params.get("x-amz-algorithm"));
        require(SIGNED_HEADERS.equals(params.get("x-amz-signedheaders")),
                "X-Amz-SignedHeaders must be exactly " + SIGNED_HEADERS + ", got " + params.get("x-amz-signedheaders"));

        int expires = expiresSeconds(params.get("x-amz-expires"));
        String amzDate = required(params, "x-amz-date");
        Instant signedAt = parseAmzDate(amzDate);
        require(!now.isAfter(signedAt.plus(VALIDITY)), "expired: X-Amz-Date " + amzDate + " is more than "
                + VALIDITY.toMinutes() + " minutes before " + now);
        require(!signedAt.isAfter(now.plus(MAX_FUTURE_SKEW)), "X-Amz-Date " + amzDate + " is in the future of " + now);

        String[] scope = required(params, "x-amz-credential").split("/", -1);
        require(scope.length == 5, "X-Amz-Credential must be <key>/<yyyyMMdd>/<region>/sts/aws4_request");
        String accessKeyId = scope[0];
        String region = scope[2];
        require(ACCESS_KEY_ID.matcher(accessKeyId).matches(), "X-Amz-Credential access key id is malformed");
        require(scope[1].equals(amzDate.substring(0, 8)), "credential scope date " + scope[1]
                + " does not match X-Amz-Date " + amzDate);
        require(REGION.matcher(region).matches(), "credential scope region '" + region + "' is not a region code");
        require("sts".equals(scope[3]), "credential scope service must be sts, got " + scope[3]);
        require("aws4_request".equals(scope[4]), "credential scope must end with aws4_request");

        String expectedHost = "sts." + region + "." + dnsSuffix(region);
        require(expectedHost.equals(host), "host must be " + expectedHost + " (STS of the signing region's"
                + " partition), got " + host);

        boolean hasSessionToken = params.containsKey("x-amz-security-token");
        require(!hasSessionToken || !params.get("x-amz-security-token").isEmpty(), "X-Amz-Security-Token is empty");

        String signature = required(params, "x-amz-signature");
        require(SIGNATURE.matcher(signature).matches(), "X-Amz-Signature must be 64 lowercase hex digits");

        String canonicalRequest = "GET\n/\n"
                + canonicalQuery(url.getRawQuery()) + "\n"
                + "host:" + host + "\n"
                + "x-k8s-aws-id:" + expectedCluster.trim() + "\n\n"
                + SIGNED_HEADERS + "\n"
                + payloadHash;
        String credentialScope = scope[1] + "/" + region + "/sts/aws4_request";
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + credentialScope + "\n"
                + SigV4Hashes.sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        byte[] key = SigV4Hashes.hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), scope[1]);
        key = SigV4Hashes.hmac(key, region);
        key = SigV4Hashes.hmac(key, "sts");
        key = SigV4Hashes.hmac(key, "aws4_request");
        String expected = SigV4Hashes.hex(SigV4Hashes.hmac(key, stringToSign));
        require(MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                        signature.getBytes(StandardCharsets.US_ASCII)),
                "signature mismatch: wrong secret key, tampered parameters, or a token for another cluster than '"
                        + expectedCluster + "'");

        return new VerifiedToken(accessKeyId, region, LocalDate.parse(scope[1], DateTimeFormatter.BASIC_ISO_DATE),
                signedAt, expires, hasSessionToken);
    }

    /** Strips the prefix, decodes unpadded base64url, and checks scheme, path and URL shape. */
    public static URI decode(String token) {
        require(token != null && token.startsWith(PREFIX), "must start with " + PREFIX);
        require(token.length() <= MAX_TOKEN_LENGTH, "longer than " + MAX_TOKEN_LENGTH + " characters");
        String body = token.substring(PREFIX.length());
        require(!body.isEmpty() && body.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-'
                || c == '_'), "body must be base64url without padding (alphabet A-Z a-z 0-9 - _)");
        String url;
        try {
            url = new String(Base64.getUrlDecoder().decode(body), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("body is not valid base64url: " + e.getMessage());
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidTokenException("decoded value is not a URL: " + e.getMessage());
        }
        require("https".equals(uri.getScheme()), "scheme must be https, got " + uri.getScheme());
        require(uri.getRawUserInfo() == null && uri.getPort() == -1 && uri.getRawFragment() == null,
                "URL must not carry user info, port or fragment");
        require("/".equals(uri.getRawPath()), "path must be /, got " + uri.getRawPath());
        require(uri.getRawQuery() != null, "URL has no query");
        return uri;
    }

    /** Region -> partition DNS suffix, written out by hand so it does not share the SDK's metadata. */
    public static String dnsSuffix(String region) {
        if (region.startsWith("cn-")) {
            return "amazonaws.com.cn";
        } else if (region.startsWith("us-isob-")) {
            return "sc2s.sgov.gov";
        } else if (region.startsWith("us-isof-")) {
            return "csp.hci.ic.gov";
        } else if (region.startsWith("us-iso-")) {
            return "c2s.ic.gov";
        } else if (region.startsWith("eu-isoe-")) {
            return "cloud.adc-e.uk";
        } else if (region.startsWith("eusc-")) {
            return "amazonaws.eu";
        }
        return "amazonaws.com"; // aws and aws-us-gov
    }

    /** Lower-cased names to decoded values; rejects unknown names and repeated names (in any case). */
    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> params = new TreeMap<>();
        for (String pair : rawQuery.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = urlDecode(eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : urlDecode(pair.substring(eq + 1));
            require(ALLOWED_PARAMETERS.contains(name), "query parameter '" + name + "' is not allowed");
            require(params.put(name, value) == null, "query parameter '" + name + "' appears more than once");
        }
        return params;
    }

    /** SigV4 canonical query: every parameter but the signature, RFC 3986 encoded, sorted by name then value. */
    private static String canonicalQuery(String rawQuery) {
        TreeMap<String, String> sorted = new TreeMap<>();
        for (String pair : rawQuery.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = urlDecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : urlDecode(pair.substring(eq + 1));
            if (!name.equalsIgnoreCase("X-Amz-Signature")) {
                sorted.put(uriEncode(name), uriEncode(value)); // names are unique (checked above)
            }
        }
        StringBuilder out = new StringBuilder();
        sorted.forEach((name, value) ->
                out.append(out.length() == 0 ? "" : "&").append(name).append('=').append(value));
        return out.toString();
    }

    private static int expiresSeconds(String value) {
        require(value != null, "X-Amz-Expires is missing");
        int seconds;
        try {
            seconds = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidTokenException("X-Amz-Expires must be an integer, got " + value);
        }
        require(seconds >= 0 && seconds <= 900, "X-Amz-Expires must be in 0..900, got " + seconds);
        return seconds;
    }

    private static Instant parseAmzDate(String value) {
        try {
            return LocalDateTime.parse(value, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidTokenException("X-Amz-Date must be yyyyMMdd'T'HHmmss'Z', got " + value);
        }
    }

    private static String required(Map<String, String> params, String name) {
        String value = params.get(name);
        require(value != null && !value.isEmpty(), "query parameter " + name + " is missing");
        return value;
    }

    private static String urlDecode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8); // '+' is a space, as in Go's url.ParseQuery
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("bad percent-encoding in query: " + e.getMessage());
        }
    }

    /** RFC 3986: everything but A-Z a-z 0-9 - _ . ~ as %XX of the UTF-8 bytes, upper-case hex. */
    private static String uriEncode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw new InvalidTokenException(reason);
        }
    }
}
