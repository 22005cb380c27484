package dev.eksaccess.cli;

import dev.eksaccess.access.AccessChange;
import dev.eksaccess.access.AccountId;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eks-access grant}: like {@code eksctl create iamidentitymapping}, but idempotent and safe. */
@Command(name = "grant", mixinStandardHelpOptions = true,
        description = {"Map an IAM role or user to a Kubernetes username and groups in aws-auth or an EKS access "
                + "entry (as the cluster's authentication mode says), or add an account to mapAccounts.",
                "In aws-auth role ARNs lose their IAM path (aws-auth ignores ARNs with a path); an access entry needs "
                + "the full ARN, path included. Repeating a grant changes nothing."})
final class GrantCommand extends ChangeCommand {

    @ArgGroup(multiplicity = "1")
    IdentityOptions identity;

    @Option(names = "--username", paramLabel = "TEMPLATE",
            description = "Kubernetes username; may use {{AccountID}}, {{SessionName}}, {{SessionNameRaw}}, "
                    + "{{AccessKeyID}}, {{EC2PrivateDNSName}}.")
    String username;

    @Option(names = "--group", paramLabel = "G", description = "Kubernetes group (repeatable).")
    List<String> groups;

    @Override
    AccessChange change() {
        if (identity.account != null) {
            if (username != null || groups != null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--username and --group do not apply to --account (mapAccounts holds only account IDs)");
            }
            return new AccessChange.GrantAccount(AccountId.of("--account", identity.account));
        }
        return AccessChange.GrantIdentity.of(identity.arn, username, groups);
    }
}
