package dev.eksaccess.access;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One mapRoles or mapUsers entry as found in aws-auth. Values are kept as written (hand-made entries
 * may break our input rules and must survive untouched); unknown fields are kept in order.
 *
 * @param arn      the rolearn/userarn value, null if the entry has none
 * @param username the username template, null if absent
 * @param groups   the groups, empty if absent
 * @param extra    any other fields, with their original keys and values
 */
public record IdentityMapping(String arn, String username, List<String> groups, Map<String, Object> extra) {

    public IdentityMapping {
        groups = groups == null ? List.of() : List.copyOf(groups);
        extra = extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** Safety rule 1: an entry that lets nodes join the cluster. */
    public boolean mapsNodes() {
        return groups.contains("system:nodes") || groups.contains("system:bootstrappers")
                || (username != null && username.startsWith("system:node:"));
    }
}
