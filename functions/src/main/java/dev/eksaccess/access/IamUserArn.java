package dev.eksaccess.access;

/** An IAM user ARN. Users are matched on the full ARN GetCallerIdentity reports, path included. */
public record IamUserArn(Partition partition, AccountId accountId, String path, String name) implements IamPrincipalArn {

    public IamUserArn {
        if (partition == null || accountId == null) {
            throw new InvalidInputException("arn", "partition and account are required");
        }
        IamArnParser.checkPath("arn", path);
        IamArnParser.checkName("arn", "user", name);
    }

    @Override
    public AwsAuthSection section() {
        return AwsAuthSection.MAP_USERS;
    }

    @Override
    public String awsAuthArn() {
        return value();
    }

    @Override
    public String value() {
        return "arn:" + partition.id() + ":iam::" + accountId.value() + ":user" + path + name;
    }

    @Override
    public String toString() {
        return value();
    }
}
