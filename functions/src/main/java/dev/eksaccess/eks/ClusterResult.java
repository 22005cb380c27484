package dev.eksaccess.eks;

import dev.eksaccess.access.ListedMapping;
import java.util.List;

/**
 * What happened on one cluster. Exactly one of {@code error} and a success (changed, diff, summary or
 * entries) is meaningful.
 *
 * @param accountId the cluster's account, null if it could not be determined
 * @param entries   for list: the mappings; null otherwise
 * @param error     null on success; a message without any token or credential otherwise
 */
public record ClusterResult(String cluster, String region, String accountId, String backend, boolean changed,
                            String summary, String diff, List<ListedMapping> entries, String error) {

    public boolean failed() {
        return error != null;
    }
}
