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
     * Access policies exist only on EKS access entries; aws-auth refuses a grant that names any.
     */
    record GrantIdentity(IamPrincipalArn arn, UsernameTemplate username, List<KubernetesGroup> groups,
                         boolean managed, List<AccessPolicyGrant> accessPolicies) implements AccessChange {
        static final int MAX_GROUPS = 64;
        static final int MAX_POLICIES = 20;

        public GrantIdentity {
            if (arn == null) {
                throw new InvalidInputException("arn", "is required");
            }
            groups = List.copyOf(new LinkedHashSet<>(groups == null ? List.of() : groups));
            if (groups.size() > MAX_GROUPS) {
                throw new InvalidInputException("groups", "at most " + MAX_GROUPS + " groups (got " + groups.size() + ")");
            }
            accessPolicies = List.copyOf(accessPolicies == null ? List.of() : accessPolicies);
            if (accessPolicies.size() > MAX_POLICIES) {
                throw new InvalidInputException("accessPolicies", "at most " + MAX_POLICIES + " policies (got "
                        + accessPolicies.size() + ")");
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (AccessPolicyGrant p : accessPolicies) {
                if (!seen.add(p.name())) {
                    throw new InvalidInputException("accessPolicies", p.name() + " is listed twice; give it once "
                            + "with all its namespaces");
                }
            }
        }

        public GrantIdentity(IamPrincipalArn arn, UsernameTemplate username, List<KubernetesGroup> groups,
                             boolean managed) {
            this(arn, username, groups, managed, List.of());
        }

        /** A direct grant (not recorded as managed). */
        public GrantIdentity(IamPrincipalArn arn, UsernameTemplate username, List<KubernetesGroup> groups) {
            this(arn, username, groups, false, List.of());
        }

        /** The same grant, made by an automatic path. */
        public GrantIdentity asManaged() {
            return new GrantIdentity(arn, username, groups, true, accessPolicies);
        }

        /** The same grant with access policies (for access entries). */
        public GrantIdentity withAccessPolicies(List<AccessPolicyGrant> policies) {
            return new GrantIdentity(arn, username, groups, managed, policies);
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

        /** True if {@code entryArn} is a role of this account whose name matches (any path, any case). */
        public boolean matches(String entryArn) {
            if (entryArn == null) {
                return false;
            }
            try {
                IamPrincipalArn parsed = IamPrincipalArn.parse("entry", entryArn.strip().toLowerCase(java.util.Locale.ROOT));
                return parsed instanceof IamRoleArn role && role.accountId().equals(account)
                        && roleName.matcher(role.name()).matches();
            } catch (InvalidInputException notAnArn) {
                return false;
            }
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

    /**
     * Several changes to one aws-auth, planned in order and written in one write (reconcile: removing a
     * stale managed entry and granting the current role at once, so no one is without access between two
     * writes). aws-auth only.
     */
    record Batch(List<AccessChange> changes) implements AccessChange {
        static final int MAX_CHANGES = 100;

        public Batch {
            changes = List.copyOf(changes);
            if (changes.isEmpty() || changes.size() > MAX_CHANGES) {
                throw new InvalidInputException("changes", "give 1 to " + MAX_CHANGES + " changes (got "
                        + changes.size() + ")");
            }
            if (changes.stream().anyMatch(c -> c instanceof Batch)) {
                throw new InvalidInputException("changes", "a batch cannot contain a batch");
            }
        }

        @Override
        public String subject() {
            return changes.stream().map(AccessChange::subject).collect(java.util.stream.Collectors.joining(", "));
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
