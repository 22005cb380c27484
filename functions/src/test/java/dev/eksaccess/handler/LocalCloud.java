package dev.eksaccess.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.eksaccess.testkit.EksTokenAuthenticator;
import dev.eksaccess.testkit.KubeApiServer;
import dev.eksaccess.testkit.MotoServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

/**
 * Two EKS clusters on this machine: moto_server plays AWS, a KubeApiServer per cluster plays its API.
 * "prod" is in the provisioner's own account; "staging" is in another account, reached by assuming the
 * target role. Both check every bearer token as EKS does and start with a realistic aws-auth.
 */
final class LocalCloud implements AutoCloseable {
    static final String ACCOUNT = "111122223333";
    static final String OTHER_ACCOUNT = "222222222222";
    static final String REGION = "eu-north-1";
    static final String TARGET_ROLE = "EksAccessProvisionerTarget";
    static final Path EVENTS = Path.of("..", "events");

    final MotoServer moto = MotoServer.shared();
    final String accessKeyId;
    final String secretAccessKey;
    final KubeApiServer prod;
    final KubeApiServer staging;

    LocalCloud() {
        moto.reset();
        // Keys created by IAM in moto make every later call land in that account, like real keys.
        try (IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL).endpointOverride(moto.endpoint())
                .credentialsProvider(fake())
                .overrideConfiguration(o -> o.putHeader(MotoServer.ACCOUNT_HEADER, ACCOUNT)).build()) {
            iam.createUser(r -> r.userName("eks-access-provisioner"));
            AccessKey key = iam.createAccessKey(r -> r.userName("eks-access-provisioner")).accessKey();
            accessKeyId = key.accessKeyId();
            secretAccessKey = key.secretAccessKey();
        }
        createCluster(ACCOUNT, "prod");
        createCluster(OTHER_ACCOUNT, "staging");
        prod = KubeApiServer.start("prod", new EksTokenAuthenticator("prod",
                id -> id.equals(accessKeyId) ? secretAccessKey : null));
        // Assumed-role keys are moto's; their secrets come from moto, as EKS asks STS.
        staging = KubeApiServer.start("staging", new EksTokenAuthenticator("staging",
                id -> moto.secretFor(id).orElse(null)));
        seedAwsAuth(prod);
        seedAwsAuth(staging);
        prod.clearCalls();
        staging.clearCalls();
    }

    /** The variables a deployed function would have, pointed at the local servers. */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ENDPOINT_URL", moto.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", accessKeyId);
        env.put("AWS_SECRET_ACCESS_KEY", secretAccessKey);
        env.put("AWS_REGION", REGION);
        env.put("TARGET_ROLE_NAME", TARGET_ROLE);
        env.put("EKS_ACCESS_KUBE_ENDPOINTS",
                "{\"prod\":\"" + prod.url() + "\",\"staging\":\"" + staging.url() + "\"}");
        env.put("KUBE_REQUEST_TIMEOUT_MS", "5000");
        return env;
    }

    static String event(String name) {
        try {
            return Files.readString(EVENTS.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Invokes a handler as the Lambda runtime does: request bytes in, response bytes out. */
    static String invoke(RequestStreamHandler handler, String request) {
        return invoke(handler, request, null);
    }

    /** The same with a Lambda context. */
    static String invoke(RequestStreamHandler handler, String request, Context context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    ConfigMap awsAuth(KubeApiServer cluster) {
        return cluster.adminClient().configMaps().inNamespace("kube-system").withName("aws-auth").get();
    }

    private void createCluster(String account, String name) {
        try (EksClient eks = EksClient.builder().region(Region.of(REGION)).endpointOverride(moto.endpoint())
                .credentialsProvider(fake())
                .overrideConfiguration(o -> o.putHeader(MotoServer.ACCOUNT_HEADER, account)).build()) {
            eks.createCluster(r -> r.name(name).roleArn("arn:aws:iam::" + account + ":role/eks-cluster")
                    .resourcesVpcConfig(v -> v.subnetIds("subnet-0a1b2c3d")));
        }
    }

    private static void seedAwsAuth(KubeApiServer cluster) {
        Map<String, String> data = new LinkedHashMap<>();
        try (var in = LocalCloud.class.getResourceAsStream("/clusters/aws-auth.yaml")) {
            Object loaded = new Load(LoadSettings.builder().build()).loadFromInputStream(in);
            ((Map<?, ?>) loaded).forEach((k, v) -> data.put((String) k, (String) v));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cluster.adminClient().configMaps().inNamespace("kube-system").resource(new ConfigMapBuilder()
                .withNewMetadata().withName("aws-auth").withNamespace("kube-system")
                .addToLabels("app.kubernetes.io/managed-by", "eksctl").endMetadata()
                .withData(data).build()).create();
    }

    private static StaticCredentialsProvider fake() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSEEDING", "seeding-secret"));
    }

    @Override
    public void close() {
        prod.close();
        staging.close();
    }
}
