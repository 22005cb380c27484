package dev.eksaccess.sso;

import dev.eksaccess.access.AccountId;
import dev.eksaccess.access.IamRoleArn;
import dev.eksaccess.eks.AccountCredentials;
import dev.eksaccess.eks.AwsClients;
import java.util.List;

/**
 * {@link ReservedRoles} through IAM in the member account, with the target role assumed there (so the
 * target role needs iam:ListRoles). IAM is global; the region only picks the partition's endpoint.
 */
public final class IamReservedRoles implements ReservedRoles {
    private final AwsClients clients;
    private final AccountCredentials accounts;

    public IamReservedRoles(AwsClients clients, AccountCredentials accounts) {
        this.clients = clients;
        this.accounts = accounts;
    }

    @Override
    public List<IamRoleArn> list(AccountId account, String region) {
        return clients.iam(region, accounts.forAccount(account, region)).listRoleArns(ReservedRoleName.PATH_PREFIX)
                .stream().map(arn -> IamRoleArn.parse("ListRoles arn", arn)).toList();
    }
}
