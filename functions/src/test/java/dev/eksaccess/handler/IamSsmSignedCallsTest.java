package dev.eksaccess.handler;

import static dev.eksaccess.handler.AccessHandlersTest.json;
import static dev.eksaccess.handler.LocalCloud.ACCOUNT;
import static dev.eksaccess.handler.LocalCloud.OTHER_ACCOUNT;
import static dev.eksaccess.handler.LocalCloud.invoke;
import static dev.eksaccess.handler.SsoCloud.ADMIN_ROLE;
import static dev.eksaccess.handler.SsoCloud.GLOBAL_PATH;
import static dev.eksaccess.handler.SsoCloud.REGIONAL_PATH;
import static dev.eksaccess.handler.SsoCloud.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import dev.eksaccess.eks.EndpointOptions;
import dev.eksaccess.eks.IamQuery;
import dev.eksaccess.eks.SignedAwsCalls;
import dev.eksaccess.testkit.HttpForwarding;
import dev.eksaccess.testkit.SigV4RequestVerifier;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import tools.jackson.databind.JsonNode;

/**
 * IAM (ListRoles, GetRole) and SSM (GetParameter) without their SDK modules, on moto behind a loopback proxy
 * that checks every request's SigV4 signature independently (moto checks none) and answers the errors moto
 * cannot produce: throttling, AccessDenied, a SignatureDoesNotMatch that echoes the canonical request.
 */
class IamSsmSignedCallsTest {
    static final String RESOLVE = "{\"accountId\":\"%s\",\"permissionSetName\":\"AdministratorAccess\"}";
    static final String POLICY = SsoCloud.POLICY;

    SsoCloud sso;
    /** Requests that reached the proxy: "service action-or-target". */
    final Queue<String> calls = new ConcurrentLinkedQueue<>();
    final Queue<String> badSignatures = new ConcurrentLinkedQueue<>();
    final Queue<SigV4RequestVerifier.Verified> signatures = new ConcurrentLinkedQueue<>();
    final Queue<String> sessionTokens = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void start() {
        sso = new SsoCloud();
    }

    @AfterEach
    void stop() {
        sso.close();
        assertTrue(badSignatures.isEmpty(), "requests whose signature AWS would refuse: " + badSignatures);
    }

    @Test
    void throttledListRolesIsRetriedWithBackoffAndTheRoleFound() {
        sso.createRole(ACCOUNT, REGIONAL_PATH, ADMIN_ROLE);
        AtomicInteger throttled = new AtomicInteger();
        try (AwsProxy iam = proxy((exchange, body) -> throttled.incrementAndGet() <= 2
                && AwsProxy.queryError(exchange, 400, "Throttling", "Rate exceeded"))) {
            Map<String, String> env = sso.env(null);
            env.put("AWS_ENDPOINT_URL_IAM", iam.url().toString());
            JsonNode out = json(invoke(new ResolveRoleHandler(env), RESOLVE.formatted(ACCOUNT)));
            assertTrue(out.get("found").asBoolean(), out.toString());
            assertEquals("arn:aws:iam::111122223333:role" + REGIONAL_PATH + ADMIN_ROLE, out.get("fullRoleArn").asString());
        }
        assertEquals(List.of("iam ListRoles", "iam ListRoles", "iam ListRoles"), List.copyOf(calls),
                "two throttled answers, then the retry went through");
        // IAM is global: signed for us-east-1 whatever the function's region (eu-north-1 here).
        assertTrue(signatures.stream().allMatch(s -> s.region().equals("us-east-1") && s.service().equals("iam")),
                signatures.toString());
    }

    @Test
    void persistentThrottlingFailsAfterTheStandardRetryBoundNamingOperationAndCode() {
        try (AwsProxy iam = proxy((exchange, body) -> AwsProxy.queryError(exchange, 400, "Throttling", "Rate exceeded"))) {
            Map<String, String> env = sso.env(null);
            env.put("AWS_ENDPOINT_URL_IAM", iam.url().toString());
            AwsServiceException e = assertThrows(AwsServiceException.class,
                    () -> invoke(new ResolveRoleHandler(env), RESOLVE.formatted(ACCOUNT)));
            assertTrue(e.getMessage().startsWith("IAM ListRoles failed: Throttling: Rate exceeded"), e.getMessage());
            assertTrue(e.isThrottlingException());
        }
        assertEquals(3, calls.size(), "the SDK's standard strategy: 3 attempts, then the error: " + calls);
    }

