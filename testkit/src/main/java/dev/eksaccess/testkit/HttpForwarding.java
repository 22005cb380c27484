package dev.eksaccess.testkit;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the local stand-ins that sit in front of moto share: pass a request on unchanged, and answer one
 * (forwarded or made up) without the hop-by-hop headers the JDK server sets itself.
 */
public final class HttpForwarding {
    /** Headers java.net.http sets itself and refuses to be given. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final Set<String> HOP_BY_HOP = Set.of("content-length", "transfer-encoding", "connection", "date",
            "server");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI upstream;

    public HttpForwarding(URI upstream) {
        this.upstream = upstream;
    }

    /** Sends the request, method, headers and body as received, to the same path upstream. */
    public HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((k, values) -> {
            if (!RESTRICTED.contains(k.toLowerCase())) {
                values.forEach(v -> request.header(k, v));
            }
        });
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Answers with a body and headers (Content-Type {@code contentType} unless the headers carry one). */
    public static void reply(HttpExchange exchange, int status, byte[] body, Map<String, List<String>> headers,
                             String contentType) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        headers.forEach((k, values) -> {
            if (!HOP_BY_HOP.contains(k.toLowerCase()) && !k.startsWith(":")) {
                exchange.getResponseHeaders().put(k, new ArrayList<>(values));
            }
        });
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(body);
            }
        }
    }
}
