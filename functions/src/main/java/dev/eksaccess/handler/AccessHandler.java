package dev.eksaccess.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.eksaccess.eks.AccessProvisioner;
import dev.eksaccess.eks.ClusterResult;
import dev.eksaccess.eks.Environment;
import dev.eksaccess.eks.Redaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the direct-invoke handlers share: read the request, run the core, write the results, and fail
 * the invocation if any cluster failed (after all were tried). The provisioner, with its AWS and
 * Kubernetes clients, is built on first use and kept for the life of the container.
 */
abstract class AccessHandler implements RequestStreamHandler {
    private final Environment env;
    private final PerContainer<AccessProvisioner> provisioner;

    AccessHandler(Environment env) {
        this.env = env;
        this.provisioner = new PerContainer<>(() -> AccessProvisioner.fromEnvironment(env));
        Priming.primeInBackground(env, () -> env.get("AWS_REGION").ifPresent(r -> provisioner.get().prepare(r)));
        Priming.register(env); // SnapStart: prime before the snapshot (after the warm-up started: not needed first)
    }

    /** Reads the request; invalid input fails here, before any client exists or any cluster is touched. */
    abstract AccessRequest parse(byte[] request);

    abstract List<ClusterResult> handle(AccessRequest request, AccessProvisioner provisioner);

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try {
            respond(input, output, context);
        } catch (RuntimeException e) {
            throw Redaction.safeToThrow(e); // Lambda logs what a handler throws, causes and all
        }
    }

    private void respond(InputStream input, OutputStream output, Context context) throws IOException {
        // Parsed before the core is asked for: on a cold start the warm-up thread is building it meanwhile.
        AccessRequest request = parse(input.readNBytes(RequestFields.MAX_REQUEST_BYTES + 1));
        AccessProvisioner core = provisioner.get();
        LambdaContext.account(env, context).ifPresent(core::callerAccountIs);
        List<ClusterResult> results = handle(request, core);
        ObjectNode response = ResultJson.of(results);
        long failed = results.stream().filter(ClusterResult::failed).count();
        if (failed > 0) {
            throw new ProvisioningFailedException(failed + " of " + results.size() + " clusters failed: "
                    + Json.MAPPER.writeValueAsString(response));
        }
        output.write(Json.MAPPER.writeValueAsString(response).getBytes(StandardCharsets.UTF_8));
        output.flush();
    }

}
