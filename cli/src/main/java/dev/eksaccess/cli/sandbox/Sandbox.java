package dev.eksaccess.cli.sandbox;

import dev.eksaccess.access.AccountId;
import dev.eksaccess.access.IamRoleArn;
import dev.eksaccess.access.ManagedArns;
import dev.eksaccess.eks.KubeEndpoints;
import dev.eksaccess.handler.Json;
import dev.eksaccess.testkit.EksAccessEntriesServer;
import dev.eksaccess.testkit.EksTokenAuthenticator;
import dev.eksaccess.testkit.IdentityCenterServer;
import dev.eksaccess.testkit.KubeApiServer;
import dev.eksaccess.testkit.MotoServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import tools.jackson.databind.node.ObjectNode;

/**
 * A running sandbox: moto_server seeded with the spec's accounts, reserved roles and clusters, and one
 * Kubernetes API per cluster that accepts a bearer token only if its SigV4 signature verifies for that
 * cluster with the secret moto holds for the signing key, as EKS does through STS. EKS requests go
 * through a local stand-in that serves access entries and the authentication mode of API-mode clusters
 * (moto has neither) and hands everything else to moto.
 */
public final class Sandbox implements AutoCloseable {
    static final String PROVISIONER_USER = "eks-access-provisioner";
    private static final String SSO_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Federated\":\"arn:aws:iam::111122223333:saml-provider/AWSSSO\"},"
            + "\"Action\":[\"sts:AssumeRoleWithSAML\",\"sts:TagSession\"]}]}";

    private final SandboxSpec spec;
    private final MotoServer moto;
    private final Map<String, KubeApiServer> apis = new LinkedHashMap<>();
    private IdentityCenterServer identityCenter;
    private EksAccessEntriesServer eks;
    private final String accessKeyId;
    private final String secretAccessKey;

