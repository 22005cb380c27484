package dev.eksaccess.testkit;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a SigV4 header-signed request as AWS would (moto checks none): recomputes the signature from
 * what actually arrived, i.e. method, path, query, the signed headers' received values and the body, with
 * the JDK's HMAC-SHA256 only (no SDK signer), so it judges the SDK signer and our use of it independently.
 * Handles requests without a query string or path other than "/" (AWS Query and JSON protocols).
 */
public final class SigV4RequestVerifier {
    private static final Pattern AUTHORIZATION = Pattern.compile("AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/"
            + "([^/]+)/([^/]+)/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    /** What the signature covered: key id, credential scope and the signed headers. */
    public record Verified(String accessKeyId, String region, String service, List<String> signedHeaders) {
    }

    private SigV4RequestVerifier() {
    }

    /**
     * @param secrets secret access key by access key id (null when unknown)
     * @throws IllegalArgumentException naming what does not match
     */
    public static Verified verify(HttpExchange exchange, byte[] body, Function<String, String> secrets) {
        String authorization = header(exchange, "authorization");
        Matcher m = AUTHORIZATION.matcher(authorization == null ? "" : authorization);
        require(m.matches(), "no SigV4 Authorization header: " + authorization);
        String keyId = m.group(1);
        String date = m.group(2);
        String region = m.group(3);
        String service = m.group(4);
        List<String> signed = Arrays.asList(m.group(5).split(";"));
        String secret = secrets.apply(keyId);
        require(secret != null, "unknown access key id " + keyId);
        require(signed.contains("host") && signed.contains("x-amz-date"), "host and x-amz-date must be signed: "
                + signed);
        String amzDate = header(exchange, "x-amz-date");
        Instant signedAt = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        require(amzDate.startsWith(date), "credential date " + date + " is not the X-Amz-Date " + amzDate);
        require(Duration.between(signedAt, Instant.now()).abs().compareTo(Duration.ofMinutes(5)) < 0,
                "X-Amz-Date " + amzDate + " is more than 5 minutes off");
        String payloadHash = SigV4Hashes.sha256Hex(body);
        String contentSha = header(exchange, "x-amz-content-sha256");
        require(contentSha == null || contentSha.equals(payloadHash), "x-amz-content-sha256 is not the body's hash");
        require(exchange.getRequestURI().getRawQuery() == null, "query strings are not handled here");

        String canonicalHeaders = signed.stream().map(name -> {
            String value = header(exchange, name);
            require(value != null, "signed header " + name + " did not arrive");
            return name + ":" + value.strip().replaceAll(" +", " ") + "\n";
        }).collect(Collectors.joining());
        String canonicalRequest = exchange.getRequestMethod() + "\n" + exchange.getRequestURI().getRawPath() + "\n"
                + "\n" + canonicalHeaders + "\n" + String.join(";", signed) + "\n" + payloadHash;
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + SigV4Hashes.sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        byte[] key = SigV4Hashes.hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        for (String part : new String[] {region, service, "aws4_request"}) {
            key = SigV4Hashes.hmac(key, part);
        }
        require(SigV4Hashes.hex(SigV4Hashes.hmac(key, stringToSign)).equals(m.group(6)),
                "signature does not match the request as received");
        return new Verified(keyId, region, service, signed);
    }

    /** All values of a header as received, comma-joined (SigV4's rule for repeated headers). */
    private static String header(HttpExchange exchange, String name) {
        List<String> values = exchange.getRequestHeaders().get(name.toLowerCase(Locale.ROOT));
        return values == null ? null : String.join(",", values);
    }

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw new IllegalArgumentException(reason);
        }
    }
}
