package dev.eksaccess.access;

/** An IAM role ARN. The path is kept, but aws-auth gets {@link #awsAuthArn()}, which has none. */
public record IamRoleArn(Partition partition, AccountId accountId, String path, String name) implements IamPrincipalArn {

    public IamRoleArn {
        if (partition == null || accountId == null) {
            throw new InvalidInputException("arn", "partition and account are required");
        }
        IamArnParser.checkPath("arn", path);
        IamArnParser.checkName("arn", "role", name);
    }

    public static IamRoleArn parse(String field, String arn) {
        if (IamPrincipalArn.parse(field, arn) instanceof IamRoleArn role) {
            return role;
        }
        throw new InvalidInputException(field, "must be an IAM role ARN (arn:<partition>:iam::<account>:role/...)");
    }

    /** The same role without its path. */
    public IamRoleArn withoutPath() {
        return new IamRoleArn(partition, accountId, "/", name);
    }

    @Override
    public AwsAuthSection section() {
        return AwsAuthSection.MAP_ROLES;
    }

    /**
     * STS reports {@code assumed-role/<RoleName>/<session>} and the authenticator rebuilds
     * {@code role/<RoleName>}, so an aws-auth ARN with a path never matches anyone.
     */
    @Override
    public String awsAuthArn() {
        return "arn:" + partition.id() + ":iam::" + accountId.value() + ":role/" + name;
    }

    @Override
    public String value() {
        return "arn:" + partition.id() + ":iam::" + accountId.value() + ":role" + path + name;
    }

    @Override
    public String toString() {
        return value();
    }
}
