package dev.eksaccess.eks;

import dev.eksaccess.access.IamRoleArn;
import java.util.Optional;

/**
 * {@link RolePaths} with IAM GetRole in the role's account (through the target role for other accounts,
 * which then needs iam:GetRole). IAM is global; the region only picks the partition's endpoint.
 */
public final class IamRolePaths implements RolePaths {
    private final AwsClients clients;
    private final AccountCredentials accounts;

    public IamRolePaths(AwsClients clients, AccountCredentials accounts) {
        this.clients = clients;
        this.accounts = accounts;
    }

    @Override
    public Optional<IamRoleArn> withPath(IamRoleArn role, String region) {
        return clients.iam(region, accounts.forAccount(role.accountId(), region)).roleArn(role.name())
                .map(arn -> IamRoleArn.parse("GetRole arn", arn));
    }
}
