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
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A loopback proxy in front of moto (JDK HttpServer, no WireMock) that lets a test answer chosen
 * requests itself, for what moto cannot do: scripted provisioning states, throttling. Everything the
 * interceptor leaves alone is forwarded unchanged.
 */
final class AwsProxy implements AutoCloseable {
    /** Answers a request itself (returns true) or lets it through (false). */
    @FunctionalInterface
    interface Interceptor {
        boolean intercept(HttpExchange exchange, byte[] body) throws IOException;
    }

    /** Headers java.net.http sets itself and refuses to be given. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final Set<String> HOP_BY_HOP = Set.of("content-length", "transfer-encoding", "connection", "date",
            "server");

    private final HttpServer server;
    private final URI upstream;
    private final Interceptor interceptor;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private AwsProxy(HttpServer server, URI upstream, Interceptor interceptor) {
        this.server = server;
        this.upstream = upstream;
        this.interceptor = interceptor;
    }

    static AwsProxy start(URI upstream, Interceptor interceptor) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            AwsProxy proxy = new AwsProxy(server, upstream, interceptor);
            server.createContext("/", proxy::handle);
            server.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Sends a JSON answer (AWS JSON or REST-JSON protocols). */
    static void reply(HttpExchange exchange, int status, Map<String, String> headers, byte[] json) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(status, json.length);
        try (OutputStream o = exchange.getResponseBody()) {
            o.write(json);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        try {
            if (!interceptor.intercept(exchange, body)) {
                forward(exchange, body);
            }
        } catch (RuntimeException | IOException | InterruptedException e) {
            byte[] message = ("proxy error: " + e).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, message.length);
            exchange.getResponseBody().write(message);
        } finally {
            exchange.close();
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
