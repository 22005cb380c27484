package dev.eksaccess.handler;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.eksaccess.testkit.HttpForwarding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loopback proxy in front of moto (JDK HttpServer and testkit's HttpForwarding, no WireMock) that lets a test answer chosen
 * requests itself, for what moto cannot do: scripted provisioning states, throttling. Everything the
 * interceptor leaves alone is forwarded unchanged.
 */
final class AwsProxy implements AutoCloseable {
    /** Answers a request itself (returns true) or lets it through (false). */
    @FunctionalInterface
    interface Interceptor {
        boolean intercept(HttpExchange exchange, byte[] body) throws IOException;
    }

    private final HttpServer server;
    private final HttpForwarding upstream;
    private final Interceptor interceptor;

    private AwsProxy(HttpServer server, URI upstream, Interceptor interceptor) {
        this.server = server;
        this.upstream = new HttpForwarding(upstream);
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

    /** Sends an AWS query-protocol error (IAM, STS), as those services write it; returns true (answered). */
    static boolean queryError(HttpExchange exchange, int status, String code, String message) throws IOException {
        String xml = "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type>"
                + "<Code>" + code + "</Code><Message>" + message.replace("&", "&amp;").replace("<", "&lt;")
                + "</Message></Error><RequestId>4c0ffee0-0000-4000-8000-000000000000</RequestId></ErrorResponse>";
        HttpForwarding.reply(exchange, status, xml.getBytes(StandardCharsets.UTF_8), Map.of(), "text/xml");
        return true;
    }

    /** Sends a JSON answer (AWS JSON or REST-JSON protocols). */
    static void reply(HttpExchange exchange, int status, Map<String, String> headers, byte[] json) throws IOException {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        HttpForwarding.reply(exchange, status, json, multi, "application/x-amz-json-1.1");
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
        HttpResponse<byte[]> response = upstream.forward(exchange, body);
        HttpForwarding.reply(exchange, response.statusCode(), response.body(), response.headers().map(),
                response.headers().firstValue("Content-Type").orElse("application/x-amz-json-1.1"));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
