package dev.eksaccess.eks;

import dev.eksaccess.access.ClusterRef;
import dev.eksaccess.access.Partition;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * Makes EKS bearer tokens the way {@code aws eks get-token} and aws-iam-authenticator do: a SigV4
 * query-presigned STS GetCallerIdentity URL whose signature also covers the {@code x-k8s-aws-id}
 * header, so the token is only good for the named cluster. Signing is local; no network call.
 *
 * <p>{@code eks-access token} runs this in a fresh JVM for every kubectl command, so the happy path joins
 * strings with {@code concat}/{@code join}, not {@code +}: javac turns {@code +} into an invokedynamic whose
 * first bootstrap spins method handles for 10-15 ms, and a CDS archive cannot keep them on JDK 17.
 */
public final class EksTokenPresigner {
    /** The authenticator accepts 15 minutes from X-Amz-Date; one minute less leaves room for clock skew. */
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(14);
    /** What the CLI sends; the authenticator allows 0..900 and enforces its own 15 minutes anyway. */
    static final Duration URL_EXPIRATION = Duration.ofSeconds(60);
    static final String CLUSTER_ID_HEADER = "x-k8s-aws-id";

    private final AwsCredentialsProvider credentials;
    private final Clock clock;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    public EksTokenPresigner(AwsCredentialsProvider credentials, Clock clock) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public EksToken presign(String clusterName, String region) {
        ClusterRef.checkName("clusterName", clusterName);
        ClusterRef.checkRegion("region", region);

        // Resolved on every call so that a provider which refreshes (role, SSO, container) is honoured.
        AwsCredentials identity = credentials.resolveCredentials();
        if (identity == null || identity.accessKeyId() == null || identity.accessKeyId().isBlank()) {
            throw new IllegalStateException("no AWS credentials to sign the EKS token with");
        }
        // One instant for both X-Amz-Date and expiresAt, so they can never disagree.
        Instant signedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);

        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(URI.create("https://".concat(stsHost(region)).concat("/")))
                .putRawQueryParameter("Action", "GetCallerIdentity")
                .putRawQueryParameter("Version", "2011-06-15")
                .putHeader(CLUSTER_ID_HEADER, clusterName)
                .build();

        // No body: the signer hashes the empty payload (what the authenticator expects). Payload signing
        // and chunk encoding are pinned because their defaults have moved between SDK versions, and an
        // added x-amz-content-sha256 or UNSIGNED-PAYLOAD would make the token unverifiable.
        SignedRequest signed = signer.sign(r -> r
                .identity(identity)
                .request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, URL_EXPIRATION)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, false)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)));

        SdkHttpRequest presigned = signed.request();
        requireSignedHeaders(presigned);
        String url = presigned.getUri().toASCIIString();
        String value = EksToken.PREFIX.concat(
                Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.US_ASCII)));
        return new EksToken(value, signedAt.plus(TOKEN_LIFETIME));
    }

    /**
     * Regional STS host in the region's partition (amazonaws.com, amazonaws.com.cn, c2s.ic.gov, ...). From our
     * own partition table, not the SDK's region metadata: loading that is most of a short CLI run's cost.
     */
    static String stsHost(String region) {
        return String.join(".", "sts", region, Partition.ofRegion(region).dnsSuffix());
    }

    /** A guard, not a formality: a signer that signs extra headers yields tokens every cluster rejects. */
    private static void requireSignedHeaders(SdkHttpRequest presigned) {
        List<String> signedHeaders = presigned.rawQueryParameters().get("X-Amz-SignedHeaders");
        if (signedHeaders == null || !signedHeaders.equals(List.of("host;" + CLUSTER_ID_HEADER))) {
            throw new IllegalStateException("SDK signer produced unexpected X-Amz-SignedHeaders " + signedHeaders
                    + "; EKS needs exactly host;" + CLUSTER_ID_HEADER);
        }
        if (presigned.rawQueryParameters().keySet().stream().anyMatch("X-Amz-Content-Sha256"::equalsIgnoreCase)) {
            throw new IllegalStateException("SDK signer added X-Amz-Content-Sha256, which the authenticator rejects");
        }
    }
}
