package dev.eksaccess.sso;

import dev.eksaccess.access.AccountId;
import dev.eksaccess.access.ClusterRef;
import dev.eksaccess.access.InvalidInputException;
import java.util.Map;
import java.util.TreeMap;

/**
 * One {@code clusters} entry of a permission set: a cluster by name, or every cluster carrying all the
 * given tags, in one region. With an account it applies only to assignments targeting that account;
 * without one, to the assignment's own account.
 *
 * @param accountId null for "the assignment's account"
 * @param name      null when selecting by tags
 * @param tags      empty when selecting by name
 */
public record ClusterSelector(AccountId accountId, String region, String name, Map<String, String> tags) {

    public ClusterSelector {
        ClusterRef.checkRegion("region", region);
        tags = tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
        if ((name == null) == tags.isEmpty()) {
            throw new InvalidInputException("name", "give exactly one of name or tags");
        }
        if (name != null) {
            ClusterRef.checkName("name", name);
        }
    }

    public boolean byName() {
        return name != null;
    }

    /** Whether this entry concerns assignments to {@code account}. */
    public boolean appliesTo(AccountId account) {
        return accountId == null || accountId.equals(account);
    }

    /** The named cluster as it lives in {@code account}; only for {@link #byName()} entries. */
    public ClusterRef refIn(AccountId account) {
        return new ClusterRef(name, region, account);
    }

    /** True when a cluster's tags include every tag of this selector (same key, same value). */
    public boolean matchesTags(Map<String, String> clusterTags) {
        return clusterTags != null && tags.entrySet().stream()
                .allMatch(t -> t.getValue().equals(clusterTags.get(t.getKey())));
    }
}
