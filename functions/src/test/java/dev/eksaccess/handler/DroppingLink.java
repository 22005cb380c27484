package dev.eksaccess.handler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP link in front of an HTTP/1.1 server that drops the connections of chosen requests with
 * a reset, as a broken network or a restarting load balancer does: either before the request reaches the
 * server, or after the server answered it, so the server has done the work but its answer never arrives.
 * Every other byte passes unchanged, both ways. The Kubernetes mock server offers no such hook (see
 * testkit's {@code KubeApiServer}), so the fault is made on the wire instead.
 */
final class DroppingLink implements AutoCloseable {
    enum When { BEFORE_IT_ARRIVES, AFTER_THE_ANSWER }

    /** Drops the next {@code times} requests of a method, one way. */
    private record Drop(String method, When when, AtomicInteger times) {
    }

    private final ServerSocket listener;
    private final String upstreamHost;
    private final int upstreamPort;
    private final Queue<Drop> armed = new ConcurrentLinkedQueue<>();
    private final AtomicInteger dropped = new AtomicInteger();
    private final List<Socket> open = new ArrayList<>();

    private DroppingLink(ServerSocket listener, URI upstream) {
        this.listener = listener;
        this.upstreamHost = upstream.getHost();
        this.upstreamPort = upstream.getPort();
    }

    static DroppingLink to(String upstreamUrl) {
        URI upstream = URI.create(upstreamUrl);
        if (!"http".equals(upstream.getScheme())) {
            throw new IllegalArgumentException("plain HTTP only: " + upstreamUrl);
        }
        try {
            DroppingLink link = new DroppingLink(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), upstream);
            Thread acceptor = new Thread(link::accept, "dropping-link-accept");
            acceptor.setDaemon(true);
            acceptor.start();
            return link;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    /**
     * Drops the connections of the next {@code times} requests with this method. Drops armed one after the
     * other apply in that order: each waits until the ones before it are used up.
     */
    void dropNext(String method, When when, int times) {
        armed.add(new Drop(method, when, new AtomicInteger(times)));
    }

    /** How many connections were dropped so far. */
    int dropped() {
        return dropped.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException closed) {
                return;
            }
            try {
                Socket server = new Socket(upstreamHost, upstreamPort);
                synchronized (open) {
                    open.add(client);
                    open.add(server);
                }
                AtomicBoolean dropAnswer = new AtomicBoolean();
                pump("dropping-link-request", () -> requests(client, server, dropAnswer));
                pump("dropping-link-answer", () -> answers(server, client, dropAnswer));
            } catch (IOException upstreamDown) {
                try {
                    client.close(); // as the server would: this connection fails, the link goes on
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    private interface Pump {
        void run() throws IOException;
    }

    private static void pump(String name, Pump pump) {
        Thread t = new Thread(() -> {
            try {
                pump.run();
            } catch (IOException gone) {
                // One side went away: the other pump sees it too and ends.
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    /** Client to server. A request starts a chunk with its method (no pipelining: one request at a time). */
    private void requests(Socket client, Socket server, AtomicBoolean dropAnswer) throws IOException {
        InputStream in = client.getInputStream();
        OutputStream out = server.getOutputStream();
        byte[] buffer = new byte[16 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            Drop drop = take(buffer, n);
            if (drop != null) {
                if (drop.when() == When.BEFORE_IT_ARRIVES) {
                    reset(client, server);
                    return;
                }
                dropAnswer.set(true);
            }
            out.write(buffer, 0, n);
            out.flush();
        }
        server.shutdownOutput();
    }

    /** The drop due for a request starting this chunk, if any, used up by one. */
    private synchronized Drop take(byte[] buffer, int length) {
        Drop next = armed.peek();
        if (next == null || !startsWith(buffer, length, next.method() + " /")) {
            return null;
        }
        if (next.times().decrementAndGet() == 0) {
            armed.remove();
        }
        return next;
    }

    /** Server to client, unless the answer is to be dropped: then the client's connection is reset instead. */
    private void answers(Socket server, Socket client, AtomicBoolean dropAnswer) throws IOException {
        InputStream in = server.getInputStream();
        OutputStream out = client.getOutputStream();
        byte[] buffer = new byte[16 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            if (dropAnswer.get()) {
                reset(client, server);
                return;
            }
            out.write(buffer, 0, n);
            out.flush();
        }
        client.shutdownOutput();
    }

    private void reset(Socket client, Socket server) throws IOException {
        dropped.incrementAndGet();
        client.setSoLinger(true, 0); // an RST, not an orderly close
        client.close();
        server.close();
    }

    private static boolean startsWith(byte[] buffer, int length, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        if (length < p.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (buffer[i] != p[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        synchronized (open) {
            for (Socket s : open) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }
}
