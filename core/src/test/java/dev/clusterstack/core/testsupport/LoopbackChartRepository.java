package dev.clusterstack.core.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.clusterstack.core.helm.HelmRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Helm chart repository on 127.0.0.1 (random port) for tests: packages the given chart folders with Helm, writes
 * {@code index.yaml} and serves both over HTTP. Counts requests so that a test can prove a build ran offline.
 */
public final class LoopbackChartRepository extends LoopbackServer {

  private final Path root;

  private LoopbackChartRepository(Path root) {
    super(httpServer(), "loopback-chart-repository");
    this.root = root;
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
          entry.put("digest", sha256Hex(Files.readAllBytes(archive)));
          entry.put("created", "2026-01-01T00:00:00Z");
          entries.computeIfAbsent(meta.get("name").toString(), k -> new ArrayList<>()).add(entry);
        }
      }
      Map<String, Object> index = new LinkedHashMap<>();
      index.put("apiVersion", "v1");
      index.put("entries", entries);
      index.put("generated", "2026-01-01T00:00:00Z");
      Files.writeString(root.resolve("index.yaml"), yaml.writeValueAsString(index), StandardCharsets.UTF_8);

      LoopbackChartRepository repository = new LoopbackChartRepository(root);
      repository.start(repository::handle);
      return repository;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handle(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
    try (exchange; InputStream in = exchange.getRequestBody()) {
      in.readAllBytes();
      String path = exchange.getRequestURI().getPath();
      record(exchange);
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
    return "http://127.0.0.1:" + port();
  }
}
