package dev.eksaccess.eks;

import dev.eksaccess.access.Partition;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * AWS API calls without the service's SDK module (issue #8: the IAM and SSM modules were 8.5 MB of the
 * deployed jar for three operations). The caller writes the protocol's body and reads its answer; the SDK
 * does the rest as its clients do: SigV4 signing ({@link AwsV4HttpSigner}), the shared HTTP client, and the
 * standard AWS retry strategy (throttling codes, 429, 5xx, I/O errors: backoff with jitter, bounded attempts,
 * retry quota). Failures are {@link AwsServiceException}s naming service, operation, AWS error code and message.
 */
public final class SignedAwsCalls {
    /** Where a service is reached and how requests to it are signed. */
    public record Endpoint(String service, java.net.URI uri, String signingName, String signingRegion) {
        /**
         * A regional service: {@code https://<signingName>.<region>.<partition DNS suffix>}, or its FIPS or
         * dual-stack variant ({@link EndpointOptions#regionalHost}), or {@code override}, which changes where
         * requests go, not how they are signed; signed for {@code region}.
         */
        public static Endpoint regional(String service, String signingName, String region,
                                        Optional<java.net.URI> override, EndpointOptions options) {
            return at(service, signingName, options.regionalHost(signingName, region, Partition.ofRegion(region)),
                    region, override, options);
        }

        /**
         * A service at {@code host} (where a service has its own rule for it), or {@code override}; signed for
         * {@code signingRegion}.
         */
        public static Endpoint at(String service, String signingName, String host, String signingRegion,
                                  Optional<java.net.URI> override, EndpointOptions options) {
            options.checkOverride(service, override);
            return new Endpoint(service, override.orElse(java.net.URI.create("https://" + host)), signingName,
                    signingRegion);
        }
    }

    /** One service's calls: an endpoint and the credentials that sign for it, on these calls' client. */
    public record Service(SignedAwsCalls calls, Endpoint endpoint, AwsCredentialsProvider credentials) {
        /** See {@link SignedAwsCalls#post}. */
        public byte[] post(String operation, Map<String, String> headers, byte[] body, ErrorReader errors) {
            return calls.post(endpoint, operation, headers, body, credentials, errors);
        }

        /** See {@link SignedAwsCalls#get}. */
        public byte[] get(String path, String operation, ErrorReader errors) {
            return calls.get(endpoint, path, operation, credentials, errors);
        }
    }

    /** An AWS error as the protocol reports it; null fields when the body said nothing usable. */
    public record Failure(String code, String message, String requestId) {
    }

    /** Reads a protocol's error body (called for non-2xx answers only). */
    @FunctionalInterface
    public interface ErrorReader {
        Failure read(SdkHttpResponse response, byte[] body);
    }

    private static final int MAX_MESSAGE = 400;
    private final SdkHttpClient http;
    private final RetryStrategy retries;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /** With the SDK's standard AWS retry strategy; one instance per container shares its retry quota. */
    public SignedAwsCalls(SdkHttpClient http) {
        this(http, AwsRetryStrategy.standardRetryStrategy());
    }

    SignedAwsCalls(SdkHttpClient http, RetryStrategy retries) {
        this.http = http;
        this.retries = retries;
    }

    /** Calls to {@code endpoint}, signed with {@code credentials}. */
    public Service to(Endpoint endpoint, AwsCredentialsProvider credentials) {
        return new Service(this, endpoint, credentials);
    }

    /** POSTs {@code body} to the endpoint (its root unless it has a path); returns the 2xx answer's body. */
    public byte[] post(Endpoint endpoint, String operation, Map<String, String> headers, byte[] body,
                       AwsCredentialsProvider credentials, ErrorReader errors) {
        return call(SdkHttpMethod.POST, endpoint, "", operation, headers, body, credentials, errors);
    }

    /**
     * GETs {@code path} (already percent-encoded, starting with '/') below the endpoint, as REST protocols
     * do; returns the 2xx answer's body.
     */
    public byte[] get(Endpoint endpoint, String path, String operation, AwsCredentialsProvider credentials,
                      ErrorReader errors) {
        return call(SdkHttpMethod.GET, endpoint, path, operation, Map.of(), null, credentials, errors);
    }