    private Sandbox(SandboxSpec spec, MotoServer moto) {
        this.spec = spec;
        this.moto = moto;
        try {
            AccessKey key = seedAccounts();
            eks = EksAccessEntriesServer.start(moto.endpoint());
            this.accessKeyId = key.accessKeyId();
            this.secretAccessKey = key.secretAccessKey();
            for (SandboxSpec.Cluster c : spec.clusters()) {
                seedCluster(c);
            }
            Map<String, String> byArn = new LinkedHashMap<>();
            spec.identityCenter().permissionSets().forEach((name, arn) -> byArn.put(arn, name));
            identityCenter = IdentityCenterServer.start(spec.identityCenter().instanceArn(), byArn);
            spec.identityCenter().assignments().forEach(identityCenter::assign);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts moto_server and the cluster APIs, and seeds them; close() stops everything. */
    public static Sandbox start(SandboxSpec spec) {
        return new Sandbox(spec, MotoServer.start());
    }

    public SandboxSpec spec() {
        return spec;
    }

    /** The variables that point a function (or the aws CLI, kubectl, eks-access) at this sandbox. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ENDPOINT_URL", moto.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", accessKeyId);
        env.put("AWS_SECRET_ACCESS_KEY", secretAccessKey);
        env.put("AWS_REGION", spec.region());
        env.put("AWS_DEFAULT_REGION", spec.region());
        ObjectNode endpoints = Json.object();
        apis.forEach((name, api) -> endpoints.putObject(name).put("url", api.url())
                .put("certificateAuthority", caData(api)));
        env.put(KubeEndpoints.VARIABLE, Json.MAPPER.writeValueAsString(endpoints));
        env.put("TARGET_ROLE_NAME", spec.targetRoleName());
        env.put("AWS_ENDPOINT_URL_SSO_ADMIN", identityCenter.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_EKS", eks.endpoint().toString());
        if (spec.accessPolicy() != null) {
            env.put("ACCESS_POLICY", spec.accessPolicy());
        }
        return env;
    }

    /** The cluster's CA as kubeconfig and DescribeCluster carry it: base64 of the PEM. */
    public static String caData(KubeApiServer api) {
        return java.util.Base64.getEncoder().encodeToString(
                api.caCertificatePem().orElseThrow().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    public Map<String, KubeApiServer> clusters() {
        return apis;
    }

    public IdentityCenterServer identityCenter() {
        return identityCenter;
    }

    public MotoServer moto() {
        return moto;
    }

    /** The access entries of every cluster that has them, now, for a diff later. */
    public Map<String, List<EksAccessEntriesServer.Entry>> accessEntries() {
        Map<String, List<EksAccessEntriesServer.Entry>> out = new LinkedHashMap<>();
        spec.clusters().stream().filter(SandboxSpec.Cluster::servesAccessEntries)
                .forEach(c -> out.put(c.ref().name(), eks.entries(c.ref().name())));
        return out;
    }

    /** The aws-auth of every cluster now, for a diff later. */
    public Map<String, ConfigMap> snapshot() {
        Map<String, ConfigMap> out = new LinkedHashMap<>();
        apis.forEach((name, api) -> out.put(name,
                api.adminClient().configMaps().inNamespace("kube-system").withName("aws-auth").get()));
        return out;
    }

    private AccessKey seedAccounts() {
        AccessKey provisionerKey = null;
        List<AccountId> accounts = new ArrayList<>(spec.reservedRoles().keySet());
        if (!accounts.contains(spec.provisionerAccount())) {
            accounts.add(0, spec.provisionerAccount());
        }
        for (AccountId account : accounts) {
            try (IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL).endpointOverride(moto.endpoint())
                    .credentialsProvider(seeding())
                    .overrideConfiguration(o -> o.putHeader(MotoServer.ACCOUNT_HEADER, account.value())).build()) {
                for (IamRoleArn role : spec.reservedRoles().getOrDefault(account, List.of())) {
                    iam.createRole(r -> r.roleName(role.name()).path(role.path()).assumeRolePolicyDocument(SSO_TRUST));
                }
                if (account.equals(spec.provisionerAccount())) {
                    iam.createUser(r -> r.userName(PROVISIONER_USER));
                    provisionerKey = iam.createAccessKey(r -> r.userName(PROVISIONER_USER)).accessKey();
                } else {
                    String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                            + "{\"AWS\":\"arn:aws:iam::" + spec.provisionerAccount().value() + ":root\"},"
                            + "\"Action\":\"sts:AssumeRole\"}]}";
                    iam.createRole(r -> r.roleName(spec.targetRoleName()).assumeRolePolicyDocument(trust));
                }
            }
        }
        return provisionerKey;
    }

    private void seedCluster(SandboxSpec.Cluster c) {
        String account = c.ref().accountId().value();
        try (EksClient eks = EksClient.builder().region(Region.of(c.ref().region())).endpointOverride(moto.endpoint())
                .credentialsProvider(seeding())
                .overrideConfiguration(o -> o.putHeader(MotoServer.ACCOUNT_HEADER, account)).build()) {
            eks.createCluster(r -> r.name(c.ref().name()).roleArn("arn:aws:iam::" + account + ":role/eks-cluster")
                    .resourcesVpcConfig(v -> v.subnetIds("subnet-0a1b2c3d4e5f60718")).tags(c.tags()));
        }
        eks.authenticationMode(c.ref().name(), c.authenticationMode());
        c.accessEntries().forEach((arn, type) -> eks.seed(c.ref().name(), arn, type));
        // HTTPS as EKS serves it: kubectl sends no bearer token to a plain-http server.
        KubeApiServer api = KubeApiServer.startHttps(c.ref().name(), new EksTokenAuthenticator(c.ref().name(),
                id -> moto.secretFor(id).orElse(null)));
        apis.put(c.ref().name(), api);
        if (!c.awsAuth().isEmpty()) {
            api.adminClient().configMaps().inNamespace("kube-system").resource(new ConfigMapBuilder()
                    .withNewMetadata().withName("aws-auth").withNamespace("kube-system")
                    .withAnnotations(new ManagedArns(new java.util.HashSet<>(c.managedArns())).writeInto(Map.of()))
                    .endMetadata().withData(c.awsAuth()).build()).create();
        }
        api.clearCalls();
    }

    private static StaticCredentialsProvider seeding() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSANDBOXSEED", "sandbox-seeding"));
    }

    @Override
    public void close() {
        if (identityCenter != null) {
            identityCenter.close();
        }
        apis.values().forEach(KubeApiServer::close);
        if (eks != null) {
            eks.close();
        }
        moto.close();
    }
}
