package dev.eksaccess.handler;

import dev.eksaccess.access.AccessPolicyGrant;
import dev.eksaccess.access.Backend;
import dev.eksaccess.access.ListedMapping;
import dev.eksaccess.eks.ClusterResult;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The response shape: {"results":[{cluster, region, accountId, backend, changed, diff, error, ...}], "failed":N}. */
public final class ResultJson {
    private ResultJson() {
    }

    public static ObjectNode of(List<ClusterResult> results) {
        ObjectNode root = Json.object();
        ArrayNode array = root.putArray("results");
        int failed = 0;
        for (ClusterResult r : results) {
            ObjectNode o = array.addObject();
            o.put("cluster", r.cluster());
            o.put("region", r.region());
            o.put("accountId", r.accountId());
            o.put("backend", r.backend());
            o.put("changed", r.changed());
            o.put("summary", r.summary());
            o.put("diff", r.diff());
            if (r.entries() != null) {
                ArrayNode entries = o.putArray("entries");
                for (ListedMapping m : r.entries()) {
                    ObjectNode e = entries.addObject();
                    e.put("kind", m.kind());
                    e.put("identity", m.identity());
                    e.put("username", m.username());
                    ArrayNode groups = e.putArray("groups");
                    m.groups().forEach(groups::add);
                    e.put("node", m.node());
                    e.put("backend", m.backend());
                    if (Backend.ACCESS_ENTRIES.label().equals(m.backend())) {
                        ArrayNode policies = e.putArray("accessPolicies");
                        for (AccessPolicyGrant p : m.policies()) {
                            ArrayNode namespaces = policies.addObject().put("policy", p.name()).putArray("namespaces");
                            p.namespaces().forEach(namespaces::add);
                        }
                    }
                }
            }
            o.put("error", r.error());
            if (r.failed()) {
                failed++;
            }
        }
        root.put("failed", failed);
        return root;
    }
}
