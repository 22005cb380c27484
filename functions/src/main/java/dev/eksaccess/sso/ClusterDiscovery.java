package dev.eksaccess.sso;

import dev.eksaccess.access.AccountId;
import dev.eksaccess.access.ClusterRef;
import java.util.List;

/** Finds the EKS clusters that carry a policy entry's tags, in one account and region. */
public interface ClusterDiscovery {

    /** The clusters in {@code account} and the selector's region whose tags include all of the selector's. */
    List<ClusterRef> find(AccountId account, ClusterSelector tagSelector);
}
