package dev.eksaccess.eks;

import dev.eksaccess.handler.Json;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code EKS_ACCESS_KUBE_ENDPOINTS}: a JSON object of cluster name to Kubernetes API URL ({@code *} for
 * any cluster) that replaces the address DescribeCluster returns. For local servers and tests; plain
 * http is accepted there and the cluster CA is not used. A value may also be
 * {@code {"url": "...", "certificateAuthority": "<base64 PEM>"}} for a local https server with its own
 * CA; an https URL without one is checked against the JVM's trust store. Every use is logged as a
 * warning, once per cluster, so it cannot go unnoticed in production.
 */
public final class KubeEndpoints {
    public static final String VARIABLE = "EKS_ACCESS_KUBE_ENDPOINTS";

    /** An overriding address, and the CA (base64 PEM) to trust there, or null. */
    public record Endpoint(String url, String certificateAuthority) {
    }

    private final Map<String, Endpoint> byCluster;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    private KubeEndpoints(Map<String, Endpoint> byCluster) {
        this.byCluster = byCluster;
    }

    public static KubeEndpoints from(Environment env) {
        Optional<String> json = env.get(VARIABLE);
        if (json.isEmpty()) {
            return new KubeEndpoints(Map.of());
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json.get());
        } catch (JacksonException e) {
            throw new IllegalStateException(VARIABLE + " must be a JSON object of cluster name to URL: "
                    + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalStateException(VARIABLE + " must be a JSON object of cluster name to URL");
        }
        Map<String, Endpoint> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            JsonNode value = e.getValue();
            String url = value.isString() ? value.asString()
                    : value.path("url").isString() ? value.path("url").asString() : "";
            String ca = value.path("certificateAuthority").isString() ? value.path("certificateAuthority").asString()
                    : null;
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException bad) {
                uri = null;
            }
            if (uri == null || uri.getHost() == null
                    || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalStateException(VARIABLE + "." + e.getKey() + " must be an http(s) URL (got '"
                        + url + "')");
            }
            map.put(e.getKey(), new Endpoint(url.endsWith("/") ? url.substring(0, url.length() - 1) : url, ca));
        }
        return new KubeEndpoints(Map.copyOf(map));
    }

    /** The override for a cluster, if any. */
    public Optional<Endpoint> forCluster(String clusterName) {
        Endpoint endpoint = byCluster.getOrDefault(clusterName, byCluster.get("*"));
        if (endpoint != null && warned.add(clusterName)) {
            System.err.println("WARN " + VARIABLE + " replaces the API address of cluster " + clusterName + " with "
                    + endpoint.url() + "; the cluster's own CA is not used. Meant for local servers only.");
        }
        return Optional.ofNullable(endpoint);
    }

    public boolean isEmpty() {
        return byCluster.isEmpty();
    }
}
