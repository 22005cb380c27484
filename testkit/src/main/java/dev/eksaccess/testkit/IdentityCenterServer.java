package dev.eksaccess.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local IAM Identity Center (sso-admin, AWS JSON 1.1 protocol) with permission sets and account
 * assignments held in memory. The sandbox uses it instead of moto's because moto generates random
 * permission set ARNs and request ids, and the sample events in events/ name fixed ones; point the SDK or
 * the aws CLI at it with {@code AWS_ENDPOINT_URL_SSO_ADMIN}. Provisioning is instant: every creation
 * status is SUCCEEDED.
 */
public final class IdentityCenterServer implements AutoCloseable {
    private static final String TARGET_PREFIX = "SWBExternalService.";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One account assignment. */
    public record Assignment(String accountId, String permissionSetArn, String principalType, String principalId) {
    }

    private final String instanceArn;
    private final Map<String, String> permissionSetNames = new LinkedHashMap<>();
    private final List<Assignment> assignments = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    private IdentityCenterServer(String instanceArn, Map<String, String> permissionSetsByArn) {
        this.instanceArn = instanceArn;
        this.permissionSetNames.putAll(permissionSetsByArn);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a local port for Identity Center", e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts with the given permission sets (ARN to name) of one instance. */
    public static IdentityCenterServer start(String instanceArn, Map<String, String> permissionSetsByArn) {
        return new IdentityCenterServer(instanceArn, permissionSetsByArn);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void assign(Assignment assignment) {
        if (!assignments.contains(assignment)) {
            assignments.add(assignment);
        }
    }

    public void unassign(Assignment assignment) {
        assignments.remove(assignment);
    }

    public List<Assignment> assignments() {
        return List.copyOf(assignments);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Target")).orElse("");
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            ObjectNode out = JSON.createObjectNode();
            int status = 200;
            try {
                answer(target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : target,
                        body == null ? JSON.createObjectNode() : body, out);
            } catch (NotFound e) {
                status = 400;
                out.removeAll();
                out.put("__type", e.type);
                out.put("message", e.getMessage());
            }
            HttpForwarding.reply(exchange, status, JSON.writeValueAsBytes(out), Map.of(), "application/x-amz-json-1.1");
        }
    }

    private void answer(String operation, JsonNode in, ObjectNode out) {
        if (!"ListInstances".equals(operation) && !instanceArn.equals(in.path("InstanceArn").asString(""))) {
            throw new NotFound("ResourceNotFoundException", "no Identity Center instance " + in.path("InstanceArn"));
        }
        switch (operation) {
            case "ListInstances" -> out.putArray("Instances").addObject().put("InstanceArn", instanceArn)
                    .put("IdentityStoreId", "d-" + instanceArn.substring(instanceArn.length() - 10)).put("Status", "ACTIVE");
            case "ListPermissionSets" -> permissionSetNames.keySet().forEach(out.putArray("PermissionSets")::add);
            case "DescribePermissionSet" -> {
                String arn = in.path("PermissionSetArn").asString("");
                String name = permissionSetNames.get(arn);
                if (name == null) {
                    throw new NotFound("ResourceNotFoundException", "permission set " + arn + " does not exist");
                }
                out.putObject("PermissionSet").put("Name", name).put("PermissionSetArn", arn)
                        .put("SessionDuration", "PT1H");
            }
            case "ListAccountAssignments" -> {
                ArrayNode list = out.putArray("AccountAssignments");
                for (Assignment a : assignments) {
                    if (a.accountId().equals(in.path("AccountId").asString(""))
                            && a.permissionSetArn().equals(in.path("PermissionSetArn").asString(""))) {
                        list.addObject().put("AccountId", a.accountId()).put("PermissionSetArn", a.permissionSetArn())
                                .put("PrincipalType", a.principalType()).put("PrincipalId", a.principalId());
                    }
                }
            }
            case "ListAccountsForProvisionedPermissionSet" -> {
                TreeSet<String> accounts = new TreeSet<>();
                assignments.stream().filter(a -> a.permissionSetArn().equals(in.path("PermissionSetArn").asString("")))
                        .forEach(a -> accounts.add(a.accountId()));
                accounts.forEach(out.putArray("AccountIds")::add);
            }
            case "DescribeAccountAssignmentCreationStatus" -> out.putObject("AccountAssignmentCreationStatus")
                    .put("Status", "SUCCEEDED").put("RequestId", in.path("AccountAssignmentCreationRequestId").asString(""));
            case "DescribeAccountAssignmentDeletionStatus" -> out.putObject("AccountAssignmentDeletionStatus")
                    .put("Status", "SUCCEEDED").put("RequestId", in.path("AccountAssignmentDeletionRequestId").asString(""));
            case "CreateAccountAssignment", "DeleteAccountAssignment" -> {
                Assignment a = new Assignment(in.path("TargetId").asString(""), in.path("PermissionSetArn").asString(""),
                        in.path("PrincipalType").asString(""), in.path("PrincipalId").asString(""));
                boolean create = operation.startsWith("Create");
                if (create) {
                    assign(a);
                } else {
                    unassign(a);
                }
                out.putObject(create ? "AccountAssignmentCreationStatus" : "AccountAssignmentDeletionStatus")
                        .put("Status", "SUCCEEDED").put("RequestId", UUID.randomUUID().toString())
                        .put("TargetId", a.accountId()).put("TargetType", "AWS_ACCOUNT")
                        .put("PermissionSetArn", a.permissionSetArn()).put("PrincipalType", a.principalType())
                        .put("PrincipalId", a.principalId());
            }
            default -> throw new NotFound("UnknownOperationException", "the local Identity Center does not serve '"
                    + operation + "'");
        }
    }

    /** The permission set names, in the order given. */
    public List<String> permissionSetNames() {
        return new ArrayList<>(permissionSetNames.values());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static final class NotFound extends RuntimeException {
        final String type;

        NotFound(String type, String message) {
            super(message);
            this.type = type;
        }
    }
}
