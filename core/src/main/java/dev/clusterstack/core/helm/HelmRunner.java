package dev.clusterstack.core.helm;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.jni.HelmLib;
import com.marcnuri.helm.jni.NativeLibrary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs Helm 3 (embedded through helm-java) on chart folders and archives: {@code lint}, {@code template},
 * {@code dependency build/update}, {@code package}.
 *
 * <p>How the commands run:
 * <ul>
 *   <li>{@code lint} and {@code package} run in-process (they never touch a cluster or a repository).</li>
 *   <li>{@code template} and {@code dependency build/update} run in a short-lived child JVM (same Java, class path
 *   made of core, helm-java and its native library) whose environment HelmRunner controls. helm-java 0.0.21 has no
 *   kubeconfig option on {@code template} and no repository-config option on {@code dependency}; its Go runtime reads
 *   {@code KUBECONFIG} / {@code HELM_*} only from the environment the process started with. And helm-java's
 *   {@code template} evaluates {@code lookup} against the cluster of {@code KUBECONFIG} (plain {@code helm template}
 *   returns an empty map). So the child always gets {@code KUBECONFIG} pointing at a loopback stand-in API server
 *   (started lazily by this runner on 127.0.0.1) that answers every request with a Kubernetes 404 Status: every
 *   {@code lookup} returns an empty map and nothing leaves the machine. The child also gets its own
 *   {@code HELM_CONFIG_HOME}, {@code HELM_CACHE_HOME}, {@code HELM_DATA_HOME}, {@code HELM_REPOSITORY_CONFIG},
 *   {@code HELM_REPOSITORY_CACHE} and {@code HELM_REGISTRY_CONFIG} under {@link Builder#helmHome(Path)}, so the
 *   user's own Helm configuration is neither read nor written.</li>
 * </ul>
 *
 * <p>Chart cache: with {@link Builder#chartCache(Path)}, every chart {@code dependency build/update} downloaded from
 * an http(s) or OCI repository is kept in that folder; a later {@code dependencyBuild} whose remote dependencies all
 * have an exact version (from {@code Chart.lock}, or an exact version in {@code Chart.yaml}) that is in the cache
 * fills {@code charts/} from the cache without starting Helm or touching the network.
 *
 * <p>Registries and repositories with a private CA: helm-java 0.0.21 has no ca-file, insecure-skip-tls-verify or
 * plain-http option on {@code dependency build/update}, and Helm's registry client speaks HTTPS to every OCI
 * registry, 127.0.0.1 included, unless told {@code --plain-http}. {@link Builder#caCertificates(Path)} makes the
 * child trust extra certificates: it gets {@code SSL_CERT_FILE} pointing at a bundle of the system's (or the
 * inherited {@code SSL_CERT_FILE}'s) certificates plus the given ones. Go reads {@code SSL_CERT_FILE} on Linux and
 * the other Unix systems except macOS, where it asks the system's trust store instead.
 *
 * <p>Thread-safe. Close it to stop the loopback server and delete the temporary Helm home (if it made one).
 */
public final class HelmRunner implements AutoCloseable {

  private static final ObjectMapper YAML = new ObjectMapper(
      new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
  };
  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---[ \\t]*(?:#.*)?$");
  private static final Pattern SOURCE = Pattern.compile("(?m)^# Source: (.+?)\\s*$");
  private static final Pattern EXACT_VERSION = Pattern.compile("v?\\d+\\.\\d+\\.\\d+(?:[-+][0-9A-Za-z.+-]*)?");

  private final Path configuredHelmHome;
  private final Path chartCache;
  private final Path caCertificates;
  private final Duration commandTimeout;
  private final boolean offline;

  private final Object lock = new Object();
  private Path helmHome;
  private boolean temporaryHelmHome;
  private LoopbackKubernetesApi kubeApi;
  private Path kubeconfig;
  private Path caBundle;
  private boolean closed;

  private HelmRunner(Builder builder) {
    this.configuredHelmHome = builder.helmHome;
    this.chartCache = builder.chartCache;
    this.caCertificates = builder.caCertificates;
    this.commandTimeout = builder.commandTimeout;
    this.offline = builder.offline;
  }

  /** A runner with a temporary Helm home (deleted on {@link #close()}) and no chart cache. */
  public static HelmRunner create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Settings of a {@link HelmRunner}. */
  public static final class Builder {
    private Path helmHome;
    private Path chartCache;
    private Path caCertificates;
    private Duration commandTimeout = Duration.ofMinutes(10);
    private boolean offline;

    private Builder() {
    }

    /**
     * Folder for Helm's own configuration and caches ({@code config/repositories.yaml}, {@code cache/repository},
     * {@code config/registry/config.json}, ...). Default: a temporary folder deleted on close.
     */
    public Builder helmHome(Path helmHome) {
      this.helmHome = helmHome;
      return this;
    }

    /** Folder that keeps charts downloaded by dependency build/update, so that a second build runs offline. */
    public Builder chartCache(Path chartCache) {
      this.chartCache = chartCache;
      return this;
    }

    /**
     * PEM file of certificates that Helm's {@code template} and {@code dependency build/update} trust in addition to
     * the system's, e.g. the CA of an OCI registry or chart repository with a private or self-signed certificate
     * (see class comment; not on macOS).
     */
    public Builder caCertificates(Path pemFile) {
      this.caCertificates = pemFile;
      return this;
    }

    /** Upper bound for one Helm command run in the child JVM (a safety net against hangs). Default 10 minutes. */
    public Builder commandTimeout(Duration commandTimeout) {
      this.commandTimeout = Objects.requireNonNull(commandTimeout);
      return this;
    }

    /**
     * Offline (Maven's {@code -o}): dependency build/update never fetch from an http(s) or OCI repository; a chart
     * whose remote dependencies are not all in the chart cache fails with a {@link HelmException} saying so.
     */
    public Builder offline(boolean offline) {
      this.offline = offline;
      return this;
    }

    public HelmRunner build() {
      return new HelmRunner(this);
    }
  }

  // ---------------------------------------------------------------- lint

  /**
   * {@code helm lint [--strict] <chart>}, in-process.
   *
   * @throws HelmException if Helm cannot lint at all (e.g. the path is not a chart)
   */
  public LintResult lint(Path chartDirOrTgz, boolean strict) {
    requireExists(chartDirOrTgz);
    try {
      var command = new Helm(chartDirOrTgz).lint();
      if (strict) {
        command = command.strict();
      }
      com.marcnuri.helm.LintResult result = command.call();
      return new LintResult(result.isFailed(), result.getMessages());
    } catch (RuntimeException e) {
      throw wrap(chartDirOrTgz, e);
    }
  }

  // ---------------------------------------------------------------- template

  /**
   * Renders the chart exactly like {@code helm template <releaseName> <chart> --namespace <namespace>
   * [-f <values>] [--kube-version <v>]}: no CRDs from {@code crds/} (helm-java 0.0.21 has no include-crds option),
   * {@code lookup} returns empty maps.
   *
   * @param valuesFileOrNull  a values file, or null for the chart's own values only
   * @param kubeVersionOrNull e.g. {@code v1.32.5}, or null for Helm's default
   * @return the rendered manifests as Helm prints them
   * @throws HelmException with Helm's message if the chart does not render
   */
  public String template(Path chartDirOrTgz, String releaseName, String namespace, Path valuesFileOrNull,
      String kubeVersionOrNull) {
    requireExists(chartDirOrTgz);
    Objects.requireNonNull(releaseName, "releaseName");
    Objects.requireNonNull(namespace, "namespace");
    if (valuesFileOrNull != null) {
      requireExists(valuesFileOrNull);
    }
    return runInChild(chartDirOrTgz, "template", releaseName, namespace,
        valuesFileOrNull == null ? "-" : valuesFileOrNull.toAbsolutePath().toString(),
        kubeVersionOrNull == null || kubeVersionOrNull.isBlank() ? "-" : kubeVersionOrNull);
  }

  /**
   * Like {@link #template(Path, String, String, Path, String)}; with {@code includeCrds} the files under
   * {@code crds/} of the chart and its subcharts come first, as {@code helm template --include-crds} prints them
   * (helm-java 0.0.21 has no such option: HelmRunner reads them itself; subchart conditions are not evaluated, every
   * subchart's CRDs are included).
   */
  public String template(Path chartDirOrTgz, String releaseName, String namespace, Path valuesFileOrNull,
      String kubeVersionOrNull, boolean includeCrds) {
    String manifests = template(chartDirOrTgz, releaseName, namespace, valuesFileOrNull, kubeVersionOrNull);
    if (!includeCrds) {
      return manifests;
    }
    try {
      return ChartCrds.render(chartDirOrTgz) + manifests;
    } catch (IOException e) {
      throw new HelmException(chartDirOrTgz, "cannot read the CRDs of the chart: " + e.getMessage(), e);
    }
  }

  /** Number of requests the loopback stand-in API server has answered (0 if it was never started). */
  public int loopbackApiRequestCount() {
    synchronized (lock) {
      return kubeApi == null ? 0 : kubeApi.requestCount();
    }
  }

  // ---------------------------------------------------------------- dependencies

  /**
   * {@code helm dependency build <chartDir>}: fills {@code charts/} from {@code Chart.lock} (or resolves and writes
   * it when there is none). Dependencies may come from http(s) repositories (no {@code helm repo add} needed: the
   * runner registers them in its own repositories file), OCI registries, or {@code file://} folders. Served from the
   * chart cache when possible (see class comment).
   */
  public void dependencyBuild(Path chartDir) {
    dependencies(chartDir, false);
  }

  /** {@code helm dependency update <chartDir>}: resolves the dependencies again, rewrites {@code Chart.lock}. */
  public void dependencyUpdate(Path chartDir) {
    dependencies(chartDir, true);
  }

  private void dependencies(Path chartDir, boolean update) {
    if (!Files.isRegularFile(chartDir.resolve("Chart.yaml"))) {
      throw new HelmException(chartDir, "no Chart.yaml in " + chartDir);
    }
    List<Dependency> declared = readDependencies(chartDir.resolve("Chart.yaml"));
    if (declared.isEmpty()) {
      return;
    }
    if (!update && chartCache != null && fillFromCache(chartDir, declared)) {
      return;
    }
    if (offline && declared.stream().anyMatch(Dependency::remote)) {
      throw new HelmException(chartDir, "offline: the dependencies " + declared.stream().filter(Dependency::remote)
          .map(d -> d.name() + " " + d.version() + " from " + d.repository()).collect(Collectors.joining(", "))
          + (update ? " cannot be updated" : chartCache == null ? " cannot be fetched and there is no chart cache"
          : " are not all in the chart cache " + chartCache) + "; build once online to fill the cache");
    }
    registerRepositories(declared);
    runInChild(chartDir, update ? "dependency-update" : "dependency-build");
    if (chartCache != null) {
      storeInCache(chartDir);
    }
  }

  private record Dependency(String name, String version, String repository) {
    boolean remote() {
      return repository != null && (repository.startsWith("http://") || repository.startsWith("https://")
          || repository.startsWith("oci://"));
    }

    boolean local() {
      return repository != null && repository.startsWith("file://");
    }

    String archiveName() {
      return name + "-" + version + ".tgz";
    }
  }

  private static List<Dependency> readDependencies(Path file) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    Map<String, Object> yaml;
    try {
      yaml = YAML.readValue(file.toFile(), MAP);
    } catch (IOException e) {
      throw new HelmException(file.getParent(), "cannot read " + file + ": " + e.getMessage(), e);
    }
    List<Dependency> result = new ArrayList<>();
    if (yaml != null && yaml.get("dependencies") instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> m) {
          result.add(new Dependency(string(m.get("name")), string(m.get("version")), string(m.get("repository"))));
        }
      }
    }
    return result;
  }

  private static String string(Object o) {
    return o == null ? null : o.toString();
  }

  /** Copies every remote dependency from the cache; false (and nothing changed) if one is missing. */
  private boolean fillFromCache(Path chartDir, List<Dependency> declared) {
    List<Dependency> locked = readDependencies(chartDir.resolve("Chart.lock"));
    List<Dependency> exact = new ArrayList<>();
    for (Dependency d : declared) {
      if (!d.remote()) {
        continue;
      }
      Dependency pinned = locked.stream()
          .filter(l -> l.name().equals(d.name()) && Objects.equals(l.repository(), d.repository()))
          .findFirst()
          .orElse(d.version() != null && EXACT_VERSION.matcher(d.version()).matches() ? d : null);
      if (pinned == null || !Files.isRegularFile(cached(pinned))) {
        return false;
      }
      exact.add(pinned);
    }
    try {
      Path charts = Files.createDirectories(chartDir.resolve("charts"));
      for (Dependency d : exact) {
        Files.copy(cached(d), charts.resolve(d.archiveName()), StandardCopyOption.REPLACE_EXISTING);
      }
      for (Dependency d : declared) {
        if (d.local()) {
          Path local = chartDir.resolve(d.repository().substring("file://".length())).normalize();
          dependencyBuild(local);
          packageChart(local, charts);
        }
      }
    } catch (IOException e) {
      throw new HelmException(chartDir, "cannot fill charts/ from the chart cache " + chartCache + ": " + e, e);
    }
    return true;
  }

  private void storeInCache(Path chartDir) {
    try {
      for (Dependency d : readDependencies(chartDir.resolve("Chart.lock"))) {
        Path archive = chartDir.resolve("charts").resolve(d.archiveName());
        if (d.remote() && Files.isRegularFile(archive)) {
          Path target = cached(d);
          Files.createDirectories(target.getParent());
          Path tmp = Files.createTempFile(target.getParent(), ".download", ".tmp");
          Files.copy(archive, tmp, StandardCopyOption.REPLACE_EXISTING);
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
      }
    } catch (IOException e) {
      throw new HelmException(chartDir, "cannot store dependencies in the chart cache " + chartCache + ": " + e, e);
    }
  }

  private Path cached(Dependency d) {
    return chartCache.resolve(sha256(d.repository().replaceAll("/+$", "")).substring(0, 16)).resolve(d.archiveName());
  }

  /** Helm's dependency build insists that every http(s) repository is in the repositories file: register them. */
  private void registerRepositories(List<Dependency> dependencies) {
    Path file = helmHome().resolve("config").resolve("repositories.yaml");
    synchronized (lock) {
      try {
        Map<String, Object> config = Files.isRegularFile(file) ? YAML.readValue(file.toFile(), MAP) : null;
        if (config == null) {
          config = new LinkedHashMap<>();
          config.put("apiVersion", "");
          config.put("generated", "0001-01-01T00:00:00Z");
        }
        List<Object> repositories = config.get("repositories") instanceof List<?> l
            ? new ArrayList<>(l) : new ArrayList<>();
        Set<String> known = new LinkedHashSet<>();
        for (Object r : repositories) {
          if (r instanceof Map<?, ?> m && m.get("url") != null) {
            known.add(m.get("url").toString().replaceAll("/+$", ""));
          }
        }
        boolean changed = false;
        for (Dependency d : dependencies) {
          if (d.repository() == null || !(d.repository().startsWith("http://")
              || d.repository().startsWith("https://"))) {
            continue;
          }
          String url = d.repository().replaceAll("/+$", "");
          if (known.add(url)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", "clusterstack-" + sha256(url).substring(0, 12));
            entry.put("url", url);
            repositories.add(entry);
            changed = true;
          }
        }
        if (changed) {
          config.put("repositories", repositories);
          Files.createDirectories(file.getParent());
          YAML.writeValue(file.toFile(), config);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write Helm repositories file " + file, e);
      }
    }
  }

  // ---------------------------------------------------------------- package

  /**
   * {@code helm package <chartDir> --destination <destinationDir>}, in-process. Helm's archives are not reproducible
   * (timestamps): meant for tests and caches, not for release artifacts.
   *
   * @return the written archive ({@code <name>-<version>.tgz})
   */
  public Path packageChart(Path chartDir, Path destinationDir) {
    requireExists(chartDir);
    try {
      Files.createDirectories(destinationDir);
      Map<String, Object> chart = YAML.readValue(chartDir.resolve("Chart.yaml").toFile(), MAP);
      new Helm(chartDir).packageIt().withDestination(destinationDir).call();
      Path archive = destinationDir.resolve(chart.get("name") + "-" + chart.get("version") + ".tgz");
      if (!Files.isRegularFile(archive)) {
        throw new HelmException(chartDir, "helm package wrote no " + archive);
      }
      return archive;
    } catch (IOException e) {
      throw new HelmException(chartDir, e.toString(), e);
    } catch (HelmException e) {
      throw e;
    } catch (RuntimeException e) {
      throw wrap(chartDir, e);
    }
  }

  // ---------------------------------------------------------------- parsing

  /** Objects of {@code helm template} output, in order; empty documents are skipped. */
  public static List<Map<String, Object>> parseManifests(String manifests) {
    return parseRenderedObjects(manifests).stream().map(RenderedObject::object).toList();
  }

  /** Objects of {@code helm template} output with the template file each came from. */
  public static List<RenderedObject> parseRenderedObjects(String manifests) {
    List<RenderedObject> result = new ArrayList<>();
    if (manifests == null) {
      return result;
    }
    for (String document : DOCUMENT_SEPARATOR.split(manifests)) {
      if (document.lines().allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#"))) {
        continue;
      }
      Matcher source = SOURCE.matcher(document);
      String sourceFile = source.find() ? source.group(1) : null;
      Object parsed;
      try {
        parsed = YAML.readValue(document, Object.class);
      } catch (IOException e) {
        throw new IllegalArgumentException("invalid YAML document" + (sourceFile == null ? "" : " from " + sourceFile)
            + ": " + e.getMessage(), e);
      }
      if (parsed == null) {
        continue;
      }
      if (!(parsed instanceof Map<?, ?>)) {
        throw new IllegalArgumentException("YAML document" + (sourceFile == null ? "" : " from " + sourceFile)
            + " is not an object: " + parsed);
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> object = (Map<String, Object>) parsed;
      if (!object.isEmpty()) {
        result.add(new RenderedObject(sourceFile, object));
      }
    }
    return result;
  }

  // ---------------------------------------------------------------- child JVM

  private String runInChild(Path chart, String command, String... args) {
    Path home = helmHome();
    Path kube = kubeconfig();
    Path result = null;
    Path log = null;
    try {
      Path work = Files.createDirectories(home.resolve("work"));
      result = Files.createTempFile(work, command + "-", ".out");
      log = Files.createTempFile(work, command + "-", ".log");
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-XX:TieredStopAtLevel=1");
      cmd.add("-Xshare:auto");
      cmd.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
      cmd.add("-cp");
      cmd.add(childClassPath());
      cmd.add(HelmChildProcess.class.getName());
      cmd.add(result.toString());
      cmd.add(command);
      cmd.add(chart.toAbsolutePath().toString());
      cmd.addAll(List.of(args));
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
          .directory(work.toFile());
      Map<String, String> env = pb.environment();
      env.keySet().removeIf(k -> k.startsWith("HELM_") || k.equals("KUBECONFIG") || k.startsWith("KUBERNETES_"));
      env.put("KUBECONFIG", kube.toString());
      env.put("HELM_CONFIG_HOME", home.resolve("config").toString());
      env.put("HELM_CACHE_HOME", home.resolve("cache").toString());
      env.put("HELM_DATA_HOME", home.resolve("data").toString());
      env.put("HELM_REPOSITORY_CONFIG", home.resolve("config").resolve("repositories.yaml").toString());
      env.put("HELM_REPOSITORY_CACHE", home.resolve("cache").resolve("repository").toString());
      env.put("HELM_REGISTRY_CONFIG", home.resolve("config").resolve("registry").resolve("config.json").toString());
      if (caCertificates != null) {
        env.put("SSL_CERT_FILE", caBundle(chart).toString());
      }
      Process process = pb.start();
      if (!process.waitFor(commandTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new HelmException(chart, "helm " + command + " did not finish within " + commandTimeout
            + "; output: " + tail(log));
      }
      String out = Files.readString(result, StandardCharsets.UTF_8);
      if (process.exitValue() == 0) {
        return out;
      }
      if (process.exitValue() == HelmChildProcess.EXIT_HELM_FAILED) {
        throw new HelmException(chart, out.strip());
      }
      throw new HelmException(chart, "helm " + command + " process exited with " + process.exitValue()
          + ": " + tail(log));
    } catch (IOException e) {
      throw new HelmException(chart, "cannot run helm " + command + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HelmException(chart, "interrupted while running helm " + command, e);
    } finally {
      deleteQuietly(result);
      deleteQuietly(log);
    }
  }

  private static String tail(Path log) {
    try {
      String s = Files.readString(log, StandardCharsets.UTF_8).strip();
      return s.length() > 4000 ? "..." + s.substring(s.length() - 4000) : s;
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  private static String childClassPath() {
    Set<String> entries = new LinkedHashSet<>();
    for (Class<?> type : List.of(HelmChildProcess.class, Helm.class, HelmLib.class, com.sun.jna.Native.class)) {
      entries.add(location(type));
    }
    NativeLibrary nativeLibrary = NativeLibrary.serviceProviderLibrary(NativeLibrary.class.getClassLoader());
    if (nativeLibrary != null) {
      entries.add(location(nativeLibrary.getClass()));
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("cannot locate the class path entry of " + type.getName(), e);
    }
  }

  private Path helmHome() {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("HelmRunner is closed");
      }
      if (helmHome == null) {
        try {
          if (configuredHelmHome != null) {
            helmHome = Files.createDirectories(configuredHelmHome.toAbsolutePath());
          } else {
            helmHome = Files.createTempDirectory("clusterstack-helm-");
            temporaryHelmHome = true;
          }
        } catch (IOException e) {
          throw new UncheckedIOException("cannot create Helm home folder", e);
        }
      }
      return helmHome;
    }
  }

  /** Go's default CA bundle locations on Linux and the BSDs (crypto/x509 root_linux.go, root_bsd.go). */
  private static final List<String> SYSTEM_CA_FILES = List.of(
      "/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/ca-bundle.pem",
      "/etc/pki/tls/cacert.pem", "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem", "/etc/ssl/cert.pem",
      "/usr/local/etc/ssl/cert.pem", "/usr/local/share/certs/ca-root-nss.crt");

  /** The system's (or the inherited SSL_CERT_FILE's) certificates followed by {@link #caCertificates}, written once. */
  private Path caBundle(Path chart) {
    Path home = helmHome();
    synchronized (lock) {
      if (caBundle == null) {
        requireExists(caCertificates);
        try {
          StringBuilder pem = new StringBuilder();
          String inherited = System.getenv("SSL_CERT_FILE");
          Stream.concat(Stream.ofNullable(inherited), SYSTEM_CA_FILES.stream())
              .filter(f -> !f.isBlank())
              .map(Path::of)
              .filter(Files::isRegularFile)
              .findFirst()
              .ifPresent(f -> {
                try {
                  pem.append(Files.readString(f, StandardCharsets.UTF_8)).append('\n');
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
          pem.append(Files.readString(caCertificates, StandardCharsets.UTF_8)).append('\n');
          Path bundle = Files.createDirectories(home.resolve("config")).resolve("ca-bundle.pem");
          Files.writeString(bundle, pem, StandardCharsets.UTF_8);
          caBundle = bundle;
        } catch (IOException | UncheckedIOException e) {
          throw new HelmException(chart, "cannot write the CA bundle with " + caCertificates + ": " + e, e);
        }
      }
      return caBundle;
    }
  }

  private Path kubeconfig() {
    Path home = helmHome();
    synchronized (lock) {
      if (kubeApi == null) {
        kubeApi = new LoopbackKubernetesApi();
        try {
          kubeconfig = Files.createTempFile(home, "kubeconfig-", ".yaml");
          Files.writeString(kubeconfig, kubeApi.kubeconfig(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          kubeApi.close();
          kubeApi = null;
          throw new UncheckedIOException("cannot write the loopback kubeconfig", e);
        }
      }
      return kubeconfig;
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      if (kubeApi != null) {
        kubeApi.close();
      }
      deleteQuietly(kubeconfig);
      if (temporaryHelmHome) {
        deleteTree(helmHome);
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  private static void requireExists(Path path) {
    Objects.requireNonNull(path, "path");
    if (!Files.exists(path)) {
      throw new HelmException(path, "no such file or folder: " + path);
    }
  }

  private static HelmException wrap(Path chart, RuntimeException e) {
    if (e instanceof HelmException h) {
      return h;
    }
    String message = e.getMessage() == null ? e.toString() : e.getMessage().strip();
    return new HelmException(chart, message, e);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // best effort
      }
    }
  }

  private static void deleteTree(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(HelmRunner::deleteQuietly);
    } catch (IOException ignored) {
      // best effort
    }
  }
}
