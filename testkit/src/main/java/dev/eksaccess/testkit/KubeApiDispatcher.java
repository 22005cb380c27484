package dev.eksaccess.testkit;

import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Sits in front of fabric8's CRUD dispatcher: authenticates, applies injected faults, records every call.
 * Runs on the vert.x event loop, so it must never block; delays use the mock server's response timer.
 */
final class KubeApiDispatcher extends Dispatcher {
    static final String ADMIN_PRINCIPAL = "testkit:admin";
    static final String ANONYMOUS_PRINCIPAL = "system:anonymous";

    /** Just enough API discovery for kubectl; the CRUD store answers these paths with a list of everything. */
    private static final Map<String, String> DISCOVERY = Map.of(
            "/api", Serialization.asJson(new APIVersionsBuilder().withVersions("v1").build()),
            "/apis", Serialization.asJson(new APIGroupListBuilder().build()),
            "/api/v1", Serialization.asJson(new APIResourceListBuilder().withGroupVersion("v1")
                    .addToResources(resource("configmaps", "ConfigMap", "cm", true))
                    .addToResources(resource("namespaces", "Namespace", "ns", false)).build()));

    private final TokenAuthenticator authenticator;
    private final Dispatcher crud;
    private final List<Fault> faults = new ArrayList<>();
    private final List<Edit> edits = new ArrayList<>();
    private final List<RecordedCall> calls = new CopyOnWriteArrayList<>();

    KubeApiDispatcher(TokenAuthenticator authenticator, KubernetesMixedDispatcher crud) {
        this.authenticator = authenticator;
        this.crud = crud;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        String target = request.getPath();
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? null : target.substring(q + 1);
        String token = bearerToken(request.getHeader("Authorization"));
        String principal = authenticate(token).orElse(null);
        // Copied before dispatching: the CRUD store reads the body buffer, which empties it.
        String body = request.getBody() == null ? ""
                : new String(request.getBody().getBytes(), StandardCharsets.UTF_8);

        MockResponse response;
        if (principal == null) {
            response = status(401, "Unauthorized", "Unauthorized");
        } else {
            Fault fault = takeFault(method);
            if (fault != null && fault.delay == null) {
                response = status(fault.status, reason(fault.status), "testkit: injected " + fault.status);
            } else {
                response = answer(request, method, path, body);
                if (fault != null) {
                    // Applied now, answered late: the case a client timeout must survive.
                    response.setBodyDelay(fault.delay);
                }
            }
        }
        calls.add(new RecordedCall(method, path, query, token, principal, response.code(), body));
        if (principal != null) {
            runEdit(method, path); // after the answer was made: the caller now holds what was there before
        }
        return response;
    }

    /** The CRUD store's answer, plus what kube-apiserver does differently or the store lacks. */
    private MockResponse answer(RecordedRequest request, String method, String path, String body) {
        String contentType = request.getHeader("Content-Type");
        if (contentType != null && contentType.contains("protobuf")) {
            // kubectl writes built-in types as protobuf, which the CRUD store cannot read.
            return status(415, "UnsupportedMediaType", "testkit: only JSON bodies, not " + contentType);
        }
        if (method.equals("GET") && DISCOVERY.containsKey(path)) {
            return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                    .setBody(DISCOVERY.get(path));
        }
        MockResponse response;
        try {
            response = crud.dispatch(request);
        } catch (RuntimeException e) {
            // Uncaught, the request would never be answered. A JSON Patch whose test op fails lands here:
            // kube-apiserver answers a patch that does not apply with 422.
            return method.equals("PATCH") ? status(422, "Invalid", String.valueOf(e.getMessage()))
                    : status(500, "InternalError", "testkit: CRUD store failed: " + e);
        }
        String[] segments = path.split("/");
        String last = segments[segments.length - 1]; // object name, or resource for a collection
        String resource = segments.length < 2 ? "" : segments[segments.length - 2];
        boolean noBody = response.getBody() == null || response.getBody().size() == 0;
        if (response.code() == 404 && noBody) {
            return status(404, "NotFound", resource + " \"" + last + "\" not found");
        }
        if (response.code() != 409 || method.equals("DELETE")) {
            return response;
        }
        // fabric8 gives both 409s reason "Invalid".
        if (method.equals("POST")) {
            return status(409, "AlreadyExists", last + " \"" + createdName(body) + "\" already exists");
        }
        return status(409, "Conflict", "Operation cannot be fulfilled on " + resource + " \"" + last
                + "\": the object has been modified; please apply your changes to the latest version and try again");
    }

