package dev.eksaccess.testkit;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Sits in front of fabric8's CRUD dispatcher: authenticates, applies injected faults, records every call.
 * Runs on the vert.x event loop, so it must never block; delays use the mock server's response timer.
 */
final class KubeApiDispatcher extends Dispatcher {
    static final String ADMIN_PRINCIPAL = "testkit:admin";
    static final String ANONYMOUS_PRINCIPAL = "system:anonymous";

    private final TokenAuthenticator authenticator;
    private final Dispatcher crud;
    private final List<Fault> faults = new ArrayList<>();
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
        String body = request.getBody() == null ? "" : new String(request.getBody().getBytes(), StandardCharsets.UTF_8);

        MockResponse response;
        if (principal == null) {
            response = status(401, "Unauthorized", "Unauthorized");
        } else {
            Fault fault = takeFault(method);
            if (fault == null) {
                response = store(request, method, path, body);
            } else if (fault.delay != null) {
                // The write is applied now and only the answer is late: the case a client timeout must survive.
                response = store(request, method, path, body).setBodyDelay(fault.delay);
            } else {
                response = status(fault.status, reason(fault.status), "testkit: injected " + fault.status);
            }
        }
        calls.add(new RecordedCall(method, path, query, token, principal, response.code(), body));
        return response;
    }

    /** The CRUD store's answer, with the Status bodies kube-apiserver gives where fabric8's differ. */
    private MockResponse store(RecordedRequest request, String method, String path, String body) {
        MockResponse response = crud.dispatch(request);
        String[] segments = path.split("/");
        String resource = segments.length < 2 ? "" : segments[segments.length - 2];
        String name = segments[segments.length - 1];
        if (response.code() == 404 && (response.getBody() == null || response.getBody().size() == 0)) {
            return status(404, "NotFound", resource + " \"" + name + "\" not found");
        }
        if (response.code() != 409 || method.equals("DELETE")) {
            return response;
        }
        // fabric8 gives both 409s reason "Invalid".
        if (method.equals("POST")) {
            return status(409, "AlreadyExists", name + " \"" + createdName(body) + "\" already exists");
        }
        return status(409, "Conflict", "Operation cannot be fulfilled on " + resource + " \"" + name
                + "\": the object has been modified; please apply your changes to the latest version and try again");
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
