package dev.eksaccess.handler;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * The two gaps in moto 5.2.1's sso-admin: DescribeAccountAssignmentCreationStatus (and DeletionStatus) always
 * answers SUCCEEDED
 * (the status is hard-coded in its responses.py), so IN_PROGRESS and FAILED cannot be produced there; and
 * ListAccountsForProvisionedPermissionSet answers from ProvisionPermissionSet calls on moto's own instance
 * only, never from assignments. This loopback proxy (JDK HttpServer: no WireMock needed) sits in front of
 * moto for sso-admin only; it answers the first from a script while the script lasts, the second from
 * {@link #provisionedAccounts} when set, and forwards everything else, unchanged, to moto.
 */
final class SsoStatusStub implements AutoCloseable {
    private static final String STATUS_TARGET = "SWBExternalService.DescribeAccountAssignmentCreationStatus";
    private static final String DELETION_TARGET = "SWBExternalService.DescribeAccountAssignmentDeletionStatus";
    private static final String PROVISIONED_TARGET = "SWBExternalService.ListAccountsForProvisionedPermissionSet";

    private final Deque<String> script = new ConcurrentLinkedDeque<>();
    private final Deque<String> deletionScript = new ConcurrentLinkedDeque<>();
    final AtomicInteger statusCalls = new AtomicInteger();
    /** Permission set ARN to the accounts it is provisioned to, as Identity Center would answer. */
    volatile Function<String, List<String>> provisionedAccounts;
    private final AwsProxy proxy;

    private SsoStatusStub(URI upstream) {
        this.proxy = AwsProxy.start(upstream, this::intercept);
    }

    static SsoStatusStub start(URI upstream) {
        return new SsoStatusStub(upstream);
    }

    URI url() {
        return proxy.url();
    }

    /** The next status answers, in order: IN_PROGRESS, SUCCEEDED, or FAILED (with a failure reason). */
    void answerStatus(String... statuses) {
        script.addAll(List.of(statuses));
    }

    /** The next DescribeAccountAssignmentDeletionStatus answers, in order (moto always says SUCCEEDED). */
    void answerDeletionStatus(String... statuses) {
        deletionScript.addAll(List.of(statuses));
    }

    private boolean intercept(HttpExchange exchange, byte[] body) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (PROVISIONED_TARGET.equals(target) && provisionedAccounts != null) {
            ObjectNode root = Json.object();
            provisionedAccounts.apply(Json.MAPPER.readTree(body).path("PermissionSetArn").asString())
                    .forEach(root.putArray("AccountIds")::add);
            AwsProxy.reply(exchange, 200, Map.of(), Json.MAPPER.writeValueAsBytes(root));
            return true;
        }
        if (DELETION_TARGET.equals(target)) {
            return answer(exchange, body, deletionScript.poll(), "Deletion");
        }
        if (!STATUS_TARGET.equals(target)) {
            return false;
        }
        statusCalls.incrementAndGet();
        return answer(exchange, body, script.poll(), "Creation");
    }

    /** Answers a status call from the script ({@code operation}: Creation or Deletion), or lets moto answer. */
    private static boolean answer(HttpExchange exchange, byte[] body, String scripted, String operation)
            throws IOException {
        if (scripted == null) {
            return false;
        }
        String requestId = Json.MAPPER.readTree(body).path("AccountAssignment" + operation + "RequestId").asString();
        ObjectNode root = Json.object();
        ObjectNode s = root.putObject("AccountAssignment" + operation + "Status");
        s.put("Status", scripted);
        s.put("RequestId", requestId);
        if (scripted.equals("FAILED")) {
            s.put("FailureReason", "Received a 404 status error: The specified account is not a member of the "
                    + "organization");
        }
        AwsProxy.reply(exchange, 200, Map.of(), Json.MAPPER.writeValueAsBytes(root));
        return true;
    }

    @Override
    public void close() {
        proxy.close();
    }
}
