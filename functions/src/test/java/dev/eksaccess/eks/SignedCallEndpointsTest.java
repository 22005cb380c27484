package dev.eksaccess.eks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.endpoints.AwsEndpointAttribute;
import software.amazon.awssdk.awscore.endpoints.authscheme.SigV4AuthScheme;
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
 * partition; and the endpoint variables win, service-specific first, as for the SDK clients.
 */
class SignedCallEndpointsTest {

    @ParameterizedTest
    @ValueSource(strings = {"eu-north-1", "us-east-1", "ap-southeast-2", "cn-north-1", "cn-northwest-1",
        "us-gov-west-1", "us-gov-east-1", "us-iso-east-1", "us-iso-west-1", "us-isob-east-1", "eu-isoe-west-1",
        "us-isof-south-1", "eusc-de-east-1"})
    void iamSsmAndEksEndpointsAreTheSdkRulesOnes(String region) throws Exception {
        Endpoint iam = IamEndpointProvider.defaultProvider().resolveEndpoint(IamEndpointParams.builder()
                .region(Region.of(region)).useFips(false).build()).get();
        SignedAwsCalls.Endpoint ours = IamQuery.endpoint(region, Optional.empty());
        assertEquals(iam.url(), ours.uri());
        assertEquals(signingRegion(iam).orElseThrow(), ours.signingRegion());
        assertEquals("iam", ours.signingName());

        Endpoint ssm = SsmEndpointProvider.defaultProvider().resolveEndpoint(SsmEndpointParams.builder()
                .region(Region.of(region)).useFips(false).useDualStack(false).build()).get();
        SignedAwsCalls.Endpoint oursSsm = SsmParameters.endpoint(region, Optional.empty());
        assertEquals(ssm.url(), oursSsm.uri());
        assertEquals(signingRegion(ssm).orElse(region), oursSsm.signingRegion());
        assertEquals("ssm", oursSsm.signingName());

        Endpoint eks = EksEndpointProvider.defaultProvider().resolveEndpoint(EksEndpointParams.builder()
                .region(Region.of(region)).useFips(false).useDualStack(false).build()).get();
        SignedAwsCalls.Endpoint oursEks = EksDescribeCluster.endpoint(region, Optional.empty());
        assertEquals(eks.url(), oursEks.uri());
        assertEquals(signingRegion(eks).orElse(region), oursEks.signingRegion());
        assertEquals("eks", oursEks.signingName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"IAM", "SSM", "EKS"})
    void theServiceVariableWinsOverTheGeneralOne(String service) {
        AwsClients clients = new AwsClients(Environment.of(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1",
                "AWS_ENDPOINT_URL_" + service, "http://127.0.0.1:2", "AWS_ACCESS_KEY_ID", "AKIDTEST",
                "AWS_SECRET_ACCESS_KEY", "test")));
        Optional<URI> override = clients.endpointFor(service);
        SignedAwsCalls.Endpoint endpoint = switch (service) {
            case "IAM" -> IamQuery.endpoint("eu-north-1", override);
            case "SSM" -> SsmParameters.endpoint("eu-north-1", override);
            default -> EksDescribeCluster.endpoint("eu-north-1", override);
        };
        assertEquals(URI.create("http://127.0.0.1:2"), endpoint.uri());
        assertEquals(service.equals("IAM") ? "us-east-1" : "eu-north-1", endpoint.signingRegion(),
                "an override changes where requests go, not how they are signed");
        AwsClients general = new AwsClients(Environment.of(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1")));
        assertEquals(Optional.of(URI.create("http://127.0.0.1:1")), general.endpointFor(service));
    }

    private static Optional<String> signingRegion(Endpoint endpoint) {
        var schemes = endpoint.attribute(AwsEndpointAttribute.AUTH_SCHEMES);
        return schemes == null ? Optional.empty() : schemes.stream().filter(SigV4AuthScheme.class::isInstance)
                .map(s -> ((SigV4AuthScheme) s).signingRegion()).findFirst();
    }
}
