package dev.clusterstack.core.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.clusterstack.core.helm.HelmRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A read-only OCI registry (distribution spec v2) on 127.0.0.1 (random port, HTTPS) for tests, serving Helm
 * charts the way {@code helm push} stores them: an image manifest ({@code application/vnd.oci.image.manifest.v1+json})
 * whose config is the chart's metadata as JSON ({@code application/vnd.cncf.helm.config.v1+json}) and whose one
 * layer is the packaged chart ({@code application/vnd.cncf.helm.chart.content.v1.tar+gzip}). Each chart {@code name}
 * is the repository {@code <prefix>/<name>}, tagged with its version ({@code +} written as {@code _}, as Helm does).
 *
 * <p>Endpoints: {@code GET /v2/}, {@code GET|HEAD /v2/<name>/manifests/<tag|digest>},
 * {@code GET|HEAD /v2/<name>/blobs/<digest>}, {@code GET /v2/<name>/tags/list}. Counts requests so that a test can
 * prove a build ran from a cache.
 *
 * <p>HTTPS, not plain HTTP: Helm's registry client (Helm 3.21 in helm-java 0.0.21) uses plain HTTP only when asked
 * to ({@code --plain-http}), also for 127.0.0.1, and helm-java's {@code dependency build/update} cannot ask. The
 * registry's certificate is a fresh self-signed one for IP 127.0.0.1 (made with the JDK's {@code keytool});
 * {@link #caCertificate()} is the PEM file to give to {@code HelmRunner.Builder.caCertificates(Path)}.
 */
public final class LoopbackOciRegistry extends LoopbackServer {

  public static final String MANIFEST_MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";
  public static final String CONFIG_MEDIA_TYPE = "application/vnd.cncf.helm.config.v1+json";
  public static final String CHART_LAYER_MEDIA_TYPE = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";

  private static final Pattern MANIFEST = Pattern.compile("^/v2/(.+)/manifests/([^/]+)$");
  private static final Pattern BLOB = Pattern.compile("^/v2/(.+)/blobs/([^/]+)$");
  private static final Pattern TAGS = Pattern.compile("^/v2/(.+)/tags/list$");

  private final String prefix;
  private final Path caCertificate;
  /** repository name -> tag -> manifest digest. */
  private final Map<String, Map<String, String>> tags;
  /** repository name -> digest -> (media type, bytes) of manifests and blobs. */
  private final Map<String, Map<String, Content>> contents;

  private record Content(String mediaType, byte[] bytes) {
  }

  private LoopbackOciRegistry(String prefix, Path caCertificate, HttpServer server,
      Map<String, Map<String, String>> tags, Map<String, Map<String, Content>> contents) {
    super(server, "loopback-oci-registry");
    this.prefix = prefix;
    this.caCertificate = caCertificate;
    this.tags = tags;
    this.contents = contents;
  }

  /**
   * Packages each chart folder with Helm (archives, key store and certificate kept in {@code root}) and starts
   * serving them under {@code oci://127.0.0.1:<port>/<prefix>} over HTTPS.
   *
   * @param prefix repository path before the chart name, e.g. {@code charts}
   */
  public static LoopbackOciRegistry serve(Path root, String prefix, List<Path> charts) {
    try {
      Files.createDirectories(root);
      ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
      ObjectMapper json = new ObjectMapper();
      Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();
      Map<String, Map<String, Content>> contents = new ConcurrentHashMap<>();
      try (HelmRunner helm = HelmRunner.create()) {
        for (Path chart : charts) {
          Path archive = helm.packageChart(chart, root);
          @SuppressWarnings("unchecked")
          Map<String, Object> meta = yaml.readValue(chart.resolve("Chart.yaml").toFile(), Map.class);
          String name = prefix + "/" + meta.get("name");
          byte[] config = json.writeValueAsBytes(meta);
          byte[] layer = Files.readAllBytes(archive);
          Map<String, Object> manifest = new LinkedHashMap<>();
          manifest.put("schemaVersion", 2);
          manifest.put("mediaType", MANIFEST_MEDIA_TYPE);
          manifest.put("config", descriptor(CONFIG_MEDIA_TYPE, config));
          manifest.put("layers", List.of(descriptor(CHART_LAYER_MEDIA_TYPE, layer)));
          manifest.put("annotations", Map.of(
              "org.opencontainers.image.title", String.valueOf(meta.get("name")),
              "org.opencontainers.image.version", String.valueOf(meta.get("version"))));
          byte[] manifestBytes = json.writeValueAsBytes(manifest);
          Map<String, Content> repository = contents.computeIfAbsent(name, k -> new ConcurrentHashMap<>());
          repository.put(digest(config), new Content(CONFIG_MEDIA_TYPE, config));
          repository.put(digest(layer), new Content(CHART_LAYER_MEDIA_TYPE, layer));
          repository.put(digest(manifestBytes), new Content(MANIFEST_MEDIA_TYPE, manifestBytes));
          tags.computeIfAbsent(name, k -> new ConcurrentHashMap<>())
              .put(String.valueOf(meta.get("version")).replace('+', '_'), digest(manifestBytes));
        }
      }
      Path keyStore = root.resolve("registry.p12");
      Path caCertificate = root.resolve("registry-ca.pem");
      keytool("-genkeypair", "-alias", "registry", "-keyalg", "EC", "-groupname", "secp256r1",
          "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2",
          "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", STORE_PASSWORD);
      keytool("-exportcert", "-rfc", "-alias", "registry", "-keystore", keyStore.toString(),
          "-storepass", STORE_PASSWORD, "-file", caCertificate.toString());
      HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setHttpsConfigurator(new HttpsConfigurator(sslContext(keyStore)));
      LoopbackOciRegistry registry = new LoopbackOciRegistry(prefix, caCertificate, server, tags, contents);
      registry.start(registry::handle);
      return registry;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final String STORE_PASSWORD = "loopback";

  private static void keytool(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (process.waitFor() != 0) {
        throw new IOException("keytool " + args[0] + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running keytool", e);
    }
  }

  private static SSLContext sslContext(Path keyStore) throws IOException {
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, STORE_PASSWORD.toCharArray());
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, STORE_PASSWORD.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS for the loopback registry", e);
    }
  }

  private static Map<String, Object> descriptor(String mediaType, byte[] bytes) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("mediaType", mediaType);
    d.put("digest", digest(bytes));
    d.put("size", bytes.length);
    return d;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange; InputStream in = exchange.getRequestBody()) {
      in.readAllBytes();
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      record(exchange);
      exchange.getResponseHeaders().set("Docker-Distribution-API-Version", "registry/2.0");
      if (!method.equals("GET") && !method.equals("HEAD")) {
        error(exchange, 405, "UNSUPPORTED", "read-only registry");
        return;
      }
      if (path.equals("/v2/") || path.equals("/v2")) {
        send(exchange, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8), null);
        return;
      }
      Matcher m;
      if ((m = TAGS.matcher(path)).matches()) {
        Map<String, String> repositoryTags = tags.get(m.group(1));
        if (repositoryTags == null) {
          error(exchange, 404, "NAME_UNKNOWN", "repository name not known to registry");
          return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", m.group(1));
        body.put("tags", new ArrayList<>(new TreeMap<>(repositoryTags).keySet()));
        send(exchange, 200, "application/json", new ObjectMapper().writeValueAsBytes(body), null);
        return;
      }
      boolean manifest = (m = MANIFEST.matcher(path)).matches();
      if (manifest || (m = BLOB.matcher(path)).matches()) {
        String name = m.group(1);
        String reference = m.group(2);
        Map<String, Content> repository = contents.get(name);
        if (repository == null) {
          error(exchange, 404, "NAME_UNKNOWN", "repository name not known to registry");
          return;
        }
        String digest = reference;
        if (manifest && !reference.startsWith("sha256:")) {
          digest = tags.getOrDefault(name, Map.of()).get(reference);
        }
        Content content = digest == null ? null : repository.get(digest);
        if (content == null || manifest != MANIFEST_MEDIA_TYPE.equals(content.mediaType())) {
          error(exchange, 404, manifest ? "MANIFEST_UNKNOWN" : "BLOB_UNKNOWN", "unknown " + reference);
          return;
        }
        send(exchange, 200, manifest ? content.mediaType() : "application/octet-stream", content.bytes(), digest);
        return;
      }
      error(exchange, 404, "NAME_UNKNOWN", "unknown path " + path);
    }
  }

  /** Registry address to use as a dependency repository, e.g. {@code oci://127.0.0.1:43210/charts}. */
  public String url() {
    return "oci://" + hostPort() + "/" + prefix;
  }

  /** PEM file of the registry's self-signed certificate (its own CA). */
  public Path caCertificate() {
    return caCertificate;
  }
}
