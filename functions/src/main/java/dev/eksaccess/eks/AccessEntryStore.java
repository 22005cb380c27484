package dev.eksaccess.eks;

import dev.eksaccess.access.AccessEntryCall;
import dev.eksaccess.access.AccessEntryState;
import java.util.List;
import java.util.Optional;

/**
 * The EKS access entries of one cluster. Writes that lose a race (the entry appeared or went away since
 * it was read) throw {@link WriteConflictException}, so the caller reads and plans again.
 */
public interface AccessEntryStore {

    /** Every entry's principal ARN (ListAccessEntries, all pages). */
    List<String> principalArns();

    /** One entry (DescribeAccessEntry), with its policies when asked (ListAssociatedAccessPolicies); empty if gone. */
    Optional<AccessEntryState> read(String principalArn, boolean withPolicies);

    void write(AccessEntryCall call);

    /** For messages: which cluster. */
    String describe();
}
