package dev.eksaccess.handler;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one gap in moto 5.2.1's sso-admin: DescribeAccountAssignmentCreationStatus always answers SUCCEEDED
 * (the status is hard-coded in its responses.py), so IN_PROGRESS and FAILED cannot be produced there. This
 * loopback proxy (JDK HttpServer: no WireMock needed) sits in front of moto for sso-admin only; it answers
 * that one operation from a script while the script lasts and forwards everything else, unchanged, to moto.
 */
final class SsoStatusStub implements AutoCloseable {
    private static final String STATUS_TARGET = "SWBExternalService.DescribeAccountAssignmentCreationStatus";
    /** Headers java.net.http sets itself and refuses to be given. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final Set<String> HOP_BY_HOP = Set.of("content-length", "transfer-encoding", "connection", "date",
            "server");

    private final HttpServer server;
    private final URI upstream;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Deque<String> script = new ConcurrentLinkedDeque<>();
    final AtomicInteger statusCalls = new AtomicInteger();

    private SsoStatusStub(HttpServer server, URI upstream) {
        this.server = server;
        this.upstream = upstream;
    }

    static SsoStatusStub start(URI upstream) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            SsoStatusStub stub = new SsoStatusStub(server, upstream);
            server.createContext("/", stub::handle);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next status answers, in order: IN_PROGRESS, SUCCEEDED, or FAILED (with a failure reason). */
    void answerStatus(String... statuses) {
        script.addAll(List.of(statuses));
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        try {
            if (STATUS_TARGET.equals(target)) {
                statusCalls.incrementAndGet();
                String scripted = script.poll();
                if (scripted != null) {
                    answer(exchange, scripted, body);
                    return;
                }
            }
            forward(exchange, body);
        } catch (RuntimeException | IOException | InterruptedException e) {
            byte[] message = ("stub error: " + e).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, message.length);
            exchange.getResponseBody().write(message);
        } finally {
            exchange.close();
        }
    }

    private void answer(HttpExchange exchange, String status, byte[] request) throws IOException {
        String requestId = Json.MAPPER.readTree(request).path("AccountAssignmentCreationRequestId").asString();
        ObjectNode root = Json.object();
        ObjectNode s = root.putObject("AccountAssignmentCreationStatus");
        s.put("Status", status);
        s.put("RequestId", requestId);
        if (status.equals("FAILED")) {
            s.put("FailureReason", "Received a 404 status error: The specified account is not a member of the "
                    + "organization");
        }
        byte[] out = Json.MAPPER.writeValueAsBytes(root);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(200, out.length);
        try (OutputStream o = exchange.getResponseBody()) {
            o.write(out);
        }
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
            if (!RESTRICTED.contains(h.getKey().toLowerCase())) {
                h.getValue().forEach(v -> request.header(h.getKey(), v));
            }
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        response.headers().map().forEach((k, values) -> {
            if (!HOP_BY_HOP.contains(k.toLowerCase()) && !k.startsWith(":")) {
                values.forEach(v -> exchange.getResponseHeaders().add(k, v));
            }
        });
        byte[] out = response.body();
        exchange.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
