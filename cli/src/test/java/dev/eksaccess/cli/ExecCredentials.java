package dev.eksaccess.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.eks.EksToken;
import dev.eksaccess.eks.EksTokenPresigner;
import dev.eksaccess.handler.Json;
import dev.eksaccess.testkit.EksTokenVerifier;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import tools.jackson.databind.JsonNode;

/** What {@code eks-access token} printed, and the checks every token test makes on it. */
record ExecCredentials(String token, Instant expires) {
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** Parses stdout, which must be exactly one ExecCredential line: kubectl reads all of it. */
    static ExecCredentials parse(String stdout) {
        assertTrue(stdout.endsWith("\n") && stdout.indexOf('\n') == stdout.length() - 1,
                "stdout is exactly one line: " + stdout);
        JsonNode credential = Json.MAPPER.readTree(stdout);
        assertEquals("client.authentication.k8s.io/v1beta1", credential.get("apiVersion").asString());
        assertEquals("ExecCredential", credential.get("kind").asString());
        assertTrue(credential.get("spec").isObject() && credential.get("spec").isEmpty(), stdout);
        return new ExecCredentials(credential.get("status").get("token").asString(),
                Instant.parse(credential.get("status").get("expirationTimestamp").asString()));
    }

    /** X-Amz-Date of the presigned URL inside the token. */
    Instant signedAt() {
        return AMZ_DATE.parse(parameter("X-Amz-Date"), Instant::from);
    }

    /** The access key id in X-Amz-Credential, read without checking the signature. */
    String accessKeyId() {
        String credential = URLDecoder.decode(parameter("X-Amz-Credential"), StandardCharsets.UTF_8);
        return credential.substring(0, credential.indexOf('/'));
    }

    private String parameter(String name) {
        String url = new String(Base64.getUrlDecoder().decode(token.substring(EksTokenVerifier.PREFIX.length())),
                StandardCharsets.US_ASCII);
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in " + url);
    }

    /**
     * The token and its expiry are byte for byte what EksTokenPresigner makes from these credentials at the
     * instant the token says it was signed: whatever path the command took to the credentials and the STS host.
     */
    void assertSameAsPresigner(AwsCredentials credentials, String cluster, String region) {
        EksToken reference = new EksTokenPresigner(StaticCredentialsProvider.create(credentials),
                Clock.fixed(signedAt(), ZoneOffset.UTC)).presign(cluster, region);
        assertEquals(reference.value(), token, "token of eks-access token vs EksTokenPresigner");
        assertEquals(reference.expiresAt(), expires);
    }
}
