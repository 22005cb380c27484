package dev.eksaccess.handler;

import dev.eksaccess.testkit.EksAccessEntriesServer;
import dev.eksaccess.testkit.MotoServer;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * {@link LocalCloud} with the testkit's access-entry API in front of moto for EKS: one cluster given an
 * authentication mode that serves access entries, IAM roles made in moto (access entries want a principal
 * that exists, with its path), and the functions' environment pointing EKS at it.
 */
final class AccessEntriesCloud implements AutoCloseable {
    final LocalCloud cloud = new LocalCloud();
    final EksAccessEntriesServer eks = EksAccessEntriesServer.start(cloud.moto.endpoint());
    final Map<String, String> env = new LinkedHashMap<>(cloud.env());

    AccessEntriesCloud(String cluster, String mode) {
        eks.authenticationMode(cluster, mode);
        env.put("AWS_ENDPOINT_URL_EKS", eks.endpoint().toString());
    }

    /** IAM roles in the cluster's account, under {@code path}. */
    AccessEntriesCloud roles(String path, String... names) {
        try (IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL).endpointOverride(cloud.moto.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSEED", "s")))
                .overrideConfiguration(o -> o.putHeader(MotoServer.ACCOUNT_HEADER, LocalCloud.ACCOUNT)).build()) {
            for (String name : names) {
                iam.createRole(r -> r.path(path).roleName(name).assumeRolePolicyDocument("{}"));
            }
        }
        return this;
    }

    @Override
    public void close() {
        eks.close();
        cloud.close();
    }
}
