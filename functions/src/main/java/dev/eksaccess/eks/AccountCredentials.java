package dev.eksaccess.eks;

import dev.eksaccess.access.AccountId;
import dev.eksaccess.access.InvalidInputException;
import dev.eksaccess.access.Partition;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Credentials for the account a cluster lives in: the function's own for its account, otherwise the
 * target role ({@code TARGET_ROLE_NAME}) assumed in the cluster's account. Assumed credentials are
 * cached and refreshed by the SDK shortly before they expire; the caller's account is looked up once.
 */
public final class AccountCredentials {
    public static final String TARGET_ROLE_NAME = "TARGET_ROLE_NAME";
    private static final String SESSION_NAME = "eks-access-provisioner";

    private final AwsClients clients;
    private final AtomicReference<AccountId> callerAccount = new AtomicReference<>();
    private final ConcurrentMap<String, AwsCredentialsProvider> assumed = new ConcurrentHashMap<>();

    public AccountCredentials(AwsClients clients) {
        this.clients = clients;
    }

    /** The account the function's own credentials belong to (STS GetCallerIdentity, once). */
    public AccountId callerAccount(String region) {
        AccountId known = callerAccount.get();
        if (known == null) {
            String account = clients.sts(region, clients.baseCredentials()).getCallerIdentity().account();
            known = AccountId.of("caller account", account);
            callerAccount.compareAndSet(null, known);
        }
        return known;
    }

    /**
     * Records the caller's account when something trustworthy names it (in Lambda the invocation's
     * function ARN: the execution role is always in the function's account). A known account is kept.
     */
    public void callerAccountIs(AccountId account) {
        callerAccount.compareAndSet(null, account);
    }

    /** Credentials to use in {@code account} (null means the caller's own account). */
    public AwsCredentialsProvider forAccount(AccountId account, String region) {
        if (account == null || account.equals(callerAccount(region))) {
            return clients.baseCredentials();
        }
        String partition = Partition.ofRegion(region).id();
        String roleName = clients.environment().get(TARGET_ROLE_NAME).orElseThrow(() -> new InvalidInputException(
                "accountId", "cluster is in account " + account.value() + ", not the provisioner's own; set "
                        + TARGET_ROLE_NAME + " to the role to assume there"));
        String roleArn = "arn:" + partition + ":iam::" + account.value() + ":role/" + roleName;
        return assumed.computeIfAbsent(roleArn, arn -> StsAssumeRoleCredentialsProvider.builder()
                .stsClient(clients.sts(region, clients.baseCredentials()))
                .refreshRequest(r -> r.roleArn(arn).roleSessionName(SESSION_NAME))
                .asyncCredentialUpdateEnabled(false)
                .build());
    }
}
