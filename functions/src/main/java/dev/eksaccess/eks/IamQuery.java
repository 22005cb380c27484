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
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
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
    /** The partitions' IAM signing regions (as the SDK 2.57 IAM endpoint rules give them). */
    private static final Map<String, String> SIGNING_REGIONS = Map.of("aws", "us-east-1", "aws-cn", "cn-north-1",
            "aws-us-gov", "us-gov-west-1", "aws-iso", "us-iso-east-1", "aws-iso-b", "us-isob-east-1",
            "aws-iso-e", "eu-isoe-west-1", "aws-iso-f", "us-isof-south-1", "aws-eusc", "eusc-de-east-1");

    private final SignedAwsCalls calls;
    private final SignedAwsCalls.Endpoint endpoint;
    private final AwsCredentialsProvider credentials;
    private final int pageSize;

    public IamQuery(SignedAwsCalls calls, SignedAwsCalls.Endpoint endpoint, AwsCredentialsProvider credentials,
                    int pageSize) {
        this.calls = calls;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.pageSize = pageSize;
    }

    /** IAM of {@code region}'s partition, or {@code override} (AWS_ENDPOINT_URL_IAM) signed the same way. */
    public static SignedAwsCalls.Endpoint endpoint(String region, Optional<URI> override) {
        Partition partition = Partition.ofRegion(region);
        String signingRegion = SIGNING_REGIONS.get(partition.id());
        if (signingRegion == null) {
            throw new IllegalStateException("no IAM endpoint known for partition " + partition.id() + " (region "
                    + region + "); set AWS_ENDPOINT_URL_IAM");
        }
        String host = switch (partition.id()) {
            case "aws" -> "iam." + partition.dnsSuffix();
            case "aws-us-gov" -> "iam.us-gov." + partition.dnsSuffix();
            default -> "iam." + signingRegion + "." + partition.dnsSuffix();
        };
        return new SignedAwsCalls.Endpoint("IAM", override.orElse(URI.create("https://" + host)), "iam", signingRegion);
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
        return QueryXml.parse(calls.post(endpoint, action, FORM, form.toString().getBytes(StandardCharsets.UTF_8),
                credentials, IamQuery::error));
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