    /** Stores an object directly, unrecorded and unauthenticated (for what a new cluster already has). */
    void seed(String collectionPath, Object object) {
        byte[] json = Serialization.asJson(object).getBytes(StandardCharsets.UTF_8);
        Headers headers = Headers.builder().add("Content-Type", "application/json").build();
        MockResponse response = crud.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.POST, collectionPath,
                headers, new Buffer(json)));
        if (response.code() != 201) {
            throw new IllegalStateException("seeding " + collectionPath + " got " + response.code());
        }
    }

    /** Someone else's edit of the ConfigMap at {@code path}, taken by the store as an update of its own. */
    private void runEdit(String method, String path) {
        Edit edit = null;
        synchronized (edits) {
            for (Iterator<Edit> it = edits.iterator(); it.hasNext(); ) {
                Edit e = it.next();
                if ((e.method.equals("*") || e.method.equals(method)) && e.path.equals(path)) {
                    if (--e.remaining == 0) {
                        it.remove();
                    }
                    edit = e;
                    break;
                }
            }
        }
        if (edit == null) {
            return;
        }
        Headers headers = Headers.builder().add("Content-Type", "application/json").build();
        MockResponse current = crud.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.GET, path, headers,
                new Buffer(new byte[0])));
        if (current.code() != 200) {
            throw new IllegalStateException("editAfterNext: GET " + path + " got " + current.code());
        }
        ConfigMap map = Serialization.unmarshal(current.getBody().readUtf8(), ConfigMap.class);
        edit.change.accept(map);
        MockResponse stored = crud.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.PUT, path, headers,
                new Buffer(Serialization.asJson(map).getBytes(StandardCharsets.UTF_8))));
        if (stored.code() != 200) {
            throw new IllegalStateException("editAfterNext: PUT " + path + " got " + stored.code());
        }
    }

    void addEdit(String method, String path, Consumer<ConfigMap> change, int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, got " + times);
        }
        synchronized (edits) {
            edits.add(new Edit(method == null ? "*" : method.toUpperCase(Locale.ROOT), path, change, times));
        }
    }

    private static APIResource resource(String name, String kind, String shortName, boolean namespaced) {
        return new APIResourceBuilder().withName(name).withKind(kind).withShortNames(shortName)
                .withNamespaced(namespaced).withVerbs("create", "delete", "get", "list", "patch", "update", "watch")
                .build();
    }

    /** metadata.name of an object in a request body, or null. */
    static String createdName(String body) {
        try {
            ObjectMeta metadata = Serialization.unmarshal(body, GenericKubernetesResource.class).getMetadata();
            return metadata == null ? null : metadata.getName();
        } catch (RuntimeException unparsable) {
            return null;
        }
    }

    @Override
    public void shutdown() {
        crud.shutdown();
    }

    void addFault(String method, int status, Duration delay, int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, got " + times);
        }
        synchronized (faults) {
            faults.add(new Fault(method == null ? "*" : method.toUpperCase(Locale.ROOT), status, delay, times));
        }
    }

    List<RecordedCall> calls() {
        return List.copyOf(calls);
    }

    void clearCalls() {
        calls.clear();
    }

    private Optional<String> authenticate(String token) {
        if (KubeApiServer.ADMIN_TOKEN.equals(token)) {
            return Optional.of(ADMIN_PRINCIPAL);
        }
        if (authenticator == null) {
            return Optional.of(ANONYMOUS_PRINCIPAL);
        }
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        try {
            return authenticator.authenticate(token);
        } catch (RuntimeException e) { // a crashing authenticator must not hang the request
            return Optional.empty();
        }
    }

    private Fault takeFault(String method) {
        synchronized (faults) {
            for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
                Fault fault = it.next();
                if (fault.method.equals("*") || fault.method.equals(method)) {
                    if (--fault.remaining == 0) {
                        it.remove();
                    }
                    return fault;
                }
            }
            return null;
        }
    }

    /** kube-apiserver: scheme "Bearer" is case-insensitive, the token is what follows one space. */
    private static String bearerToken(String header) {
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    static MockResponse status(int code, String reason, String message) {
        Status status = new StatusBuilder().withNewMetadata().endMetadata().withStatus("Failure")
                .withMessage(message).withReason(reason).withCode(code).build();
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                .setBody(Serialization.asJson(status));
    }

    /** The StatusReason kube-apiserver uses for each code. */
    static String reason(int code) {
        return switch (code) {
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 409 -> "Conflict";
            case 410 -> "Expired";
            case 415 -> "UnsupportedMediaType";
            case 422 -> "Invalid";
            case 429 -> "TooManyRequests";
            case 500 -> "InternalError";
            case 503 -> "ServiceUnavailable";
            case 504 -> "Timeout";
            default -> "Unknown";
        };
    }

    private static final class Edit {
        final String method;
        final String path;
        final Consumer<ConfigMap> change;
        int remaining;

        Edit(String method, String path, Consumer<ConfigMap> change, int times) {
            this.method = method;
            this.path = path;
            this.change = change;
            this.remaining = times;
        }
    }

    private static final class Fault {
        final String method;
        final int status;
        final Duration delay;
        int remaining;

        Fault(String method, int status, Duration delay, int times) {
            this.method = method;
            this.status = status;
            this.delay = delay;
            this.remaining = times;
        }
    }
}
