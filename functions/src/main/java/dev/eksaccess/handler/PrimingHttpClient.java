package dev.eksaccess.handler;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Canned IAM, SSM and EKS DescribeCluster answers for {@link Priming}: the signed-call path (form and JSON bodies, SigV4, the
 * retry strategy, XML and JSON answers, an AWS error) runs through it offline; nothing touches the network.
 */
final class PrimingHttpClient implements SdkHttpClient {
    static final String MISSING_ROLE = "prime-missing";
    private static final String ROLE_ARN = "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/"
            + "AWSReservedSSO_Prime_0123456789abcdef";
    private static final String NS = " xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"";

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                if (request.httpRequest().method() == SdkHttpMethod.GET) {
                    return answer(200, "{\"cluster\":{\"name\":\"prime\",\"endpoint\":"
                            + "\"https://0123456789ABCDEF.gr7.eu-north-1.eks.amazonaws.com\",\"status\":\"ACTIVE\","
                            + "\"certificateAuthority\":{\"data\":\"LS0tLS1CRUdJTg==\"},"
                            + "\"accessConfig\":{\"authenticationMode\":\"API_AND_CONFIG_MAP\"}}}");
                }
                String body;
                try (InputStream in = request.contentStreamProvider().orElseThrow().newStream()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                if (request.httpRequest().firstMatchingHeader("X-Amz-Target").isPresent()) {
                    return answer(200, "{\"Parameter\":{\"Name\":\"/prime\",\"Type\":\"String\",\"Value\":"
                            + "\"permissionSets: {}\",\"Version\":1}}");
                }
                if (body.startsWith("Action=ListRoles")) {
                    return answer(200, "<ListRolesResponse" + NS + "><ListRolesResult><IsTruncated>false</IsTruncated>"
                            + "<Roles><member><Path>/aws-reserved/sso.amazonaws.com/eu-west-1/</Path><Arn>" + ROLE_ARN
                            + "</Arn></member></Roles></ListRolesResult></ListRolesResponse>");
                }
                if (body.contains("RoleName=" + MISSING_ROLE)) {
                    return answer(404, "<ErrorResponse" + NS + "><Error><Type>Sender</Type><Code>NoSuchEntity</Code>"
                            + "<Message>The role with name " + MISSING_ROLE + " cannot be found.</Message></Error>"
                            + "<RequestId>prime</RequestId></ErrorResponse>");
                }
                return answer(200, "<GetRoleResponse" + NS + "><GetRoleResult><Role><Arn>" + ROLE_ARN
                        + "</Arn></Role></GetRoleResult></GetRoleResponse>");
            }

            @Override
            public void abort() {
            }
        };
    }

    private static HttpExecuteResponse answer(int status, String body) {
        return HttpExecuteResponse.builder()
                .response(SdkHttpResponse.builder().statusCode(status).putHeader("x-amzn-RequestId", "prime").build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(
                        body.getBytes(StandardCharsets.UTF_8))))
                .build();
    }

    @Override
    public void close() {
    }
}
