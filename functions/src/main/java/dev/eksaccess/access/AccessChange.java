package dev.eksaccess.access;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** What a caller asks for: grant or revoke an IAM identity, or an account in mapAccounts. */
public sealed interface AccessChange {

    /** The identity or account the change is about, for results and logs. */
    String subject();

    /**
     * Map a role or user to a username and groups; leaves exactly one entry for the ARN. A managed grant
     * (automatic paths) records the entry as the provisioner's and never takes over a hand-made one.
     */
    record GrantIdentity(IamPrincipalArn arn, UsernameTemplate username, List<KubernetesGroup> groups,
                         boolean managed) implements AccessChange {
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

        /** A direct grant (not recorded as managed). */
        public GrantIdentity(IamPrincipalArn arn, UsernameTemplate username, List<KubernetesGroup> groups) {
            this(arn, username, groups, false);
        }

        /** The same grant, made by an automatic path. */
        public GrantIdentity asManaged() {
            return new GrantIdentity(arn, username, groups, true);
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

    /**
     * Remove the managed mapRoles entries of one account whose role name matches a pattern (for SSO:
     * the permission set's reserved role, whatever its suffix now is). Hand-made entries stay.
     *
     * @param roleName matched against the whole role name, case-insensitively
     * @param what     what the pattern stands for, for the summary
     */
    record RevokeManaged(AccountId account, java.util.regex.Pattern roleName, String what) implements AccessChange {
        public RevokeManaged {
            if (account == null || roleName == null) {
                throw new InvalidInputException("account", "account and role name pattern are required");
            }
            roleName = java.util.regex.Pattern.compile(roleName.pattern(),
                    roleName.flags() | java.util.regex.Pattern.CASE_INSENSITIVE);
        }

        @Override
        public String subject() {
            return what + " in account " + account.value();
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
