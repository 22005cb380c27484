package dev.eksaccess.access;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** What a caller asks for: grant or revoke an IAM identity, or an account in mapAccounts. */
public sealed interface AccessChange {

    /** The identity or account the change is about, for results and logs. */
    String subject();

    /** Map a role or user to a username and groups; leaves exactly one entry for the ARN. */
    record GrantIdentity(IamPrincipalArn arn, UsernameTemplate username, List<KubernetesGroup> groups)
            implements AccessChange {
        static final int MAX_GROUPS = 64;

        public GrantIdentity {
            if (arn == null) {
                throw new InvalidInputException("arn", "is required");
            }
            groups = List.copyOf(new LinkedHashSet<>(groups == null ? List.of() : groups));
            if (groups.size() > MAX_GROUPS) {
                throw new InvalidInputException("groups", "at most " + MAX_GROUPS + " groups (got " + groups.size() + ")");
            }
        }

        /** Builds a grant from raw strings, naming the offending field on error. */
        public static GrantIdentity of(String arn, String username, List<String> groups) {
            List<KubernetesGroup> parsed = new ArrayList<>();
            List<String> raw = groups == null ? List.of() : groups;
            for (int i = 0; i < raw.size(); i++) {
                parsed.add(KubernetesGroup.of("groups[" + i + "]", raw.get(i)));
            }
            return new GrantIdentity(IamPrincipalArn.parse("arn", arn),
                    username == null ? null : UsernameTemplate.of("username", username), parsed);
        }

        @Override
        public String subject() {
            return arn.awsAuthArn();
        }
    }

    /** Remove every entry of a role or user. */
    record RevokeIdentity(IamPrincipalArn arn) implements AccessChange {
        public RevokeIdentity {
            if (arn == null) {
                throw new InvalidInputException("arn", "is required");
            }
        }

        public static RevokeIdentity of(String arn) {
            return new RevokeIdentity(IamPrincipalArn.parse("arn", arn));
        }

        @Override
        public String subject() {
            return arn.awsAuthArn();
        }
    }

    /** Add an account to mapAccounts. */
    record GrantAccount(AccountId account) implements AccessChange {
        public GrantAccount {
            if (account == null) {
                throw new InvalidInputException("account", "is required");
            }
        }

        @Override
        public String subject() {
            return account.value();
        }
    }

    /** Remove an account from mapAccounts. */
    record RevokeAccount(AccountId account) implements AccessChange {
        public RevokeAccount {
            if (account == null) {
                throw new InvalidInputException("account", "is required");
            }
        }

        @Override
        public String subject() {
            return account.value();
        }
    }
}
