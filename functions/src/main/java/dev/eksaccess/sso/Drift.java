package dev.eksaccess.sso;

import java.util.List;

/** One difference reconcile found between Identity Center and a cluster's managed aws-auth entries. */
public sealed interface Drift {

    String permissionSet();

    /** add, replace, update or remove: for results and audit lines. */
    String kind();

    /** The role the repair maps (aws-auth form), or null. */
    default String grants() {
        return null;
    }

    /** The managed entries the repair removes. */
    default List<String> removes() {
        return List.of();
    }

    /** Why entries are removed, or null. */
    default String reason() {
        return null;
    }

    /** The current reserved role is held in the account but not mapped: grant it (managed). */
    record Add(String permissionSet, String role) implements Drift {
        @Override
        public String kind() {
            return "add";
        }

        @Override
        public String grants() {
            return role;
        }
    }

    /** Managed entries name an earlier role of the permission set (it was recreated): swap them for the current one. */
    record Replace(String permissionSet, List<String> stale, String role) implements Drift {
        public Replace {
            stale = List.copyOf(stale);
        }

        @Override
        public String kind() {
            return "replace";
        }

        @Override
        public String grants() {
            return role;
        }

        @Override
        public List<String> removes() {
            return stale;
        }

        @Override
        public String reason() {
            return "earlier role of " + permissionSet + ", which is now " + role.substring(role.lastIndexOf('/') + 1);
        }
    }

    /** The managed entry of the current role has another username or groups than the policy says (policy edited). */
    record Update(String permissionSet, String role) implements Drift {
        @Override
        public String kind() {
            return "update";
        }

        @Override
        public String grants() {
            return role;
        }
    }

    /** Managed entries that must go: the permission set is held by nobody in the account, or they are stale. */
    record Remove(String permissionSet, List<String> entries, String reason) implements Drift {
        public Remove {
            entries = List.copyOf(entries);
        }

        @Override
        public String kind() {
            return "remove";
        }

        @Override
        public List<String> removes() {
            return entries;
        }
    }
}