    @Test
    void listRolesFollowsMarkersAcrossPages() {
        for (int i = 0; i < 5; i++) {
            sso.createRole(ACCOUNT, i % 2 == 0 ? GLOBAL_PATH : REGIONAL_PATH, "AWSReservedSSO_Set" + i + "_0123456789abcdef");
        }
        sso.createRole(ACCOUNT, "/", "not-reserved");
        sso.createRole(ACCOUNT, "/service-role/", "also-not-reserved");
        Queue<String> markers = new ConcurrentLinkedQueue<>();
        try (AwsProxy iam = proxy((exchange, body) -> {
            String form = new String(body, StandardCharsets.UTF_8);
            markers.add(form.contains("&Marker=") ? "marker" : "first");
            return false;
        }); UrlConnectionHttpClient http = (UrlConnectionHttpClient) UrlConnectionHttpClient.create()) {
            IamQuery query = new IamQuery(new SignedAwsCalls(http).to(IamQuery.endpoint("eu-north-1",
                    Optional.of(iam.url()), EndpointOptions.STANDARD), baseCredentials()), 2);
            List<String> arns = query.listRoleArns("/aws-reserved/sso.amazonaws.com/");
            assertEquals(5, arns.size(), arns.toString());
            for (int i = 0; i < 5; i++) {
                String name = "AWSReservedSSO_Set" + i + "_0123456789abcdef";
                assertTrue(arns.stream().anyMatch(a -> a.endsWith("/" + name) && a.contains(":111122223333:role/")),
                        name + " in " + arns);
            }
        }
        assertEquals(List.of("first", "marker", "marker"), List.copyOf(markers), "5 roles in pages of 2");
    }

    @Test
    void getRoleGivesThePathAndNoSuchEntityIsNotFound() {
        sso.createRole(ACCOUNT, REGIONAL_PATH, ADMIN_ROLE);
        try (AwsProxy iam = proxy((exchange, body) -> false);
             UrlConnectionHttpClient http = (UrlConnectionHttpClient) UrlConnectionHttpClient.create()) {
            IamQuery query = new IamQuery(new SignedAwsCalls(http).to(IamQuery.endpoint("eu-north-1",
                    Optional.of(iam.url()), EndpointOptions.STANDARD), baseCredentials()), IamQuery.PAGE_SIZE);
            assertEquals(Optional.of("arn:aws:iam::111122223333:role" + REGIONAL_PATH + ADMIN_ROLE),
                    query.roleArn(ADMIN_ROLE));
            assertEquals(Optional.empty(), query.roleArn("AWSReservedSSO_Gone_0123456789abcdef"));
        }
        assertEquals(List.of("iam GetRole", "iam GetRole"), List.copyOf(calls), "NoSuchEntity is not retried");
    }

    @Test
    void accessDeniedInAnotherAccountNamesTheCallAndNoSecret() {
        try (AwsProxy iam = proxy((exchange, body) -> AwsProxy.queryError(exchange, 403, "AccessDenied", "User: "
                + "arn:aws:sts::222222222222:assumed-role/EksAccessProvisionerTarget/eks-access-provisioner is not "
                + "authorized to perform: iam:ListRoles on resource: arn:aws:iam::222222222222:role/"))) {
            Map<String, String> env = sso.env(null);
            env.put("AWS_ENDPOINT_URL_IAM", iam.url().toString());
            AwsServiceException e = assertThrows(AwsServiceException.class,
                    () -> invoke(new ResolveRoleHandler(env), RESOLVE.formatted(OTHER_ACCOUNT)));
            assertTrue(e.getMessage().startsWith("IAM ListRoles failed: AccessDenied: User: arn:aws:sts::222222222222:"
                    + "assumed-role/EksAccessProvisionerTarget/eks-access-provisioner is not authorized to perform: "
                    + "iam:ListRoles"), e.getMessage());
            assertTrue(e.getMessage().contains("Status Code: 403"), e.getMessage());
            assertNoSecrets(e.getMessage());
        }
        assertEquals(1, calls.size(), "AccessDenied is not retried: " + calls);
        assertFalse(sessionTokens.isEmpty(), "the target role's assumed credentials were used");
    }

    @Test
    void aSignatureErrorThatEchoesTheCanonicalRequestDoesNotLeakTheSessionToken() {
        try (AwsProxy iam = proxy((exchange, body) -> AwsProxy.queryError(exchange, 403, "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided. The Canonical "
                        + "String for this request should have been 'POST\n/\n\nhost:iam.amazonaws.com\n"
                        + "x-amz-security-token:" + exchange.getRequestHeaders().getFirst("X-Amz-Security-Token")
                        + "\n' The String-to-Sign should have been '...'"))) {
            Map<String, String> env = sso.env(null);
            env.put("AWS_ENDPOINT_URL_IAM", iam.url().toString());
            AwsServiceException e = assertThrows(AwsServiceException.class,
                    () -> invoke(new ResolveRoleHandler(env), RESOLVE.formatted(OTHER_ACCOUNT)));
            assertTrue(e.getMessage().startsWith("IAM ListRoles failed: SignatureDoesNotMatch: The request signature "
                    + "we calculated does not match the signature you provided. (canonical request not shown)"),
                    e.getMessage());
            assertNoSecrets(e.getMessage());
        }
    }

