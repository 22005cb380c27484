package dev.eksaccess.eks;

import dev.eksaccess.access.AccessEntryCall;
import dev.eksaccess.access.AccessEntryState;
import java.util.List;
import java.util.Optional;

/**
 * The EKS access entries of one cluster. Writes that lose a race (the entry appeared or went away since
 * it was read) throw {@link WriteConflictException}, so the caller reads and plans again; except a delete
 * of an entry, or a removal of a policy from an entry that is there, that finds nothing to remove: that
 * is done as asked (by the same call sent twice, when its first answer was lost).
 */
public interface AccessEntryStore {

    /** Every entry's principal ARN (ListAccessEntries, all pages). */
    List<String> principalArns();

    /** One entry (DescribeAccessEntry), with its policies when asked (ListAssociatedAccessPolicies); empty if gone. */
    Optional<AccessEntryState> read(String principalArn, boolean withPolicies);

    void write(AccessEntryCall call);

    /** For messages: which cluster. */
    String describe();

    /**
     * This store, answering its first {@link #principalArns} with {@code listed}, a listing the caller
     * already has, and every later one (a retry round's) from EKS. A listing gone stale meanwhile costs
     * at most a write that loses its race, after which the round is planned again from a fresh one.
     */
    default AccessEntryStore listedAs(List<String> listed) {
        AccessEntryStore store = this;
        return new AccessEntryStore() {
            private List<String> first = List.copyOf(listed);

            @Override
            public List<String> principalArns() {
                List<String> arns = first != null ? first : store.principalArns();
                first = null;
                return arns;
            }

            @Override
            public Optional<AccessEntryState> read(String principalArn, boolean withPolicies) {
                return store.read(principalArn, withPolicies);
            }

            @Override
            public void write(AccessEntryCall call) {
                store.write(call);
            }

            @Override
            public String describe() {
                return store.describe();
            }
        };
    }
}
