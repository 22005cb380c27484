package dev.eksaccess.sso;

import dev.eksaccess.access.AccountId;
import dev.eksaccess.access.ClusterRef;
import java.util.List;

/** Finds the EKS clusters a policy entry selects, in one account and region. */
public interface ClusterDiscovery {

    /**
     * The clusters in {@code account} and the selector's region whose tags include all of the selector's,
     * or, for a by-name entry, the named cluster if it exists there (reconcile checks entries without an
     * account in every account it visits).
     */
    List<ClusterRef> find(AccountId account, ClusterSelector selector);
}