    @Test
    void thePolicyParameterIsReadThroughThrottlingAndSignedForSsmInTheFunctionsRegion() {
        sso.createRole(ACCOUNT, GLOBAL_PATH, ADMIN_ROLE);
        String request = sso.assign(sso.adminSet, "USER", USER, ACCOUNT);
        sso.putParameter("/eks-access/policy", POLICY);
        AtomicInteger throttled = new AtomicInteger();
        try (AwsProxy ssm = proxy((exchange, body) -> {
            if (throttled.incrementAndGet() > 1) {
                return false;
            }
            AwsProxy.reply(exchange, 400, Map.of(), "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"
                    .getBytes(StandardCharsets.UTF_8));
            return true;
        })) {
            Map<String, String> env = sso.env(null);
            env.put("ACCESS_POLICY_PARAMETER", "/eks-access/policy");
            env.put("AWS_ENDPOINT_URL_SSM", ssm.url().toString());
            JsonNode out = json(invoke(sso.handler(env, d -> { }), SsoCloud.event("sso-create-user.json", sso.adminSet,
                    request)));
            assertEquals("grant", out.get("action").asString(), out.toString());
        }
        assertEquals(List.of("ssm AmazonSSM.GetParameter", "ssm AmazonSSM.GetParameter"), List.copyOf(calls));
        assertTrue(signatures.stream().allMatch(s -> s.region().equals("eu-north-1") && s.service().equals("ssm")
                && s.signedHeaders().contains("x-amz-target") && s.signedHeaders().contains("content-type")),
                signatures.toString());
    }

    @Test
    void aMissingOrForbiddenParameterIsAClearErrorWithoutSecrets() {
        Map<String, String> env = sso.env(null);
        env.put("ACCESS_POLICY_PARAMETER", "/eks-access/missing");
        String event = SsoCloud.event("sso-create-user.json", sso.adminSet, null);
        AwsServiceException missing = assertThrows(AwsServiceException.class,
                () -> invoke(sso.handler(env, d -> { }), event));
        assertTrue(missing.getMessage().startsWith("SSM GetParameter failed: ParameterNotFound: Parameter "
                + "/eks-access/missing not found."), missing.getMessage());

        try (AwsProxy ssm = proxy((exchange, body) -> {
            AwsProxy.reply(exchange, 400, Map.of("x-amzn-ErrorType", "AccessDeniedException:http://internal.amazon.com/"),
                    ("{\"Message\":\"User: arn:aws:iam::111122223333:user/eks-access-provisioner is not authorized to "
                            + "perform: ssm:GetParameter\"}").getBytes(StandardCharsets.UTF_8));
            return true;
        })) {
            env.put("AWS_ENDPOINT_URL_SSM", ssm.url().toString());
            AwsServiceException denied = assertThrows(AwsServiceException.class,
                    () -> invoke(sso.handler(env, d -> { }), event));
            assertTrue(denied.getMessage().startsWith("SSM GetParameter failed: AccessDeniedException: User: "
                    + "arn:aws:iam::111122223333:user/eks-access-provisioner is not authorized to perform: "
                    + "ssm:GetParameter"), denied.getMessage());
            assertNoSecrets(denied.getMessage());
        }
    }

    /** A proxy in front of moto that verifies and records every request before the interceptor sees it. */
    private AwsProxy proxy(AwsProxy.Interceptor interceptor) {
        return AwsProxy.start(sso.cloud.moto.endpoint(), (exchange, body) -> {
            record(exchange, body);
            return interceptor.intercept(exchange, body);
        });
    }

    private void record(HttpExchange exchange, byte[] body) {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String form = new String(body, StandardCharsets.UTF_8);
        String action = form.startsWith("Action=") ? URLDecoder.decode(form.substring(7).split("&")[0],
                StandardCharsets.UTF_8) : null;
        try {
            SigV4RequestVerifier.Verified v = SigV4RequestVerifier.verify(exchange, body, this::secretFor);
            signatures.add(v);
            calls.add(v.service() + " " + (target != null ? target : action));
        } catch (IllegalArgumentException e) {
            badSignatures.add(e.getMessage());
        }
        String token = exchange.getRequestHeaders().getFirst("X-Amz-Security-Token");
        if (token != null) {
            sessionTokens.add(token);
        }
    }

    private String secretFor(String keyId) {
        return keyId.equals(sso.cloud.accessKeyId) ? sso.cloud.secretAccessKey
                : sso.cloud.moto.secretFor(keyId).orElse(null);
    }

    private StaticCredentialsProvider baseCredentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(sso.cloud.accessKeyId,
                sso.cloud.secretAccessKey));
    }

    private void assertNoSecrets(String message) {
        assertFalse(message.contains(sso.cloud.secretAccessKey), message);
        for (String token : sessionTokens) {
            assertFalse(message.contains(token), "session token in: " + message);
        }
        for (String forbidden : List.of("Signature=", "Credential=", "X-Amz-Security-Token", "x-amz-security-token:")) {
            assertFalse(message.contains(forbidden), forbidden + " in: " + message);
        }
    }
}
