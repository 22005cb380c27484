package dev.eksaccess.eks;

import dev.eksaccess.access.Partition;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The IAM calls the functions make (ListRoles by path prefix, GetRole), in IAM's Query protocol (form
 * POST, XML answer) through {@link SignedAwsCalls} instead of the IAM SDK module. IAM is global: one
 * endpoint and signing region per partition, whatever region the caller works in.
 */
public final class IamQuery {
    static final String VERSION = "2010-05-08";
    /** ListRoles' largest page: fewer round trips than the SDK paginator's default of 100. */
    public static final int PAGE_SIZE = 1000;
    private static final Map<String, String> FORM = Map.of("Content-Type",
            "application/x-www-form-urlencoded; charset=utf-8");
    /**
     * IAM's endpoints per partition, as the SDK 2.57 IAM endpoint rules give them: signing region, then the
     * standard, FIPS, dual-stack and FIPS + dual-stack hosts. IAM is irregular across partitions (a global name
     * in some, the signing region in others), so they are written out; SignedCallEndpointsTest checks every
     * one against the rules.
     */
    private record Hosts(String signingRegion, String standard, String fips, String dualStack, String fipsDualStack) {
        String pick(EndpointOptions options) {
            if (options.fips()) {
                return options.dualStack() ? fipsDualStack : fips;
            }
            return options.dualStack() ? dualStack : standard;
        }
    }

    private static Hosts hosts(Partition partition) {
        return switch (partition) {
            case AWS -> new Hosts("us-east-1", "iam.amazonaws.com", "iam-fips.amazonaws.com", "iam.global.api.aws",
                    "iam-fips.global.api.aws");
            case AWS_CN -> new Hosts("cn-north-1", "iam.cn-north-1.amazonaws.com.cn", "iam-fips.amazonaws.com.cn",
                    "iam.global.api.amazonwebservices.com.cn", "iam-fips.api.amazonwebservices.com.cn");
            case AWS_US_GOV -> new Hosts("us-gov-west-1", "iam.us-gov.amazonaws.com", "iam.us-gov.amazonaws.com",
                    "iam.us-gov.api.aws", "iam.us-gov.api.aws");
            case AWS_ISO -> new Hosts("us-iso-east-1", "iam.us-iso-east-1.c2s.ic.gov",
                    "iam-fips.us-iso-east-1.c2s.ic.gov", "iam.api.aws.ic.gov", "iam-fips.api.aws.ic.gov");
            case AWS_ISO_B -> new Hosts("us-isob-east-1", "iam.us-isob-east-1.sc2s.sgov.gov",
                    "iam-fips.us-isob-east-1.sc2s.sgov.gov", "iam.api.aws.scloud", "iam-fips.api.aws.scloud");
            case AWS_ISO_E -> new Hosts("eu-isoe-west-1", "iam.eu-isoe-west-1.cloud.adc-e.uk",
                    "iam-fips.cloud.adc-e.uk", "iam.api.cloud-aws.adc-e.uk", "iam-fips.api.cloud-aws.adc-e.uk");
            case AWS_ISO_F -> new Hosts("us-isof-south-1", "iam.us-isof-south-1.csp.hci.ic.gov",
                    "iam-fips.csp.hci.ic.gov", "iam.api.aws.hci.ic.gov", "iam-fips.api.aws.hci.ic.gov");
            case AWS_EUSC -> new Hosts("eusc-de-east-1", "iam.eusc-de-east-1.amazonaws.eu", "iam-fips.amazonaws.eu",
                    "iam.global.api.amazonwebservices.eu", "iam-fips.api.amazonwebservices.eu");
        };
    }

    private final SignedAwsCalls.Service iam;
    private final int pageSize;

    public IamQuery(SignedAwsCalls.Service iam, int pageSize) {
        this.iam = iam;
        this.pageSize = pageSize;
    }

    /** Where this calls (tests). */
    SignedAwsCalls.Endpoint endpoint() {
        return iam.endpoint();
    }

    /**
     * IAM of {@code region}'s partition (its FIPS or dual-stack variant where {@code options} ask), or
     * {@code override} (AWS_ENDPOINT_URL_IAM) signed the same way.
     */
    public static SignedAwsCalls.Endpoint endpoint(String region, Optional<URI> override, EndpointOptions options) {
        Hosts hosts = hosts(Partition.ofRegion(region));
        return SignedAwsCalls.Endpoint.at("IAM", "iam", hosts.pick(options), hosts.signingRegion(), override, options);
    }

    /** ARNs of every role whose path starts with {@code pathPrefix}, all pages. */
    public List<String> listRoleArns(String pathPrefix) {
        List<String> arns = new ArrayList<>();
        String marker = null;
        while (true) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("PathPrefix", pathPrefix);
            params.put("MaxItems", Integer.toString(pageSize));
            if (marker != null) {
                params.put("Marker", marker);
            }
            QueryXml page = call("ListRoles", params);
            arns.addAll(page.all("ListRolesResponse/ListRolesResult/Roles/member/Arn"));
            if (!"true".equals(page.first("ListRolesResponse/ListRolesResult/IsTruncated").orElse("false"))) {
                return arns;
            }
            String next = page.first("ListRolesResponse/ListRolesResult/Marker").orElse("");
            if (next.isEmpty() || next.equals(marker)) {
                throw new IllegalStateException("IAM ListRoles answered IsTruncated without a new Marker");
            }
            marker = next;
        }
    }

    /** The role's ARN (with its path), or empty when IAM has no role of that name (NoSuchEntity). */
    public Optional<String> roleArn(String roleName) {
        try {
            return Optional.of(call("GetRole", Map.of("RoleName", roleName))
                    .first("GetRoleResponse/GetRoleResult/Role/Arn")
                    .orElseThrow(() -> new IllegalStateException("IAM GetRole answered without Role/Arn")));
        } catch (AwsServiceException e) {
            if ("NoSuchEntity".equals(e.awsErrorDetails().errorCode())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private QueryXml call(String action, Map<String, String> params) {
        StringBuilder form = new StringBuilder("Action=").append(action).append("&Version=").append(VERSION);
        params.forEach((k, v) -> form.append('&').append(k).append('=').append(URLEncoder.encode(v,
                StandardCharsets.UTF_8)));
        return QueryXml.parse(iam.post(action, FORM, form.toString().getBytes(StandardCharsets.UTF_8),
                IamQuery::error));
    }

    /** {@code <ErrorResponse><Error><Code/><Message/></Error><RequestId/></ErrorResponse>}; lenient. */
    static SignedAwsCalls.Failure error(SdkHttpResponse response, byte[] body) {
        try {
            QueryXml xml = QueryXml.parse(body);
            return new SignedAwsCalls.Failure(xml.firstEndingWith("Error/Code").orElse(null),
                    xml.firstEndingWith("Error/Message").orElse(null),
                    xml.firstEndingWith("RequestId").or(() -> xml.firstEndingWith("RequestID")).orElse(null));
        } catch (IllegalStateException notXml) {
            return new SignedAwsCalls.Failure(null, null, null);
        }
    }
}
