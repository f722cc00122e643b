package dev.clusterstack.core.helm;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in Kubernetes API server on 127.0.0.1 that answers every request with a Kubernetes {@code 404 NotFound}
 * Status. Helm's {@code lookup} treats NotFound as "no such object" and returns an empty map, which is what plain
 * {@code helm template} gives; nothing leaves the machine.
 */
final class LoopbackKubernetesApi implements AutoCloseable {

    private static final byte[] NOT_FOUND = ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
            + "\"status\":\"Failure\",\"message\":\"the server could not find the requested resource\","
            + "\"reason\":\"NotFound\",\"details\":{},\"code\":404}").getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicInteger requests = new AtomicInteger();

    LoopbackKubernetesApi() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the loopback Kubernetes API stand-in", e);
        }
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "clusterstack-loopback-kube-api");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            try (exchange; InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(404, NOT_FOUND.length);
                exchange.getResponseBody().write(NOT_FOUND);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int requestCount() {
        return requests.get();
    }

    /** A kubeconfig whose only cluster is this server. */
    String kubeconfig() {
        return "apiVersion: v1\n"
                + "kind: Config\n"
                + "clusters:\n"
                + "- name: clusterstack-loopback\n"
                + "  cluster:\n"
                + "    server: " + url() + "\n"
                + "contexts:\n"
                + "- name: clusterstack-loopback\n"
                + "  context:\n"
                + "    cluster: clusterstack-loopback\n"
                + "    user: clusterstack-loopback\n"
                + "current-context: clusterstack-loopback\n"
                + "users:\n"
                + "- name: clusterstack-loopback\n"
                + "  user: {}\n";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
