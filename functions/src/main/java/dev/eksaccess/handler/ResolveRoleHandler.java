package dev.eksaccess.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.eksaccess.access.AccountId;
import dev.eksaccess.eks.Environment;
import dev.eksaccess.sso.ResolvedRole;
import dev.eksaccess.sso.RoleQuery;
import dev.eksaccess.sso.RoleResolver;
import dev.eksaccess.eks.Redaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * ResolveRoleFunction: a permission set and an account in, its reserved role out:
 * {@code {"accountId", "permissionSetArn" | "permissionSetName", "instanceArn"?, "region"?}} to
 * {@code {"roleArn" (no path, for aws-auth), "fullRoleArn", "found", "permissionSet", "accountId"}}.
 * {@code found: false} means nobody holds the permission set in the account. While Identity Center is
 * still creating the role it fails with RoleNotProvisionedYetException, for the caller to retry.
 */
public final class ResolveRoleHandler implements RequestStreamHandler {
    private static final Set<String> FIELDS = Set.of("accountId", "permissionSetArn", "permissionSetName",
            "instanceArn", "region");
    private final Environment env;
    private final PerContainer<RoleResolver> resolver;

    /** Lambda's entry: the process environment. */
    public ResolveRoleHandler() {
        this(Environment.system());
    }

    /** The sandbox and tests: explicit variables. */
    public ResolveRoleHandler(Map<String, String> env) {
        this(Environment.of(env));
    }

    private ResolveRoleHandler(Environment env) {
        this.env = env;
        Priming.register(env); // SnapStart: prime before the snapshot
        this.resolver = new PerContainer<>(() -> RoleResolver.fromEnvironment(env));
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
        RequestFields.allowOnly(root, "", FIELDS);
        RoleQuery query = new RoleQuery(AccountId.of("accountId", RequestFields.requiredString(root, "accountId", "")),
                RequestFields.optionalString(root, "permissionSetArn", ""),
                RequestFields.optionalString(root, "permissionSetName", ""),
                RequestFields.optionalString(root, "instanceArn", ""),
                RequestFields.optionalString(root, "region", ""));
        ResolvedRole role = resolver.get().resolve(query);
        ObjectNode out = Json.object();
        out.put("roleArn", role.roleArn());
        out.put("fullRoleArn", role.fullRoleArn());
        out.put("found", role.found());
        out.put("permissionSet", role.permissionSet());
        out.put("accountId", role.account().value());
        output.write(Json.MAPPER.writeValueAsString(out).getBytes(StandardCharsets.UTF_8));
        output.flush();
    }

}
