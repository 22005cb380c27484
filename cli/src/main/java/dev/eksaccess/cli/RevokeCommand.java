package dev.eksaccess.cli;

import dev.eksaccess.access.AccessChange;
import dev.eksaccess.access.AccountId;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

/** {@code eks-access revoke}: removes every entry of an identity; absent is not an error. */
@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = {"Remove an IAM role or user (all its entries, any case, with or without path) from aws-auth, "
                + "or an account from mapAccounts.", "Node-role mappings are never removed."})
final class RevokeCommand extends ChangeCommand {

    @ArgGroup(multiplicity = "1")
    IdentityOptions identity;

    @Override
    AccessChange change() {
        if (identity.account != null) {
            return new AccessChange.RevokeAccount(AccountId.of("--account", identity.account));
        }
        return AccessChange.RevokeIdentity.of(identity.arn);
    }
}
