package dev.eksaccess.bench;

import dev.eksaccess.access.AwsAuthDocument;
import dev.eksaccess.access.IdentityMapping;
import dev.eksaccess.testkit.EksTokenAuthenticator;
import dev.eksaccess.testkit.KubeApiServer;
import dev.eksaccess.testkit.MotoServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

/**
 * One EKS cluster on this machine, as the handler tests have it: moto_server plays AWS (the cluster
 * "prod" and the provisioner's IAM user with a real moto key), a KubeApiServer plays its Kubernetes API
 * and accepts only EKS tokens signed with that key. aws-auth starts as a fresh cluster with a node group
 * and a hand-made admin has it.
 */
final class LocalCluster implements AutoCloseable {
    static final String ACCOUNT = "111122223333";
    static final String REGION = "eu-north-1";
    static final String CLUSTER = "prod";
    /** A second cluster in another account, reached with the target role, as cross-account setups are. */
    static final String OTHER_CLUSTER = "staging";
    static final String OTHER_ACCOUNT = "222222222222";
    static final String TARGET_ROLE = "EksAccessProvisionerTarget";

    final MotoServer moto;
    final KubeApiServer kube;
    final KubeApiServer otherKube;
    final String accessKeyId;
    final String secretAccessKey;

    LocalCluster() {
        moto = MotoServer.start();
        try (IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL).endpointOverride(moto.endpoint())
                .credentialsProvider(seeding())
                .overrideConfiguration(o -> o.putHeader(MotoServer.ACCOUNT_HEADER, ACCOUNT)).build()) {
            iam.createUser(r -> r.userName("eks-access-provisioner"));
            AccessKey key = iam.createAccessKey(r -> r.userName("eks-access-provisioner")).accessKey();
            accessKeyId = key.accessKeyId();
            secretAccessKey = key.secretAccessKey();
        }
        createCluster(ACCOUNT, CLUSTER);
        createCluster(OTHER_ACCOUNT, OTHER_CLUSTER);
        kube = KubeApiServer.start(CLUSTER, new EksTokenAuthenticator(CLUSTER,
                id -> id.equals(accessKeyId) ? secretAccessKey : null));
        // Assumed-role keys are moto's; their secrets come from moto, as EKS asks STS.
        otherKube = KubeApiServer.start(OTHER_CLUSTER, new EksTokenAuthenticator(OTHER_CLUSTER,
                id -> moto.secretFor(id).orElse(null)));
        reseed();
        seed(otherKube);
    }

    private void createCluster(String account, String name) {
        try (EksClient eks = EksClient.builder().region(Region.of(REGION)).endpointOverride(moto.endpoint())
                .credentialsProvider(seeding())
                .overrideConfiguration(o -> o.putHeader(MotoServer.ACCOUNT_HEADER, account)).build()) {
            eks.createCluster(r -> r.name(name).roleArn("arn:aws:iam::" + account + ":role/eks-cluster")
                    .resourcesVpcConfig(v -> v.subnetIds("subnet-0a1b2c3d")));
        }
    }

    /** The function's variables, with AWS at {@code awsEndpoint} (moto, or a proxy in front of it). */
    Map<String, String> functionEnv(URI awsEndpoint) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ENDPOINT_URL", awsEndpoint.toString());
        env.put("AWS_ACCESS_KEY_ID", accessKeyId);
        env.put("AWS_SECRET_ACCESS_KEY", secretAccessKey);
        env.put("AWS_REGION", REGION);
        env.put("TARGET_ROLE_NAME", TARGET_ROLE);
        env.put("EKS_ACCESS_KUBE_ENDPOINTS", "{\"" + CLUSTER + "\":\"" + kube.url() + "\",\"" + OTHER_CLUSTER
                + "\":\"" + otherKube.url() + "\"}");
        env.put("KUBE_REQUEST_TIMEOUT_MS", "10000");
        return env;
    }

    /** aws-auth back to its starting content, and the call record cleared. */
    void reseed() {
        seed(kube);
    }

    private static void seed(KubeApiServer kube) {
        var configMaps = kube.adminClient().configMaps().inNamespace("kube-system");
        if (configMaps.withName("aws-auth").get() != null) {
            configMaps.withName("aws-auth").delete();
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put("mapRoles", """
                - rolearn: arn:aws:iam::111122223333:role/eks-node-group-NodeInstanceRole
                  username: system:node:{{EC2PrivateDNSName}}
                  groups:
                    - system:bootstrappers
                    - system:nodes
                - rolearn: arn:aws:iam::111122223333:role/platform-admin
                  username: platform-admin
                  groups:
                    - system:masters
                """);
        data.put("mapUsers", """
                - userarn: arn:aws:iam::111122223333:user/alice
                  username: alice
                  groups:
                    - eks-viewers
                """);
        data.put("mapAccounts", "- \"444455556666\"\n");
        configMaps.resource(new ConfigMapBuilder().withNewMetadata().withName("aws-auth")
                .withNamespace("kube-system").addToLabels("app.kubernetes.io/managed-by", "eksctl").endMetadata()
                .withData(data).build()).create();
        kube.clearCalls();
    }

    List<IdentityMapping> roles() {
        ConfigMap cm = kube.adminClient().configMaps().inNamespace("kube-system").withName("aws-auth").get();
        return AwsAuthDocument.parse(cm.getData()).roles();
    }

    private static StaticCredentialsProvider seeding() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSEEDING", "seeding-secret"));
    }

    @Override
    public void close() {
        kube.close();
        otherKube.close();
        moto.close();
    }
}
