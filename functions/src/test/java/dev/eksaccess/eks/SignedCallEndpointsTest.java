package dev.eksaccess.eks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eksaccess.testkit.SystemProperties;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.endpoints.AwsEndpointAttribute;
import software.amazon.awssdk.awscore.endpoints.authscheme.SigV4AuthScheme;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.endpoints.EksEndpointParams;
import software.amazon.awssdk.services.eks.endpoints.EksEndpointProvider;
import software.amazon.awssdk.services.iam.endpoints.IamEndpointParams;
import software.amazon.awssdk.services.iam.endpoints.IamEndpointProvider;
import software.amazon.awssdk.services.ssm.endpoints.SsmEndpointParams;
import software.amazon.awssdk.services.ssm.endpoints.SsmEndpointProvider;

/**
 * IAM, SSM and EKS DescribeCluster endpoints and signing regions without the SDK clients must be the ones
 * their modules' endpoint rules give (IAM and SSM are on the test classpath only, as the oracle), in every
 * partition, standard, FIPS, dual-stack and both; the endpoint variables win, service-specific first, as for
 * the SDK clients; and FIPS or dual-stack together with an override is refused, as the SDK refuses it.
 */
class SignedCallEndpointsTest {
    private static final List<String> REGIONS = List.of("eu-north-1", "us-east-1", "ap-southeast-2", "cn-north-1",
            "cn-northwest-1", "us-gov-west-1", "us-gov-east-1", "us-iso-east-1", "us-iso-west-1", "us-isob-east-1",
            "eu-isoe-west-1", "us-isof-south-1", "eusc-de-east-1");
    private static final StaticCredentialsProvider KEYS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDTEST", "test"));

    static Stream<Arguments> regionsAndOptions() {
        return REGIONS.stream().flatMap(region -> Stream.of(new EndpointOptions(false, false),
                new EndpointOptions(true, false), new EndpointOptions(false, true), new EndpointOptions(true, true))
                .map(options -> Arguments.of(region, options)));
    }

    @ParameterizedTest
    @MethodSource("regionsAndOptions")
    void iamSsmAndEksEndpointsAreTheSdkRulesOnes(String region, EndpointOptions options) throws Exception {
        Endpoint iam = IamEndpointProvider.defaultProvider().resolveEndpoint(IamEndpointParams.builder()
                .region(Region.of(region)).useFips(options.fips()).useDualStack(options.dualStack()).build()).get();
        // IAM's rules always name their signing region (it is not the caller's region).
        assertSameAsRules(iam, signingRegion(iam).orElseThrow(), "iam",
                IamQuery.endpoint(region, Optional.empty(), options));
        Endpoint ssm = SsmEndpointProvider.defaultProvider().resolveEndpoint(SsmEndpointParams.builder()
                .region(Region.of(region)).useFips(options.fips()).useDualStack(options.dualStack()).build()).get();
        assertSameAsRules(ssm, signingRegion(ssm).orElse(region), "ssm",
                SsmParameters.endpoint(region, Optional.empty(), options));
        Endpoint eks = EksEndpointProvider.defaultProvider().resolveEndpoint(EksEndpointParams.builder()
                .region(Region.of(region)).useFips(options.fips()).useDualStack(options.dualStack()).build()).get();
        assertSameAsRules(eks, signingRegion(eks).orElse(region), "eks",
                EksDescribeCluster.endpoint(region, Optional.empty(), options));
    }

