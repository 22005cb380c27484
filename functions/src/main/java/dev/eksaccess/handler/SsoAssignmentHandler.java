package dev.eksaccess.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.eksaccess.eks.Environment;
import dev.eksaccess.sso.AssignmentEvent;
import dev.eksaccess.sso.ProvisioningWait;
import dev.eksaccess.sso.SsoAssignmentService;
import dev.eksaccess.sso.SsoOutcome;
import dev.eksaccess.eks.Redaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * SsoAssignmentFunction: an Identity Center Create/DeleteAccountAssignment event (EventBridge, from
 * CloudTrail) in; the reserved role granted or revoked on the access policy's clusters; the outcome out.
 * Fails the invocation (so Lambda retries, then the dead-letter queue) when a cluster failed or the role
 * is not provisioned yet; replays are harmless.
 */
public final class SsoAssignmentHandler implements RequestStreamHandler {
    private final Environment env;
    private final ProvisioningWait.Sleeper sleeper;
    private final AuditLog audit;
    private final PerContainer<SsoAssignmentService> service;

    /** Lambda's entry: the process environment. */
    public SsoAssignmentHandler() {
        this(Environment.system(), ProvisioningWait.Sleeper.REAL, System.out);
    }

    /** The sandbox and tests: explicit variables. */
    public SsoAssignmentHandler(Map<String, String> env) {
        this(Environment.of(env), ProvisioningWait.Sleeper.REAL, System.out);
    }

    /** Tests: a sleeper that may act between provisioning polls, and a place for the audit lines. */
    SsoAssignmentHandler(Map<String, String> env, ProvisioningWait.Sleeper sleeper, PrintStream audit) {
        this(Environment.of(env), sleeper, audit);
    }

    private SsoAssignmentHandler(Environment env, ProvisioningWait.Sleeper sleeper, PrintStream audit) {
        this.env = env;
        Priming.register(env); // SnapStart: prime before the snapshot
        this.sleeper = sleeper;
        this.audit = new AuditLog(audit);
        this.service = new PerContainer<>(() -> SsoAssignmentService.fromEnvironment(env, sleeper));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        AssignmentEvent event = SsoEventJson.parse(input.readNBytes(RequestFields.MAX_REQUEST_BYTES + 1));
        SsoOutcome outcome;
        try {
            outcome = service.get().handle(event);
        } catch (RuntimeException e) {
            audit.failure(event, e);
            throw Redaction.safeToThrow(e); // Lambda logs what a handler throws, causes and all
        }
        audit.record(event, outcome);
        ObjectNode response = SsoResultJson.of(event, outcome);
        if (outcome.failed() > 0) {
            throw new ProvisioningFailedException(outcome.failed() + " of " + outcome.results().size()
                    + " clusters failed: " + Json.MAPPER.writeValueAsString(response));
        }
        output.write(Json.MAPPER.writeValueAsString(response).getBytes(StandardCharsets.UTF_8));
        output.flush();
    }

}
