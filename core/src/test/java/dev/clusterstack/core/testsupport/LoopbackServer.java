package dev.clusterstack.core.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What the tests' loopback servers share: a server on 127.0.0.1 (a free port) with daemon threads, the
 * log of the requests it served, and closing. Nothing here ever leaves the machine.
 */
public abstract class LoopbackServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    protected LoopbackServer(HttpServer server, String threadName) {
        this.server = server;
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
    }

    /** A plain HTTP server bound to a free loopback port, not started. */
    protected static HttpServer httpServer() {
        try {
            return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves every path with {@code handler} and starts. */
    protected final void start(HttpHandler handler) {
        server.createContext("/", handler);
        server.start();
    }

    /** Logs a request as {@code METHOD /path}. */
    protected final void record(HttpExchange exchange) {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
    }

    /** The port the server listens on. */
    public final int port() {
        return server.getAddress().getPort();
    }

    /** Number of requests served so far. */
    public final int requestCount() {
        return requests.size();
    }

    /** The requests served so far, as {@code METHOD /path}. */
    public final List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Lower-case hex SHA-256 of the bytes. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code sha256:<hex>}: the OCI digest of the bytes. */
    public static String digest(byte[] bytes) {
        return "sha256:" + sha256Hex(bytes);
    }
}
