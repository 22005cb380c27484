package dev.eksaccess.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides the access-entry API calls for an access change: the wanted entry against the entries found
 * for the identity. Pure, like {@link AccessPlanner}, and with the same safety rules: node entries are
 * never changed or removed, automatic paths never take over or remove an entry they did not create (the
 * {@link AccessEntryState#MANAGED_TAG} tag), and an entry that is already as wanted gets no call at all.
 */
public final class AccessEntryPlanner {
    private AccessEntryPlanner() {
    }

    /** Whether an existing entry (by principal ARN) is one the change is about, so it must be read. */
    public static boolean concerns(AccessChange change, String principalArn) {
        if (change instanceof AccessChange.GrantIdentity grant) {
            return grant.arn().matchesEntryArn(principalArn);
        } else if (change instanceof AccessChange.RevokeIdentity revoke) {
            return revoke.arn().matchesEntryArn(principalArn);
        } else if (change instanceof AccessChange.RevokeManaged revoke) {
            return revoke.matches(principalArn);
        }
        return false;
    }

    /** @param current the entries {@link #concerns} selected, as read (grants need their policies) */
    public static AccessEntryPlan plan(AccessChange change, List<AccessEntryState> current) {
        if (change instanceof AccessChange.GrantIdentity grant) {
            return grant(grant, current);
        } else if (change instanceof AccessChange.RevokeIdentity revoke) {
            return revoke(revoke, current);
        } else if (change instanceof AccessChange.RevokeManaged revoke) {
            return revokeManaged(revoke, current);
        }
        throw new AccessRefusedException("mapAccounts has no access-entry equivalent: " + change.subject()
                + " cannot be granted or revoked as an access entry");
    }

    private static AccessEntryPlan grant(AccessChange.GrantIdentity grant, List<AccessEntryState> current) {
        AccessEntryWanted wanted = AccessEntryWanted.from(grant);
        String arn = wanted.principalArn();
        if (current.isEmpty()) {
            List<AccessEntryCall> calls = new ArrayList<>();
            calls.add(new AccessEntryCall.Create(arn, wanted.username(), wanted.groups(),
                    grant.managed() ? Map.of(AccessEntryState.MANAGED_TAG, "true") : Map.of()));
            for (AccessPolicyGrant p : wanted.policies()) {
                calls.add(new AccessEntryCall.Associate(arn, p.arn(wanted.partition()), p));
            }
            return new AccessEntryPlan(calls, "create access entry " + arn + " (" + wanted.describe() + ")");
        }
        // The exact ARN if EKS has it; otherwise the same role under another path or case.
        AccessEntryState entry = current.stream().filter(e -> e.principalArn().equals(arn)).findFirst()
                .orElse(current.get(0));
        String at = entry.principalArn();
        if (entry.mapsNodes()) {
            throw new AccessRefusedException("refusing to change " + at + ": its access entry is of type "
                    + entry.type() + " (nodes); eks-access never changes node entries");
        }
        if (grant.managed() && !entry.managed()) {
            // Safety rule 7: automatic paths never take over (or later remove) a hand-made entry.
            return new AccessEntryPlan(List.of(), "a hand-made access entry for " + at + " exists; left as it is "
                    + "(not managed by eks-access: no " + AccessEntryState.MANAGED_TAG + " tag)");
        }
        List<AccessEntryCall> calls = new ArrayList<>();
        boolean usernameDiffers = wanted.username() != null && !wanted.username().equals(entry.username());
        if (usernameDiffers || !new TreeSet<>(wanted.groups()).equals(new TreeSet<>(entry.groups()))) {
            calls.add(new AccessEntryCall.Update(at, wanted.username(), wanted.groups(), entry.username(),
                    entry.groups()));
        }
        Map<String, AccessPolicyGrant> have = byName(entry.policies());
        Map<String, AccessPolicyGrant> want = byName(wanted.policies());
        for (AccessPolicyGrant p : want.values()) {
            if (!p.equals(have.get(p.name()))) {
                calls.add(new AccessEntryCall.Associate(at, p.arn(wanted.partition()), p));
            }
        }
        for (AccessPolicyGrant p : have.values()) {
            if (!want.containsKey(p.name())) {
                calls.add(new AccessEntryCall.Disassociate(at, p.arn(wanted.partition()), p));
            }
        }
        return new AccessEntryPlan(calls, calls.isEmpty()
                ? "access entry " + at + " is already as requested"
                : "update access entry " + at + " (" + wanted.describe() + ")");
    }

    private static AccessEntryPlan revoke(AccessChange.RevokeIdentity revoke, List<AccessEntryState> current) {
        List<AccessEntryCall> calls = new ArrayList<>();
        for (AccessEntryState e : current) {
            if (e.mapsNodes()) {
                throw new AccessRefusedException("refusing to remove " + e.principalArn() + ": its access entry is of "
                        + "type " + e.type() + " (nodes); eks-access never removes node entries");
            }
            calls.add(new AccessEntryCall.Delete(e.principalArn()));
        }
        String who = revoke.arn().value();
        return new AccessEntryPlan(calls, calls.isEmpty() ? who + " has no access entry; nothing to remove"
                : "remove " + count(calls.size()) + " for " + who);
    }

    private static AccessEntryPlan revokeManaged(AccessChange.RevokeManaged revoke, List<AccessEntryState> current) {
        List<AccessEntryCall> calls = new ArrayList<>();
        int handMade = 0;
        for (AccessEntryState e : current) {
            if (e.managed() && !e.mapsNodes()) {
                calls.add(new AccessEntryCall.Delete(e.principalArn()));
            } else {
                handMade++;
            }
        }
        // The wording "hand-made" is what SsoAssignmentService reports on, as for aws-auth.
        String summary = (calls.isEmpty() ? "no managed access entry for " + revoke.subject() + "; nothing to remove"
                : "remove " + calls.size() + " managed " + (calls.size() == 1 ? "access entry" : "access entries")
                        + " for " + revoke.subject())
                + (handMade > 0 ? "; " + handMade + " hand-made " + (handMade == 1 ? "entry left as it is"
                        : "entries left as they are") : "");
        return new AccessEntryPlan(calls, summary);
    }

    private static Map<String, AccessPolicyGrant> byName(List<AccessPolicyGrant> policies) {
        Map<String, AccessPolicyGrant> out = new TreeMap<>();
        for (AccessPolicyGrant p : policies) {
            out.merge(p.name(), p, AccessPolicyGrant::merge);
        }
        return out;
    }

    private static String count(int n) {
        return n + (n == 1 ? " access entry" : " access entries");
    }
}
