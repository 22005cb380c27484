package dev.eksaccess.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code moto_server} process (AWS emulator) on a free loopback port, for tests and the sandbox.
 * Point SDK clients at {@link #endpoint()} with any fake credentials; moto checks no signatures.
 *
 * <p>Facts measured with moto 5.2.1 and the AWS CLI (they decide how tests seed data):
 * <ul>
 * <li><b>Accounts.</b> A request lands in the account that owns its access key id (keys made by
 * {@code iam create-access-key}, or returned by {@code sts assume-role}); any other key id lands in
 * {@value #DEFAULT_ACCOUNT_ID}. A request header {@value #ACCOUNT_HEADER}{@code : 222222222222} overrides
 * that per request. {@code AssumeRole} into {@code arn:aws:iam::222222222222:role/X} succeeds even when the
 * role does not exist (no existence or trust check) and returns {@code ASIA...} credentials whose later
 * calls (STS GetCallerIdentity, IAM ListRoles, EKS DescribeCluster) all land in 222222222222; the caller is
 * {@code arn:aws:sts::222222222222:assumed-role/X/<session>}. {@link #reset()} forgets those keys (calls
 * with them fall back to {@value #DEFAULT_ACCOUNT_ID}), so assume roles again after a reset. An env var
 * {@code MOTO_ACCOUNT_ID} on the server would override all of this; it is removed from the child's
 * environment.</li>
 * <li><b>EKS.</b> {@code CreateCluster} accepts any fake roleArn and subnet ids (no IAM or VPC check);
 * a second create with the same name gets ResourceInUseException, DescribeCluster of a missing name gets
 * ResourceNotFoundException. DescribeCluster returns status ACTIVE, version 1.19, a fake endpoint
 * {@code https://<random>.<random>.<region>.eks.amazonaws.com/} (not our local API: tests map cluster name
 * to {@link KubeApiServer#url()} themselves), {@code certificateAuthority.data} of 1400 random characters
 * (decodes as base64 but is no PEM certificate), and <b>no {@code accessConfig}</b> at all, even when
 * CreateCluster was given {@code authenticationMode=API_AND_CONFIG_MAP}. Access entry APIs answer 404
 * (not implemented).</li>
 * <li><b>IAM paths.</b> {@code CreateRole --path /aws-reserved/sso.amazonaws.com/eu-west-1/} gives
 * {@code arn:aws:iam::<acct>:role/aws-reserved/sso.amazonaws.com/eu-west-1/<Name>}; GetRole by name finds
 * it. {@code ListRoles --path-prefix} is a plain string prefix: {@code /aws-reserved/sso.amazonaws.com/}
 * finds roles at that path and at its {@code <region>/} sub-path, {@code /aws-reserved/sso} matches too,
 * {@code /} finds everything. MaxItems/Marker paging works server side. Path syntax is not validated.</li>
 * </ul>
 */
public final class MotoServer implements AutoCloseable {
    public static final String DEFAULT_ACCOUNT_ID = "123456789012";
    /** moto-specific request header that picks the account for one request. */
    public static final String ACCOUNT_HEADER = "x-moto-account-id";
    private static final String INSTALL_HINT = "install it with: pip install 'moto[server]'"
            + " (or set MOTO_SERVER to the moto_server executable)";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static MotoServer shared;

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread shutdownHook;

    private MotoServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        // A JVM that exits without close() (or on SIGTERM) must not leave an orphaned server behind.
        this.shutdownHook = new Thread(this::stopProcess, "moto_server-stop-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a new server; the caller closes it. */
    public static MotoServer start() {
        Path executable = locateExecutable(System.getenv("MOTO_SERVER"), System.getenv("PATH"));
        IllegalStateException last = null;
        // The free port is probed then released, so another process may grab it first: retry a few times.
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return launch(executable, freePort());
            } catch (PortTakenException e) {
                last = e;
            }
        }
        throw last;
    }

    /** One server per JVM, started on first use and stopped by a shutdown hook; restarted if someone closed it. */
    public static synchronized MotoServer shared() {
        if (shared == null || !shared.process.isAlive()) {
            shared = start();
        }
        return shared;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** For tests of the launcher itself. */
    ProcessHandle processHandle() {
        return process.toHandle();
    }

    /**
     * The secret key of an access key moto issued (IAM CreateAccessKey or STS AssumeRole), read from its
     * state dump, so a local Kubernetes API can check token signatures as EKS checks them with STS.
     */
    public java.util.Optional<String> secretFor(String accessKeyId) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint().resolve("/moto-api/data.json"))
                .GET().timeout(Duration.ofSeconds(30)).build());
        tools.jackson.databind.JsonNode keys = new tools.jackson.databind.ObjectMapper().readTree(response.body())
                .path("iam").path("AccessKey");
        for (tools.jackson.databind.JsonNode key : keys) {
            if (accessKeyId.equals(key.path("access_key_id").asString())) {
                return java.util.Optional.of(key.path("secret_access_key").asString());
            }
        }
        return java.util.Optional.empty();
    }

    /** Forgets every resource in every account and region (POST /moto-api/reset). */
    public void reset() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint().resolve("/moto-api/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("moto reset answered " + response.statusCode() + ": " + response.body());
        }
    }

    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or will run; stopping twice is harmless
        }
    }

    private void stopProcess() {
        // Kill children too: a wrapper (pyenv shim, venv script) may sit between us and the Python server.
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception notStopped) {
                handle.destroyForcibly();
                handle.onExit().join();
            }
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a leftover temp log is harmless
        }
    }

    private static MotoServer launch(Path executable, int port) {
        Path log;
        Process process;
        try {
            log = Files.createTempFile("moto_server-" + port + "-", ".log");
            ProcessBuilder builder = new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p",
                    String.valueOf(port)).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().remove("MOTO_ACCOUNT_ID");
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + executable, e);
        }
        MotoServer server = new MotoServer(process, port, log);
        try {
            server.awaitReady();
            return server;
        } catch (RuntimeException e) {
            String tail = server.logTail();
            server.close();
            if (tail.contains("Address already in use")) {
                throw new PortTakenException(port);
            }
            throw new IllegalStateException(e.getMessage() + "; moto_server log tail:\n" + tail, e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(endpoint().resolve("/moto-api/"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with code " + process.exitValue()
                        + " before answering on port " + port);
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for moto_server", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("moto_server did not answer on port " + port + " within "
                        + START_TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for moto_server", e);
            }
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("moto_server on port " + port + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    static Path locateExecutable(String configured, String pathVar) {
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException("MOTO_SERVER=" + configured + " is not an executable file; "
                        + INSTALL_HINT);
            }
            return path;
        }
        for (String dir : (pathVar == null ? "" : pathVar).split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, "moto_server");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("moto_server is not installed (not found on PATH); " + INSTALL_HINT);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static final class PortTakenException extends IllegalStateException {
        PortTakenException(int port) {
            super("port " + port + " was taken before moto_server could bind it");
        }
    }
}
