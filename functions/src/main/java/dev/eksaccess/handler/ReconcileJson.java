package dev.eksaccess.handler;

import dev.eksaccess.sso.ClusterReconcile;
import dev.eksaccess.sso.Drift;
import dev.eksaccess.sso.ReconcileReport;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reconcile response: {"dryRun", "instanceArn", "checked", "added", "replaced", "updated", "removed",
 * "failed", "results":[...as ResultJson, plus "drift":[{kind, permissionSet, role, entries, reason}] and
 * "notes"], "errors":[...], "notes":[...]}.
 */
public final class ReconcileJson {
    private ReconcileJson() {
    }

    public static ObjectNode of(ReconcileReport report) {
        ObjectNode root = Json.object();
        root.put("dryRun", report.dryRun());
        root.put("instanceArn", report.instanceArn());
        root.put("checked", report.checked());
        root.put("added", report.added());
        root.put("replaced", report.replaced());
        root.put("updated", report.updated());
        root.put("removed", report.removed());
        root.setAll(ResultJson.of(report.clusters().stream().map(ClusterReconcile::result).toList()));
        root.put("failed", report.failed()); // clusters, and the accounts or permission sets that could not be read
        ArrayNode results = (ArrayNode) root.get("results");
        for (int i = 0; i < report.clusters().size(); i++) {
            ClusterReconcile c = report.clusters().get(i);
            ObjectNode r = (ObjectNode) results.get(i);
            ArrayNode drift = r.putArray("drift");
            c.drift().drift().forEach(d -> drift.add(drift(d)));
            strings(r.putArray("notes"), c.drift().notes());
        }
        strings(root.putArray("errors"), report.errors());
        strings(root.putArray("notes"), report.notes());
        return root;
    }

    /** One drift item: its kind, permission set, the role it maps (if any) and the entries it removes. */
    static ObjectNode drift(Drift d) {
        ObjectNode o = Json.object();
        o.put("kind", d.kind());
        o.put("permissionSet", d.permissionSet());
        o.put("role", d.grants());
        strings(o.putArray("entries"), d.removes());
        o.put("reason", d.reason());
        return o;
    }

    private static ArrayNode strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
        return array;
    }
}
