package dev.eksaccess.access;

import java.util.List;
import java.util.Map;

/**
 * One write to the EKS access-entry API, as the planner decided it. Carried out in order by the eks
 * adapter; {@link #diffLine()} is how the change reads in results and audit lines.
 */
public sealed interface AccessEntryCall {

    String principalArn();

    String diffLine();

    /** CreateAccessEntry (type STANDARD). A null username lets EKS generate its default. */
    record Create(String principalArn, String username, List<String> groups, Map<String, String> tags)
            implements AccessEntryCall {
        public Create {
            groups = List.copyOf(groups);
            tags = Map.copyOf(tags);
        }

        @Override
        public String diffLine() {
            return "+ access entry " + principalArn + " (username " + (username == null ? "EKS default" : username)
                    + ", groups " + groups + (tags.isEmpty() ? "" : ", tags " + new java.util.TreeMap<>(tags)) + ")";
        }
    }

    /** UpdateAccessEntry: username (when not null) and kubernetesGroups replaced; the before values for the diff. */
    record Update(String principalArn, String username, List<String> groups, String usernameBefore,
                  List<String> groupsBefore) implements AccessEntryCall {
        public Update {
            groups = List.copyOf(groups);
            groupsBefore = List.copyOf(groupsBefore);
        }

        @Override
        public String diffLine() {
            StringBuilder line = new StringBuilder("~ access entry " + principalArn + ":");
            if (username != null && !username.equals(usernameBefore)) {
                line.append(" username ").append(usernameBefore).append(" -> ").append(username);
            }
            if (!new java.util.TreeSet<>(groups).equals(new java.util.TreeSet<>(groupsBefore))) {
                line.append(" groups ").append(groupsBefore).append(" -> ").append(groups);
            }
            return line.toString();
        }
    }

    /** DeleteAccessEntry: the entry and every policy association with it. */
    record Delete(String principalArn) implements AccessEntryCall {
        @Override
        public String diffLine() {
            return "- access entry " + principalArn;
        }
    }

    /** AssociateAccessPolicy: adds the policy, or replaces the scope of one already associated. */
    record Associate(String principalArn, String policyArn, AccessPolicyGrant policy) implements AccessEntryCall {
        @Override
        public String diffLine() {
            return "+ access policy " + policy.label() + " on " + principalArn;
        }
    }

    /** DisassociateAccessPolicy. */
    record Disassociate(String principalArn, String policyArn, AccessPolicyGrant policy) implements AccessEntryCall {
        @Override
        public String diffLine() {
            return "- access policy " + policy.label() + " on " + principalArn;
        }
    }
}
