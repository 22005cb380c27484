package dev.eksaccess.eks;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Builds AWS SDK clients once per container and hands out the same ones afterwards (per service,
 * region and credentials). One small HTTP client is shared. Endpoints follow the SDK-standard
 * {@code AWS_ENDPOINT_URL_<SERVICE>} and {@code AWS_ENDPOINT_URL} variables of the {@link Environment} (and
 * the SDK's system properties and profile settings, {@link AwsSettings}), so a local emulator can stand in for
 * AWS; FIPS and dual-stack follow {@link EndpointOptions}. IAM and SSM are reached without their SDK modules
 * (jar size, issue #8), and EKS DescribeCluster without the EKS client (cold start, issue #8), through
 * {@link SignedAwsCalls} on the same HTTP client, endpoint settings and credentials.
 */
public final class AwsClients {
    private final Environment env;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider baseCredentials;
    private final ConcurrentMap<String, SdkClient> clients = new ConcurrentHashMap<>();
    private final SignedAwsCalls signedCalls;
    private final AwsSettings settings;
    /** Per service, as {@link AwsSettings#endpointUrl} found it (read once, like the SDK clients do). */
    private final ConcurrentMap<String, Optional<URI>> endpointUrls = new ConcurrentHashMap<>();
    /** Read on first use (the profile may be read): see {@link #endpointOptions()}. */
    private volatile EndpointOptions endpointOptions;

    public AwsClients(Environment env) {
        this.env = env;
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(20))
                .build();
        this.baseCredentials = baseCredentials(env);
        this.signedCalls = new SignedAwsCalls(http);
        this.settings = new AwsSettings(env);
    }

    /** The function's own credentials: the Lambda role, or whatever the default chain finds. */
    public AwsCredentialsProvider baseCredentials() {
        return baseCredentials;
    }

    public Environment environment() {
        return env;
    }

    public StsClient sts(String region, AwsCredentialsProvider credentials) {
        return client("STS", StsClient::builder, region, credentials);
    }

    public EksClient eks(String region, AwsCredentialsProvider credentials) {
        return client("EKS", EksClient::builder, region, credentials);
    }

    /** IAM (global: {@code region} picks the partition) without the IAM SDK module; see {@link IamQuery}. */
    public IamQuery iam(String region, AwsCredentialsProvider credentials) {
        return new IamQuery(signedCalls.to(IamQuery.endpoint(region, endpointFor("IAM"), endpointOptions()),
                credentials), IamQuery.PAGE_SIZE);
    }

    /** EKS DescribeCluster in {@code region} without the SDK client; see {@link EksDescribeCluster}. */
    public EksDescribeCluster eksDescribe(String region, AwsCredentialsProvider credentials) {
        return new EksDescribeCluster(signedCalls.to(EksDescribeCluster.endpoint(region, endpointFor("EKS"),
                endpointOptions()), credentials));
    }

    /** SSM parameters in {@code region} without the SSM SDK module; see {@link SsmParameters}. */
    public SsmParameters ssm(String region, AwsCredentialsProvider credentials) {
        return new SsmParameters(signedCalls.to(SsmParameters.endpoint(region, endpointFor("SSM"), endpointOptions()),
                credentials));
    }

    /**
     * A client for any SDK service. {@code serviceEnvKey} is the suffix of its endpoint variable
     * (STS, EKS, SSO_ADMIN, ...).
     */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C client(
            String serviceEnvKey, Supplier<B> builder, String region, AwsCredentialsProvider credentials) {
        String key = serviceEnvKey + "|" + region + "|" + System.identityHashCode(credentials);
        SdkClient client = clients.computeIfAbsent(key, k -> {
            EndpointOptions options = endpointOptions();
            B b = builder.get().region(Region.of(region)).credentialsProvider(credentials).httpClient(http)
                    .fipsEnabled(options.fips()).dualstackEnabled(options.dualStack());
            endpointFor(serviceEnvKey).ifPresent(b::endpointOverride);
            return b.build();
        });
        @SuppressWarnings("unchecked")
        C typed = (C) client;
        return typed;
    }

    /**
     * FIPS and dual-stack, for the SDK clients and the calls without them alike (read once: the system
     * properties, variables and profile do not change under a running function).
     */
    EndpointOptions endpointOptions() {
        EndpointOptions options = endpointOptions;
        if (options == null) {
            options = EndpointOptions.of(settings);
            endpointOptions = options;
        }
        return options;
    }

    /**
     * The endpoint override for one service ({@code serviceEnvKey}: STS, EKS, SSO_ADMIN, ...), from the same
     * variables, system properties and profile settings as the SDK's own ({@link AwsSettings#endpointUrl}).
     */
    Optional<URI> endpointFor(String serviceEnvKey) {
        return endpointUrls.computeIfAbsent(serviceEnvKey, settings::endpointUrl);
    }

    private static AwsCredentialsProvider baseCredentials(Environment env) {
        // Injected variables (sandbox, tests) carry their own keys; the real environment goes through the
        // default chain (Lambda, container and profile credentials), or straight to the provider the chain
        // would stop at when static keys are set, as in Lambda (StaticKeysFirstCredentials).
        Optional<String> keyId = env.get("AWS_ACCESS_KEY_ID");
        Optional<String> secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (!env.isSystem() && keyId.isPresent() && secret.isPresent()) {
            Optional<String> session = env.get("AWS_SESSION_TOKEN");
            return StaticCredentialsProvider.create(session.isPresent()
                    ? AwsSessionCredentials.create(keyId.get(), secret.get(), session.get())
                    : AwsBasicCredentials.create(keyId.get(), secret.get()));
        }
        return StaticKeysFirstCredentials.provider();
    }
}
