package dev.clusterstack.core.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What the tests' loopback servers share: a server on 127.0.0.1 (a free port) with daemon threads, the
 * log of the requests it served, and closing. Nothing here ever leaves the machine.
 */
public abstract class LoopbackServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** {@code 127.0.0.1:<port>}. */
    public final String hostPort() {
        return "127.0.0.1:" + port();
    }

    /**
     * Answers with a body (headers only for HEAD, with the body's Content-Length), optionally its
     * {@code Docker-Content-Digest}.
     */
    protected static void send(HttpExchange exchange, int status, String contentType, byte[] body, String digest)
            throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        if (digest != null) {
            exchange.getResponseHeaders().set("Docker-Content-Digest", digest);
        }
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Content-Length", String.valueOf(body.length));
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
        }
    }

    /** A registry error response: {@code {"errors":[{"code":..,"message":..}]}}. */
    protected static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        send(exchange, status, "application/json", JSON.writeValueAsBytes(
                Map.of("errors", List.of(Map.of("code", code, "message", message)))), null);
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