    private static void assertSameAsRules(Endpoint rules, String signingRegion, String signingName,
                                          SignedAwsCalls.Endpoint ours) {
        assertEquals(rules.url(), ours.uri());
        assertEquals(signingRegion, ours.signingRegion());
        assertEquals(signingName, ours.signingName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"IAM", "SSM", "EKS"})
    void theServiceVariableWinsOverTheGeneralOne(String service) {
        AwsClients clients = new AwsClients(Environment.of(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1",
                "AWS_ENDPOINT_URL_" + service, "http://127.0.0.1:2", "AWS_ACCESS_KEY_ID", "AKIDTEST",
                "AWS_SECRET_ACCESS_KEY", "test")));
        SignedAwsCalls.Endpoint endpoint = signedCallEndpoint(clients, service);
        assertEquals(URI.create("http://127.0.0.1:2"), endpoint.uri());
        assertEquals(service.equals("IAM") ? "us-east-1" : "eu-north-1", endpoint.signingRegion(),
                "an override changes where requests go, not how they are signed");
        AwsClients general = new AwsClients(Environment.of(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1")));
        assertEquals(URI.create("http://127.0.0.1:1"), signedCallEndpoint(general, service).uri());
    }

    @ParameterizedTest
    @ValueSource(strings = {"IAM", "SSM", "EKS"})
    void fipsAndDualStackVariablesMoveTheSignedCallsToThoseEndpoints(String service) {
        AwsClients fips = new AwsClients(Environment.of(Map.of("AWS_USE_FIPS_ENDPOINT", "true")));
        AwsClients dualStack = new AwsClients(Environment.of(Map.of("AWS_USE_DUALSTACK_ENDPOINT", "TRUE")));
        AwsClients both = new AwsClients(Environment.of(Map.of("AWS_USE_FIPS_ENDPOINT", "true",
                "AWS_USE_DUALSTACK_ENDPOINT", "true")));
        AwsClients neither = new AwsClients(Environment.of(Map.of("AWS_USE_FIPS_ENDPOINT", "false")));
        Map<String, List<String>> expected = Map.of(
                "IAM", List.of("iam-fips.amazonaws.com", "iam.global.api.aws", "iam-fips.global.api.aws",
                        "iam.amazonaws.com"),
                "SSM", List.of("ssm-fips.eu-north-1.amazonaws.com", "ssm.eu-north-1.api.aws",
                        "ssm-fips.eu-north-1.api.aws", "ssm.eu-north-1.amazonaws.com"),
                "EKS", List.of("fips.eks.eu-north-1.amazonaws.com", "eks.eu-north-1.api.aws",
                        "eks-fips.eu-north-1.api.aws", "eks.eu-north-1.amazonaws.com"));
        assertEquals(expected.get(service), Stream.of(fips, dualStack, both, neither)
                .map(c -> signedCallEndpoint(c, service).uri().getHost()).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"IAM", "SSM", "EKS"})
    void fipsWithAnEndpointOverrideIsRefusedAsTheSdkRefusesIt(String service) {
        AwsClients clients = new AwsClients(Environment.of(Map.of("AWS_USE_FIPS_ENDPOINT", "true",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:1")));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> signedCallEndpoint(clients, service));
        assertEquals("AWS_USE_FIPS_ENDPOINT is set together with an endpoint override for " + service
                + " (AWS_ENDPOINT_URL_" + service + ", AWS_ENDPOINT_URL or an endpoint_url of the profile); the AWS "
                + "SDK refuses that combination too: unset one of them", e.getMessage());
        AwsClients dualStack = new AwsClients(Environment.of(Map.of("AWS_USE_DUALSTACK_ENDPOINT", "true",
                "AWS_ENDPOINT_URL_" + service, "http://127.0.0.1:1")));
        assertTrue(assertThrows(IllegalStateException.class, () -> signedCallEndpoint(dualStack, service))
                .getMessage().startsWith("AWS_USE_DUALSTACK_ENDPOINT is set together"));
    }

    @Test
    void theSdkClientsGetTheSameOptionsFromAnInjectedEnvironment() {
        // The SDK itself would read the process's variables; with ours it refuses FIPS + override before
        // connecting, which shows it was told FIPS (it would otherwise try 127.0.0.1:1 and be refused there).
        AwsClients clients = new AwsClients(Environment.of(Map.of("AWS_USE_FIPS_ENDPOINT", "true",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:1")));
        SdkClientException e = assertThrows(SdkClientException.class,
                () -> clients.sts("eu-north-1", KEYS).getCallerIdentity());
        assertTrue(e.getMessage().contains("FIPS and custom endpoint are not supported"), e.getMessage());
    }

    @Test
    void aValueOtherThanTrueOrFalseIsAnErrorNamingTheVariable() {
        AwsClients clients = new AwsClients(Environment.of(Map.of("AWS_USE_DUALSTACK_ENDPOINT", "yes")));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> clients.eksDescribe("eu-north-1", KEYS));
        assertEquals("environment variable AWS_USE_DUALSTACK_ENDPOINT must be true or false (got 'yes')",
                e.getMessage());
    }

    @Test
    void theProcessReadsSystemPropertiesThenVariablesThenTheProfile(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config");
        Files.writeString(config, "[profile fips-only]\nuse_fips_endpoint = true\nuse_dualstack_endpoint = false\n");
        try (SystemProperties props = new SystemProperties()) {
            props.set("aws.configFile", config.toString()).set("aws.profile", "fips-only");
            // Skip where the process's own variables say something (they come before the profile).
            org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("AWS_USE_FIPS_ENDPOINT") == null
                    && System.getenv("AWS_USE_DUALSTACK_ENDPOINT") == null);
            assertEquals(new EndpointOptions(true, false), EndpointOptions.of(Environment.system()));
            props.set("aws.useDualstackEndpoint", "true");
            assertEquals(new EndpointOptions(true, true), EndpointOptions.of(Environment.system()),
                    "a system property comes before the profile");
            assertEquals(EndpointOptions.STANDARD, EndpointOptions.of(Environment.of(Map.of())),
                    "an injected environment holds everything: no properties, no profile");
        }
    }

    /**
     * Endpoint URLs from system properties and the shared config file, for the real process: ours must be
     * the ones the SDK clients pick for themselves (IAM and SSM clients are test-scope oracles), in each case.
     */
    @Test
    void endpointUrlsFromPropertiesAndProfileAreTheSdkClientsOwn(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv().keySet().stream()
                .noneMatch(k -> k.startsWith("AWS_ENDPOINT_URL") || k.equals("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")),
                "the process's own endpoint variables would come before the profile");
        Path config = dir.resolve("config");
        Files.writeString(config, """
                [profile global]
                endpoint_url = http://127.0.0.1:4001
                [profile sections]
                endpoint_url = http://127.0.0.1:4001
                ssm.endpoint_url = http://127.0.0.1:4002
                services = local
                [services local]
                eks =
                  endpoint_url = http://127.0.0.1:4003
                [profile ignored]
                endpoint_url = http://127.0.0.1:4001
                ignore_configured_endpoint_urls = true
                """);
        try (SystemProperties props = new SystemProperties()) {
            props.set("aws.configFile", config.toString());
            record Case(String profile, Map<String, String> properties, Map<String, String> expected) {
            }
            List<Case> cases = List.of(
                    new Case("global", Map.of(), Map.of("IAM", "4001", "SSM", "4001", "EKS", "4001", "STS", "4001",
                            "SSO_ADMIN", "4001")),
                    new Case("sections", Map.of(), Map.of("IAM", "4001", "SSM", "4002", "EKS", "4003", "STS", "4001",
                            "SSO_ADMIN", "4001")),
                    new Case("sections", Map.of("aws.endpointUrl", "http://127.0.0.1:4004",
                            "aws.endpointUrlSsoAdmin", "http://127.0.0.1:4005"), Map.of("IAM", "4004", "SSM", "4004",
                            "EKS", "4004", "STS", "4004", "SSO_ADMIN", "4005")),
                    new Case("ignored", Map.of("aws.endpointUrlSts", "http://127.0.0.1:4006"), Map.of()),
                    new Case("no-such-profile", Map.of(), Map.of()));
            for (Case c : cases) {
                props.set("aws.profile", c.profile());
                List.of("aws.endpointUrl", "aws.endpointUrlSts", "aws.endpointUrlSsoAdmin").forEach(props::clear);
                c.properties().forEach(props::set);
                AwsClients clients = new AwsClients(Environment.system());
                Map<String, Optional<URI>> sdk = Map.of(
                        "IAM", software.amazon.awssdk.services.iam.IamClient.builder().region(Region.AWS_GLOBAL)
                                .credentialsProvider(KEYS).build().serviceClientConfiguration().endpointOverride(),
                        "SSM", software.amazon.awssdk.services.ssm.SsmClient.builder().region(Region.EU_NORTH_1)
                                .credentialsProvider(KEYS).build().serviceClientConfiguration().endpointOverride(),
                        "EKS", software.amazon.awssdk.services.eks.EksClient.builder().region(Region.EU_NORTH_1)
                                .credentialsProvider(KEYS).build().serviceClientConfiguration().endpointOverride(),
                        "STS", software.amazon.awssdk.services.sts.StsClient.builder().region(Region.EU_NORTH_1)
                                .credentialsProvider(KEYS).build().serviceClientConfiguration().endpointOverride(),
                        "SSO_ADMIN", software.amazon.awssdk.services.ssoadmin.SsoAdminClient.builder()
                                .region(Region.EU_NORTH_1).credentialsProvider(KEYS).build()
                                .serviceClientConfiguration().endpointOverride());
                for (String service : sdk.keySet()) {
                    String what = service + " with profile " + c.profile() + " and " + c.properties();
                    assertEquals(sdk.get(service), clients.endpointFor(service), what);
                    assertEquals(Optional.ofNullable(c.expected().get(service)).map(p -> "http://127.0.0.1:" + p),
                            clients.endpointFor(service).map(URI::toString), what);
                }
                if (c.expected().containsKey("IAM")) {
                    assertEquals(URI.create("http://127.0.0.1:" + c.expected().get("IAM")),
                            signedCallEndpoint(clients, "IAM").uri(), "the calls without SDK clients go there too");
                }
            }
        }
    }

    @Test
    void anEndpointUrlThatIsNoUrlIsAnErrorNamingWhereItWasSet() {
        AwsClients clients = new AwsClients(Environment.of(Map.of("AWS_ENDPOINT_URL_EKS", "http://bad host/")));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> clients.eksDescribe("eu-north-1", KEYS));
        assertEquals("environment variable AWS_ENDPOINT_URL_EKS is not a URL ('http://bad host/')", e.getMessage());
    }

    private static SignedAwsCalls.Endpoint signedCallEndpoint(AwsClients clients, String service) {
        return switch (service) {
            case "IAM" -> clients.iam("eu-north-1", KEYS).endpoint();
            case "SSM" -> clients.ssm("eu-north-1", KEYS).endpoint();
            default -> clients.eksDescribe("eu-north-1", KEYS).endpoint();
        };
    }

    private static Optional<String> signingRegion(Endpoint endpoint) {
        var schemes = endpoint.attribute(AwsEndpointAttribute.AUTH_SCHEMES);
        return schemes == null ? Optional.empty() : schemes.stream().filter(SigV4AuthScheme.class::isInstance)
                .map(s -> ((SigV4AuthScheme) s).signingRegion()).findFirst();
    }
}
