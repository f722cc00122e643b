package dev.clusterstack.core.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpServer;
import dev.clusterstack.core.helm.HelmRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A Helm chart repository on 127.0.0.1 (random port) for tests: packages the given chart folders with Helm, writes
 * {@code index.yaml} and serves both over HTTP. Counts requests so that a test can prove a build ran offline.
 */
public final class LoopbackChartRepository implements AutoCloseable {

  private final Path root;
  private final HttpServer server;
  private final ExecutorService executor;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  private LoopbackChartRepository(Path root, HttpServer server, ExecutorService executor) {
    this.root = root;
    this.server = server;
    this.executor = executor;
  }

  /**
   * Packages each chart folder into {@code root} and starts serving.
   *
   * @param root   folder for the archives and index.yaml (e.g. a {@code @TempDir})
   * @param charts chart folders (each with a Chart.yaml)
   */
  public static LoopbackChartRepository serve(Path root, Path... charts) {
    return serve(root, List.of(charts));
  }

  public static LoopbackChartRepository serve(Path root, List<Path> charts) {
    try {
      Files.createDirectories(root);
      ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
      Map<String, List<Map<String, Object>>> entries = new TreeMap<>();
      try (HelmRunner helm = HelmRunner.create()) {
        for (Path chart : charts) {
          Path archive = helm.packageChart(chart, root);
          @SuppressWarnings("unchecked")
          Map<String, Object> meta = yaml.readValue(chart.resolve("Chart.yaml").toFile(), Map.class);
          Map<String, Object> entry = new LinkedHashMap<>(meta);
          entry.put("urls", List.of(archive.getFileName().toString()));
          entry.put("digest", sha256(Files.readAllBytes(archive)));
          entry.put("created", "2026-01-01T00:00:00Z");
          entries.computeIfAbsent(meta.get("name").toString(), k -> new ArrayList<>()).add(entry);
        }
      }
      Map<String, Object> index = new LinkedHashMap<>();
      index.put("apiVersion", "v1");
      index.put("entries", entries);
      index.put("generated", "2026-01-01T00:00:00Z");
      Files.writeString(root.resolve("index.yaml"), yaml.writeValueAsString(index), StandardCharsets.UTF_8);

      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-chart-repository");
        t.setDaemon(true);
        return t;
      });
      server.setExecutor(executor);
      LoopbackChartRepository repository = new LoopbackChartRepository(root, server, executor);
      server.createContext("/", repository::handle);
      server.start();
      return repository;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handle(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
    try (exchange; InputStream in = exchange.getRequestBody()) {
      in.readAllBytes();
      String path = exchange.getRequestURI().getPath();
      requests.add(exchange.getRequestMethod() + " " + path);
      Path file = root.resolve(path.replaceFirst("^/+", "")).normalize();
      if (!file.startsWith(root) || !Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      byte[] body = Files.readAllBytes(file);
      exchange.getResponseHeaders().set("Content-Type",
          path.endsWith(".yaml") ? "application/x-yaml" : "application/gzip");
      if ("HEAD".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(200, -1);
      } else {
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      }
    }
  }

  /** Base URL, e.g. {@code http://127.0.0.1:43210} (no trailing slash). */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Number of HTTP requests served so far. */
  public int requestCount() {
    return requests.size();
  }

  /** The requests served so far, as {@code METHOD /path}. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
