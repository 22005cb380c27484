package dev.eksaccess.handler;

import dev.eksaccess.eks.ClusterResult;
import dev.eksaccess.sso.AccountAssignment;
import dev.eksaccess.sso.AssignmentEvent;
import dev.eksaccess.sso.SsoOutcome;
import java.io.PrintStream;
import tools.jackson.databind.node.ObjectNode;

/**
 * The audit trail of the automatic path: one JSON line on stdout (CloudWatch Logs) per cluster an event
 * touched, or one line for an event that touched none. Lines carry the event, the actor, the decision
 * and the aws-auth diff; never a token or credential (none reaches an outcome).
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
            line.put("changed", r.changed());
            line.put("summary", r.summary());
            line.put("diff", r.diff());
            line.put("error", r.error());
            write(line);
        }
    }

    /** An event that failed as a whole (to be retried by Lambda): what was tried and why it failed. */
    void failure(AssignmentEvent event, RuntimeException e) {
        ObjectNode line = base(event, "failed");
        line.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
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
