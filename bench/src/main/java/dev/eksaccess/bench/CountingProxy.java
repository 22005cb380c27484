package dev.eksaccess.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A plain HTTP forwarder in front of moto_server that records every request, so a figure can say how
 * many AWS calls a function made. moto checks no signatures, so forwarding signed requests is fine.
 */
final class CountingProxy implements AutoCloseable {
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect",
            "upgrade", "transfer-encoding", "keep-alive");

    private final URI target;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    CountingProxy(URI target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::forward);
        server.setExecutor(executor);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The requests since the last {@link #clear()}, as "STS GetCallerIdentity" or "POST /clusters/x". */
    List<String> calls() {
        return List.copyOf(calls);
    }

    void clear() {
        calls.clear();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            calls.add(describe(exchange, body));
            HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                    .timeout(Duration.ofSeconds(60))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Which AWS API a request was: the signing service from the credential scope and the operation. */
    private static String describe(HttpExchange exchange, byte[] body) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String service = "?";
        if (auth != null && auth.contains("Credential=")) {
            String[] scope = auth.substring(auth.indexOf("Credential=") + 11).split(",")[0].split("/");
            service = scope.length > 3 ? scope[3].toUpperCase(java.util.Locale.ROOT) : "?";
        }
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null) {
            return service + " " + target.substring(target.indexOf('.') + 1);
        }
        String form = new String(body, StandardCharsets.UTF_8);
        for (String pair : form.split("&")) {
            if (pair.startsWith("Action=")) {
                return service + " " + URLDecoder.decode(pair.substring(7), StandardCharsets.UTF_8);
            }
        }
        return service + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
