package dev.eksaccess.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local EKS endpoint for what moto lacks: the access-entry API (REST-JSON, as the EKS API reference
 * documents it) served in memory, and {@code accessConfig.authenticationMode} in DescribeCluster for the
 * clusters given a mode here. Every other request (ListClusters, DescribeCluster of other clusters,
 * CreateCluster, TagResource, ...) goes to moto unchanged, so cluster data stays moto's. Point the SDK or
 * the aws CLI at it with {@code AWS_ENDPOINT_URL_EKS}. Access entries are kept per cluster name (names
 * are unique in the sandbox and tests; real EKS scopes them by account and region as well).
 */
public final class EksAccessEntriesServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An access entry as a test or the sandbox sees it; {@code policies}: policy ARN to namespaces. */
    public record Entry(String principalArn, String type, String username, List<String> groups,
                        Map<String, String> tags, Map<String, List<String>> policies) {
    }

    private final HttpServer server;
    private final HttpForwarding upstream;
    private final Map<String, String> modes = new ConcurrentHashMap<>();
    private final AccessEntryBook book = new AccessEntryBook();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    private EksAccessEntriesServer(URI moto) {
        this.upstream = new HttpForwarding(moto);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a local port for EKS", e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** In front of moto_server at {@code moto}. */
    public static EksAccessEntriesServer start(URI moto) {
        return new EksAccessEntriesServer(moto);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Gives a cluster (created in moto) an authentication mode: API or API_AND_CONFIG_MAP serve access entries. */
    public void authenticationMode(String cluster, String mode) {
        if (!List.of("API", "API_AND_CONFIG_MAP", "CONFIG_MAP").contains(mode)) {
            throw new IllegalArgumentException("unknown authentication mode " + mode);
        }
        modes.put(cluster, mode);
        if (!mode.equals("CONFIG_MAP")) {
            book.addCluster(cluster);
        }
    }

    /** Adds an entry as EKS would have it, e.g. the EC2_LINUX entry of a node role (no call recorded). */
    public void seed(String cluster, String principalArn, String type) {
        book.create(cluster, "eu-north-1", JSON.createObjectNode().put("principalArn", principalArn).put("type", type));
    }

    public List<Entry> entries(String cluster) {
        List<Entry> out = new ArrayList<>();
        for (AccessEntryBook.Entry e : book.entries(cluster)) {
            out.add(new Entry(e.principalArn(), e.type(), e.username(), e.groups(), e.tags(), Map.copyOf(e.policies())));
        }
        return out;
    }

    /** The access-entry operations served so far, as "Operation cluster principalArn [policyArn]". */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    public void clearCalls() {
        calls.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String[] path = segments(exchange.getRequestURI().getRawPath());
            String method = exchange.getRequestMethod();
            try {
                if (path.length >= 3 && path[0].equals("clusters") && path[2].equals("access-entries")) {
                    accessEntries(exchange, method, path, body);
                } else if (path.length == 2 && path[0].equals("clusters") && method.equals("GET")
                        && modes.containsKey(path[1])) {
                    describeCluster(exchange, body, modes.get(path[1]));
                } else {
                    HttpResponse<byte[]> response = upstream.forward(exchange, body);
                    reply(exchange, response.statusCode(), response.body(), response.headers().map());
                }
            } catch (AccessEntryBook.Failure f) {
                ObjectNode error = JSON.createObjectNode().put("message", f.getMessage());
                reply(exchange, f.status, JSON.writeValueAsBytes(error), Map.of("x-amzn-ErrorType", List.of(f.type)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reply(exchange, 500, new byte[0], Map.of());
            }
        }
    }

    private void describeCluster(HttpExchange exchange, byte[] body, String mode) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = upstream.forward(exchange, body);
        if (response.statusCode() != 200) {
            reply(exchange, response.statusCode(), response.body(), response.headers().map());
            return;
        }
        ObjectNode root = (ObjectNode) JSON.readTree(response.body());
        ((ObjectNode) root.get("cluster")).putObject("accessConfig").put("authenticationMode", mode)
                .put("bootstrapClusterCreatorAdminPermissions", true);
        reply(exchange, 200, JSON.writeValueAsBytes(root), Map.of());
    }

    private void accessEntries(HttpExchange exchange, String method, String[] path, byte[] body)
            throws IOException, InterruptedException {
        String cluster = path[1];
        if (!modes.containsKey(cluster) || modes.get(cluster).equals("CONFIG_MAP")) {
            throw new AccessEntryBook.Failure(400, "InvalidRequestException", "The cluster's authentication mode must "
                    + "be set to one of [API, API_AND_CONFIG_MAP] to perform this operation.");
        }
        JsonNode in = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        String principal = path.length > 3 ? path[3] : in.path("principalArn").asString(null);
        ObjectNode out = JSON.createObjectNode();
        String operation = method + " " + String.join("/", path);
        String policyArn = null;
        try {
            if (path.length == 3 && method.equals("POST")) {
                operation = "CreateAccessEntry";
                out.set("accessEntry", AccessEntryBook.view(cluster, book.create(cluster, region(exchange), in)));
            } else if (path.length == 3 && method.equals("GET")) {
                operation = "ListAccessEntries";
                principal = null;
                out.withArray("accessEntries");
                book.entries(cluster).forEach(e -> out.withArray("accessEntries").add(e.principalArn()));
            } else if (path.length == 4 && method.equals("GET")) {
                operation = "DescribeAccessEntry";
                out.set("accessEntry", AccessEntryBook.view(cluster, book.describe(cluster, principal)));
            } else if (path.length == 4 && method.equals("POST")) {
                operation = "UpdateAccessEntry";
                out.set("accessEntry", AccessEntryBook.view(cluster, book.update(cluster, principal, in)));
            } else if (path.length == 4 && method.equals("DELETE")) {
                operation = "DeleteAccessEntry";
                book.delete(cluster, principal);
            } else if (path.length == 5 && path[4].equals("access-policies") && method.equals("POST")) {
                operation = "AssociateAccessPolicy";
                policyArn = in.path("policyArn").asString("");
                AccessEntryBook.Entry e = book.associate(cluster, principal, in);
                out.put("clusterName", cluster).put("principalArn", e.principalArn());
                AccessEntryBook.policy(policyArn, e.policies().get(policyArn), e, out.putObject("associatedAccessPolicy"));
            } else if (path.length == 5 && path[4].equals("access-policies") && method.equals("GET")) {
                operation = "ListAssociatedAccessPolicies";
                AccessEntryBook.Entry e = book.describe(cluster, principal);
                out.put("clusterName", cluster).put("principalArn", e.principalArn());
                AccessEntryBook.policies(e, out.putArray("associatedAccessPolicies"));
            } else if (path.length == 6 && path[4].equals("access-policies") && method.equals("DELETE")) {
                operation = "DisassociateAccessPolicy";
                policyArn = path[5];
                book.disassociate(cluster, principal, policyArn);
            } else {
                throw new AccessEntryBook.Failure(404, "UnknownOperationException", "the local EKS does not serve "
                        + operation);
            }
        } finally {
            // Every request is recorded, refused ones too: tests assert the exact calls made.
            calls.add(operation + " " + cluster + (principal == null ? "" : " " + principal)
                    + (policyArn == null ? "" : " " + policyArn));
        }
        reply(exchange, 200, JSON.writeValueAsBytes(out), Map.of());
    }

    /** The region of the request's SigV4 credential scope (.../<date>/<region>/eks/aws4_request). */
    private static String region(HttpExchange exchange) {
        String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
        String[] scope = auth.replaceFirst(".*Credential=([^,]+).*", "$1").split("/");
        return scope.length >= 3 ? scope[2] : "us-east-1";
    }

    /** Path segments, percent-decoded one by one (principal ARNs arrive as one encoded segment). */
    private static String[] segments(String rawPath) {
        String[] raw = rawPath.replaceAll("^/+", "").split("/");
        for (int i = 0; i < raw.length; i++) {
            raw[i] = URLDecoder.decode(raw[i].replace("+", "%2B"), StandardCharsets.UTF_8);
        }
        return raw;
    }


    private static void reply(HttpExchange exchange, int status, byte[] body, Map<String, List<String>> headers)
            throws IOException {
        HttpForwarding.reply(exchange, status, body, headers, "application/json");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