    private byte[] call(SdkHttpMethod method, Endpoint endpoint, String path, String operation,
                        Map<String, String> headers, byte[] body, AwsCredentialsProvider credentials,
                        ErrorReader errors) {
        // Resolved once per call, as the SDK clients do; a refreshing provider (assumed role) renews itself.
        AwsCredentials identity = credentials.resolveCredentials();
        RetryToken token = retries.acquireInitialToken(AcquireInitialTokenRequest.create(endpoint.uri().getHost()))
                .token();
        while (true) {
            try {
                byte[] answer = attempt(method, endpoint, path, operation, headers, body, identity, errors);
                retries.recordSuccess(RecordSuccessRequest.create(token));
                return answer;
            } catch (AwsServiceException | SdkClientException failure) {
                Duration delay;
                try {
                    var refreshed = retries.refreshRetryToken(RefreshRetryTokenRequest.builder()
                            .token(token).failure(failure).build());
                    token = refreshed.token();
                    delay = refreshed.delay();
                } catch (TokenAcquisitionFailedException noMore) {
                    throw failure; // not retryable, attempts spent, or quota exhausted
                }
                pause(delay, endpoint, operation);
            }
        }
    }

    /** One attempt; {@code body} null for a request without one (GET). */
    private byte[] attempt(SdkHttpMethod method, Endpoint endpoint, String path, String operation,
                           Map<String, String> headers, byte[] body, AwsCredentials identity, ErrorReader errors) {
        // Signed per attempt: each one gets its own X-Amz-Date.
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(method)
                .uri(uri(endpoint.uri(), path))
                .putHeader("User-Agent", "eks-access-provisioner");
        if (body != null) {
            request.putHeader("Content-Length", Integer.toString(body.length));
        }
        headers.forEach(request::putHeader);
        SignedRequest signed = signer.sign(r -> r.identity(identity).request(request.build())
                .payload(body == null ? null : ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, endpoint.signingName())
                .putProperty(AwsV4HttpSigner.REGION_NAME, endpoint.signingRegion()));
        SdkHttpResponse response;
        byte[] answer;
        try {
            HttpExecuteResponse executed = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request()).contentStreamProvider(signed.payload().orElse(null)).build()).call();
            response = executed.httpResponse();
            Optional<? extends InputStream> stream = executed.responseBody();
            try (InputStream in = stream.isPresent() ? stream.get() : InputStream.nullInputStream()) {
                answer = in.readAllBytes();
            }
        } catch (IOException e) {
            // Retryable (the strategy retries IOException causes); the text names only the endpoint.
            throw SdkClientException.builder().message(endpoint.service() + " " + operation + " to "
                    + endpoint.uri() + " failed: " + e).cause(e).build();
        }
        if (response.isSuccessful()) {
            return answer;
        }
        throw serviceError(endpoint, operation, response, errors.read(response, answer), identity);
    }

    /** The endpoint's root (or its own path) followed by {@code path}. */
    private static java.net.URI uri(java.net.URI base, String path) {
        String root = base.getRawPath() == null ? "" : base.getRawPath();
        if (root.endsWith("/")) {
            root = root.substring(0, root.length() - 1);
        }
        String full = root + path;
        return base.resolve(full.isEmpty() ? "/" : full);
    }

    private static AwsServiceException serviceError(Endpoint endpoint, String operation, SdkHttpResponse response,
                                                    Failure failure, AwsCredentials identity) {
        String code = failure.code() != null ? failure.code() : "HTTP " + response.statusCode();
        String message = scrub(failure.message() != null ? failure.message()
                : response.statusText().orElse("no error message"), identity);
        String requestId = failure.requestId() != null ? failure.requestId()
                : response.firstMatchingHeader("x-amzn-RequestId").orElse(null);
        return AwsServiceException.builder()
                .message(endpoint.service() + " " + operation + " failed: " + code + ": " + message)
                .statusCode(response.statusCode())
                .requestId(requestId)
                .awsErrorDetails(AwsErrorDetails.builder().serviceName(endpoint.service()).errorCode(code)
                        .errorMessage(message).sdkHttpResponse(response).build())
                .build();
    }

    /**
     * AWS error text is shown to users and logged: never repeat the secret or token we signed with, and cut
     * what {@link Redaction} cuts (the canonical request that query services echo, with the session token).
     */
    static String scrub(String message, AwsCredentials identity) {
        String text = message;
        if (!identity.secretAccessKey().isEmpty()) {
            text = text.replace(identity.secretAccessKey(), "<secret>");
        }
        if (identity instanceof AwsSessionCredentials session && !session.sessionToken().isEmpty()) {
            text = text.replace(session.sessionToken(), "<session token>");
        }
        text = Redaction.redact(text);
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "...";
    }

    private static void pause(Duration delay, Endpoint endpoint, String operation) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.builder().message(endpoint.service() + " " + operation
                    + " interrupted while waiting to retry").cause(e).build();
        }
    }
}
