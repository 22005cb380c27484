package dev.eksaccess.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.eksaccess.eks.Environment;
import dev.eksaccess.sso.ReconcileReport;
import dev.eksaccess.sso.ReconcileService;
import dev.eksaccess.eks.Redaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * ReconcileFunction (on a schedule): brings the managed aws-auth entries of the access policy's clusters in
 * line with Identity Center. Input {@code {}} or {@code {"dryRun": true}}; output: see ReconcileJson. One
 * audit line per change made. Fails the invocation after all clusters were tried if any failed.
 */
public final class ReconcileHandler implements RequestStreamHandler {
    private final Environment env;
    private final AuditLog audit;
    private final PerContainer<ReconcileService> service;

    /** Lambda's entry: the process environment. */
    public ReconcileHandler() {
        this(Environment.system(), System.out);
    }

    /** The sandbox and tests: explicit variables. */
    public ReconcileHandler(Map<String, String> env) {
        this(Environment.of(env), System.out);
    }

    /** Tests: a place for the audit lines. */
    ReconcileHandler(Map<String, String> env, PrintStream audit) {
        this(Environment.of(env), audit);
    }

    private ReconcileHandler(Environment env, PrintStream audit) {
        this.env = env;
        Priming.register(env); // SnapStart: prime before the snapshot
        this.audit = new AuditLog(audit);
        this.service = new PerContainer<>(() -> ReconcileService.fromEnvironment(env));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try {
            respond(input, output, context);
        } catch (RuntimeException e) {
            throw Redaction.safeToThrow(e); // Lambda logs what a handler throws, causes and all
        }
    }

    private void respond(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode root = RequestFields.parseObject(input.readNBytes(RequestFields.MAX_REQUEST_BYTES + 1));
        RequestFields.allowOnly(root, "", Set.of("dryRun"));
        boolean dryRun = RequestFields.optionalBoolean(root, "dryRun", "");
        String runId = context != null && context.getAwsRequestId() != null ? context.getAwsRequestId()
                : UUID.randomUUID().toString();
        ReconcileReport report = service.get().run(dryRun, cluster -> { });
        audit.reconcile(runId, report);
        ObjectNode response = ReconcileJson.of(report);
        if (report.failed() > 0) {
            throw new ProvisioningFailedException(report.failed() + " clusters or accounts failed to reconcile: "
                    + Json.MAPPER.writeValueAsString(response));
        }
        output.write(Json.MAPPER.writeValueAsString(response).getBytes(StandardCharsets.UTF_8));
        output.flush();
    }

}
