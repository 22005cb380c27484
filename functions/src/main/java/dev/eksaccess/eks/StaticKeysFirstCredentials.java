package dev.eksaccess.eks;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;

/**
 * The credentials the SDK's default chain would pick, without building the chain when static keys are set.
 * The chain's first two links are the aws.* system properties and the AWS_* variables; when one of them
 * holds keys, the chain would stop there, so this returns that same SDK provider. Otherwise (profiles, SSO,
 * web identity, container, instance) it is the default chain itself. Building the chain loads profile and
 * region machinery that `eks-access token`, run by kubectl for every request, cannot afford, and that a
 * Lambda cold start (whose role's keys are in the AWS_* variables, except under SnapStart) does not need.
 */
public final class StaticKeysFirstCredentials {
    private StaticKeysFirstCredentials() {
    }

    public static AwsCredentialsProvider provider() {
        if (hasKeys(System.getProperty("aws.accessKeyId"), System.getProperty("aws.secretAccessKey"))) {
            return SystemPropertyCredentialsProvider.create();
        }
        if (hasKeys(System.getenv("AWS_ACCESS_KEY_ID"), System.getenv("AWS_SECRET_ACCESS_KEY"))) {
            return EnvironmentVariableCredentialsProvider.create();
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /** The SDK's own test for these providers: both values present and not blank once trimmed. */
    private static boolean hasKeys(String accessKeyId, String secretAccessKey) {
        return accessKeyId != null && !accessKeyId.isBlank() && secretAccessKey != null && !secretAccessKey.isBlank();
    }
}
