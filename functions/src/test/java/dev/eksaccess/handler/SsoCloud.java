package dev.eksaccess.handler;

import static dev.eksaccess.handler.LocalCloud.ACCOUNT;
import static dev.eksaccess.handler.LocalCloud.REGION;

import dev.eksaccess.sso.ProvisioningWait;
import dev.eksaccess.testkit.KubeApiServer;
import dev.eksaccess.testkit.MotoServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * LocalCloud plus Identity Center: the sample events' instance with permission sets in moto (eu-west-1,
 * the provisioner's account acting as management account), a third cluster "dev" and tags, so that
 * "eks-access: enabled" selects prod and dev in 111122223333 but not the untagged "sandbox" (which has no
 * Kubernetes API at all: touching it would fail). sso-admin goes through {@link SsoStatusStub}.
 *
 * <p>moto lets us keep the sample instance ARN and principal ids (it checks neither), but it generates
 * permission set ARNs (in its own {@code instance/.../ps-} form) and request ids; {@link #event} puts those
 * two into the sample events, nothing else.
 */
final class SsoCloud implements AutoCloseable {
    static final String SSO_REGION = "eu-west-1";
    static final String INSTANCE = "arn:aws:sso:::instance/ssoins-6804a1b2c3d4e5f6";
    static final String SAMPLE_SET = "arn:aws:sso:::permissionSet/ssoins-6804a1b2c3d4e5f6/ps-2f3e4d5c6b7a8091";
    static final String USER = "93670f2e5c-4b1d7a28-6c3e-4f90-a1b2-7d8e9f0a1b2c";
    static final String GROUP = "93670f2e5c-0e2f4a6b-8c1d-4e3f-9a5b-6c7d8e9f0a1b";
    static final String GLOBAL_PATH = "/aws-reserved/sso.amazonaws.com/";
    static final String REGIONAL_PATH = "/aws-reserved/sso.amazonaws.com/eu-west-1/";
    static final String ADMIN_ROLE = "AWSReservedSSO_AdministratorAccess_0123456789abcdef";
    static final String POLICY = """
            permissionSets:
              AdministratorAccess:
                username: "admin:{{SessionName}}"
                groups: [system:masters]
                clusters:
                  - {accountId: "222222222222", region: eu-north-1, name: staging}
                  - {region: eu-north-1, tags: {eks-access: enabled}}
              ReadOnlyAccess:
                username: "viewer:{{SessionName}}"
                groups: [eks-viewers]
                clusters: [{region: eu-north-1, tags: {eks-access: enabled}}]
            """;

    final LocalCloud cloud = new LocalCloud();
    final KubeApiServer dev = KubeApiServer.start("dev", null);
    final SsoStatusStub stub = SsoStatusStub.start(cloud.moto.endpoint());
    final String adminSet;
    final String billingSet;
    private final ByteArrayOutputStream audit = new ByteArrayOutputStream();
    /** The assignments made through {@link #assign}, as "permissionSetArn account principalType principalId". */
    private final Set<String> assignments = ConcurrentHashMap.newKeySet();

    SsoCloud() {
        try (EksClient eks = eks(ACCOUNT)) {
            String prodArn = eks.describeCluster(r -> r.name("prod")).cluster().arn();
            eks.tagResource(r -> r.resourceArn(prodArn).tags(Map.of("eks-access", "enabled")));
            eks.createCluster(r -> r.name("dev").roleArn("arn:aws:iam::" + ACCOUNT + ":role/eks-cluster")
                    .resourcesVpcConfig(v -> v.subnetIds("subnet-0a1b2c3d")).tags(Map.of("eks-access", "enabled")));
            eks.createCluster(r -> r.name("sandbox").roleArn("arn:aws:iam::" + ACCOUNT + ":role/eks-cluster")
                    .resourcesVpcConfig(v -> v.subnetIds("subnet-0a1b2c3d")).tags(Map.of("eks-access", "disabled")));
        }
        try (SsoAdminClient sso = ssoAdmin()) {
            adminSet = sso.createPermissionSet(r -> r.instanceArn(INSTANCE).name("AdministratorAccess"))
                    .permissionSet().permissionSetArn();
            billingSet = sso.createPermissionSet(r -> r.instanceArn(INSTANCE).name("BillingAccess"))
                    .permissionSet().permissionSetArn();
        }
        // Identity Center provisions a permission set to an account with its first assignment there.
        stub.provisionedAccounts = arn -> assignments.stream().map(a -> a.split(" "))
                .filter(a -> a[0].equals(arn)).map(a -> a[1]).distinct().sorted().toList();
    }

    /** Another permission set of the instance; returns its ARN. */
    String createPermissionSet(String name) {
        try (SsoAdminClient sso = ssoAdmin()) {
            return sso.createPermissionSet(r -> r.instanceArn(INSTANCE).name(name)).permissionSet().permissionSetArn();
        }
    }

    /** The function's variables: LocalCloud's, plus the policy, dev's API, the stub and a fast poll. */
    Map<String, String> env(String policy) {
        Map<String, String> env = new LinkedHashMap<>(cloud.env());
        env.put("EKS_ACCESS_KUBE_ENDPOINTS", "{\"prod\":\"" + cloud.prod.url() + "\",\"staging\":\""
                + cloud.staging.url() + "\",\"dev\":\"" + dev.url() + "\"}");
        env.put("AWS_ENDPOINT_URL_SSO_ADMIN", stub.url().toString());
        if (policy != null) {
            env.put("ACCESS_POLICY", policy);
        }
        env.put("SSO_INSTANCE_ARN", INSTANCE);
        env.put("SSO_REGION", SSO_REGION);
        env.put("SSO_PROVISIONING_WAIT_SECONDS", "1");
        env.put("SSO_PROVISIONING_POLL_MS", "100");
        return env;
    }

    /** The function as Lambda would run it, with its audit lines kept for {@link #auditLines()}. */
    SsoAssignmentHandler handler(Map<String, String> env, ProvisioningWait.Sleeper sleeper) {
        return new SsoAssignmentHandler(env, sleeper, new PrintStream(audit, true, StandardCharsets.UTF_8));
    }

    /** ReconcileFunction as Lambda would run it, writing its audit lines where {@link #handler} does. */
    ReconcileHandler reconciler(Map<String, String> env) {
        return new ReconcileHandler(env, new PrintStream(audit, true, StandardCharsets.UTF_8));
    }

    /** Every audit line written so far, parsed (each must be one JSON object). */
    List<JsonNode> auditLines() {
        return Arrays.stream(audit.toString(StandardCharsets.UTF_8).split("\n")).filter(l -> !l.isBlank())
                .map(Json.MAPPER::readTree).toList();
    }

    String rawAudit() {
        return audit.toString(StandardCharsets.UTF_8);
    }

    void clearAudit() {
        audit.reset();
    }

    void clearCalls() {
        cloud.prod.clearCalls();
        cloud.staging.clearCalls();
        dev.clearCalls();
    }

    /** Assigns in moto (as the management account) and returns the request id moto generated. */
    String assign(String permissionSet, String principalType, String principalId, String account) {
        assignments.add(permissionSet + " " + account + " " + principalType + " " + principalId);
        try (SsoAdminClient sso = ssoAdmin()) {
            return sso.createAccountAssignment(r -> r.instanceArn(INSTANCE).permissionSetArn(permissionSet)
                    .principalType(principalType).principalId(principalId).targetId(account)
                    .targetType("AWS_ACCOUNT")).accountAssignmentCreationStatus().requestId();
        }
    }

    /** Unassigns in moto and returns the deletion's request id moto generated. */
    String unassign(String permissionSet, String principalType, String principalId, String account) {
        assignments.remove(permissionSet + " " + account + " " + principalType + " " + principalId);
        try (SsoAdminClient sso = ssoAdmin()) {
            return sso.deleteAccountAssignment(r -> r.instanceArn(INSTANCE).permissionSetArn(permissionSet)
                    .principalType(principalType).principalId(principalId).targetId(account)
                    .targetType("AWS_ACCOUNT")).accountAssignmentDeletionStatus().requestId();
        }
    }

    /** What Identity Center does in the member account on the first assignment; moto does not. */
    void createRole(String account, String path, String name) {
        try (IamClient iam = iam(account)) {
            iam.createRole(r -> r.path(path).roleName(name).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"arn:aws:iam::" + account
                    + ":saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE\"},\"Action\":\"sts:AssumeRoleWithSAML\"}]}"));
        }
    }

    void deleteRole(String account, String name) {
        try (IamClient iam = iam(account)) {
            iam.deleteRole(r -> r.roleName(name));
        }
    }

    void putParameter(String name, String value) {
        try (SsmClient ssm = SsmClient.builder().region(Region.of(REGION)).endpointOverride(cloud.moto.endpoint())
                .credentialsProvider(fake()).overrideConfiguration(o -> o.putHeader(MotoServer.ACCOUNT_HEADER, ACCOUNT))
                .build()) {
            ssm.putParameter(r -> r.name(name).value(value).type("String"));
        }
    }

    /** A sample event with moto's permission set ARN and, when given, moto's request id put in. */
    static String event(String file, String permissionSetArn, String requestId) {
        JsonNode root = Json.MAPPER.readTree(LocalCloud.event(file));
        ObjectNode detail = (ObjectNode) root.get("detail");
        ((ObjectNode) detail.get("requestParameters")).put("permissionSetArn", permissionSetArn);
        JsonNode elements = detail.get("responseElements");
        if (elements != null && elements.isObject()) {
            for (JsonNode status : elements) {
                ((ObjectNode) status).put("permissionSetArn", permissionSetArn);
                if (requestId != null) {
                    ((ObjectNode) status).put("requestId", requestId);
                }
            }
        }
        return Json.MAPPER.writeValueAsString(root);
    }

    private SsoAdminClient ssoAdmin() {
        return SsoAdminClient.builder().region(Region.of(SSO_REGION)).endpointOverride(cloud.moto.endpoint())
                .credentialsProvider(fake()).overrideConfiguration(o -> o.putHeader(MotoServer.ACCOUNT_HEADER, ACCOUNT))
                .build();
    }

    private EksClient eks(String account) {
        return EksClient.builder().region(Region.of(REGION)).endpointOverride(cloud.moto.endpoint())
                .credentialsProvider(fake()).overrideConfiguration(o -> o.putHeader(MotoServer.ACCOUNT_HEADER, account))
                .build();
    }

    private IamClient iam(String account) {
        return IamClient.builder().region(Region.AWS_GLOBAL).endpointOverride(cloud.moto.endpoint())
                .credentialsProvider(fake()).overrideConfiguration(o -> o.putHeader(MotoServer.ACCOUNT_HEADER, account))
                .build();
    }

    private static StaticCredentialsProvider fake() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSEEDING", "seeding-secret"));
    }

    @Override
    public void close() {
        stub.close();
        dev.close();
        cloud.close();
    }
}
