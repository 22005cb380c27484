package dev.eksaccess.handler;

import dev.eksaccess.eks.ClusterResult;
import dev.eksaccess.eks.Redaction;
import dev.eksaccess.sso.AccountAssignment;
import dev.eksaccess.sso.AssignmentEvent;
import dev.eksaccess.sso.ClusterReconcile;
import dev.eksaccess.sso.Drift;
import dev.eksaccess.sso.ReconcileReport;
import dev.eksaccess.sso.SsoOutcome;
import java.io.PrintStream;
import tools.jackson.databind.node.ObjectNode;

/**
 * The audit trail of the automatic paths: one JSON line on stdout (CloudWatch Logs) per cluster an event
 * touched, or one line for an event that touched none; for reconcile, one line per repair. Lines carry the event, the actor, the decision
 * and the diff (aws-auth, or access-entry calls, as "backend" says); never a token or credential (none
 * reaches an outcome).
 */
final class AuditLog {
    static final String TYPE = "eks-access-audit";
    private final PrintStream out;

    AuditLog(PrintStream out) {
        this.out = out;
    }

    void record(AssignmentEvent event, SsoOutcome outcome) {
        if (outcome.results().isEmpty()) {
            ObjectNode line = base(event, outcome.action().label());
            describe(line, outcome);
            write(line);
            return;
        }
        for (ClusterResult r : outcome.results()) {
            ObjectNode line = base(event, outcome.action().label());
            describe(line, outcome);
            line.put("cluster", r.cluster());
            line.put("region", r.region());
            line.put("clusterAccountId", r.accountId());
            line.put("backend", r.backend());
            line.put("changed", r.changed());
            line.put("summary", r.summary());
            line.put("diff", r.diff());
            line.put("error", r.error());
            write(line);
        }
    }

    /**
     * A reconcile run: one line per repair made (or attempted, with the cluster's error); a dry run writes
     * none, as it changes nothing.
     */
    void reconcile(String runId, ReconcileReport report) {
        if (report.dryRun()) {
            return;
        }
        for (ClusterReconcile c : report.clusters()) {
            for (Drift d : c.drift().drift()) {
                ObjectNode line = Json.object();
                line.put("type", TYPE);
                line.put("runId", runId);
                line.put("source", "reconcile");
                line.put("action", "reconcile-" + d.kind());
                line.put("permissionSet", d.permissionSet());
                line.put("accountId", c.cluster().accountId() == null ? null : c.cluster().accountId().value());
                line.put("cluster", c.cluster().name());
                line.put("region", c.cluster().region());
                line.put("role", d.grants());
                d.removes().forEach(line.putArray("removed")::add);
                line.put("reason", d.reason());
                line.put("changed", c.result().changed());
                line.put("diff", c.result().diff());
                line.put("error", c.result().error());
                write(line);
            }
        }
    }

    /** An event that failed as a whole (to be retried by Lambda): what was tried and why it failed. */
    void failure(AssignmentEvent event, RuntimeException e) {
        ObjectNode line = base(event, "failed");
        line.put("error", e.getClass().getSimpleName() + ": " + Redaction.redact(e.getMessage()));
        write(line);
    }

    private static ObjectNode base(AssignmentEvent event, String action) {
        ObjectNode line = Json.object();
        line.put("type", TYPE);
        line.put("eventId", event == null ? null : event.id());
        line.put("eventName", event == null ? null : event.eventName());
        line.put("actor", event == null ? null : event.actorArn());
        line.put("action", action);
        return line;
    }

    private static void describe(ObjectNode line, SsoOutcome outcome) {
        AccountAssignment a = outcome.assignment();
        line.put("permissionSet", outcome.permissionSet());
        line.put("accountId", a == null ? null : a.account().value());
        line.put("principalType", a == null ? null : a.principalType());
        line.put("principalId", a == null ? null : a.principalId());
        line.put("role", outcome.role());
        line.put("reason", outcome.reason());
    }

    private void write(ObjectNode line) {
        // One println per line: concurrent writers cannot interleave inside a record.
        out.println(Json.MAPPER.writeValueAsString(line));
        out.flush();
    }
}
