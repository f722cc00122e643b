package dev.clusterstack.core.helm;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The world the Helm child process sees: its own Helm folders ({@code HELM_CONFIG_HOME}, {@code HELM_CACHE_HOME},
 * {@code HELM_DATA_HOME}, {@code HELM_REPOSITORY_CONFIG}, {@code HELM_REPOSITORY_CACHE}, {@code HELM_REGISTRY_CONFIG})
 * under one Helm home, a {@code KUBECONFIG} whose only cluster is a {@link LoopbackKubernetesApi} (so that
 * {@code lookup} returns empty maps and nothing leaves the machine), the repositories file that Helm's dependency
 * build needs, and an optional CA bundle ({@code SSL_CERT_FILE}). Everything is made lazily, once. Thread-safe.
 */
final class HelmSandbox implements AutoCloseable {

    static final ObjectMapper YAML = new ObjectMapper(
            new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
    static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /** Go's default CA bundle locations on Linux and the BSDs (crypto/x509 root_linux.go, root_bsd.go). */
    private static final List<String> SYSTEM_CA_FILES = List.of(
            "/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/ca-bundle.pem",
            "/etc/pki/tls/cacert.pem", "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem", "/etc/ssl/cert.pem",
            "/usr/local/etc/ssl/cert.pem", "/usr/local/share/certs/ca-root-nss.crt");

    private final Path configuredHelmHome;
    private final Path caCertificates;

    private final Object lock = new Object();
    private Path helmHome;
    private boolean temporaryHelmHome;
    private LoopbackKubernetesApi kubeApi;
    private Path kubeconfig;
    private Path caBundle;
    private boolean closed;

    /**
     * @param helmHome       Helm's folders, or null for a temporary folder deleted on close
     * @param caCertificates PEM file of certificates to trust besides the system's, or null
     */
    HelmSandbox(Path helmHome, Path caCertificates) {
        this.configuredHelmHome = helmHome;
        this.caCertificates = caCertificates;
    }

    Path helmHome() {
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

    /** Folder for the child's working files (results, logs). */
    Path workFolder() throws IOException {
        return Files.createDirectories(helmHome().resolve("work"));
    }

    /**
     * The environment of the child process: {@code inherited} without any {@code HELM_*}, {@code KUBECONFIG} or
     * {@code KUBERNETES_*} variable, plus this sandbox's.
     *
     * @param chart the chart that needs the child (named in an error about the CA bundle)
     */
    void applyTo(Map<String, String> inherited, Path chart) {
        Path home = helmHome();
        inherited.keySet().removeIf(k -> k.startsWith("HELM_") || k.equals("KUBECONFIG") || k.startsWith("KUBERNETES_"));
        inherited.put("KUBECONFIG", kubeconfig().toString());
        inherited.put("HELM_CONFIG_HOME", home.resolve("config").toString());
        inherited.put("HELM_CACHE_HOME", home.resolve("cache").toString());
        inherited.put("HELM_DATA_HOME", home.resolve("data").toString());
        inherited.put("HELM_REPOSITORY_CONFIG", repositoriesFile().toString());
        inherited.put("HELM_REPOSITORY_CACHE", home.resolve("cache").resolve("repository").toString());
        inherited.put("HELM_REGISTRY_CONFIG", home.resolve("config").resolve("registry").resolve("config.json").toString());
        if (caCertificates != null) {
            inherited.put("SSL_CERT_FILE", caBundle(chart).toString());
        }
    }

    private Path repositoriesFile() {
        return helmHome().resolve("config").resolve("repositories.yaml");
    }

    /** Number of requests the loopback stand-in API server has answered (0 if it was never started). */
    int loopbackApiRequestCount() {
        synchronized (lock) {
            return kubeApi == null ? 0 : kubeApi.requestCount();
        }
    }

    /** Helm's dependency build insists that every http(s) repository is in the repositories file: register them. */
    void registerRepositories(List<String> repositoryUrls) {
        Path file = repositoriesFile();
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
                for (String repository : repositoryUrls) {
                    if (repository == null || !(repository.startsWith("http://") || repository.startsWith("https://"))) {
                        continue;
                    }
                    String url = repository.replaceAll("/+$", "");
                    if (known.add(url)) {
                        Map<String, Object> entry = new LinkedHashMap<>();
                        entry.put("name", repositoryName(url));
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

    /** The name under which {@link #registerRepositories} registers a repository URL (without trailing slashes). */
    static String repositoryName(String url) {
        return "clusterstack-" + ChartCache.sha256(url).substring(0, 12);
    }

    /** The system's (or the inherited SSL_CERT_FILE's) certificates followed by {@link #caCertificates}, written once. */
    private Path caBundle(Path chart) {
        Path home = helmHome();
        synchronized (lock) {
            if (caBundle == null) {
                HelmRunner.requireExists(caCertificates);
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

    static void deleteQuietly(Path p) {
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
            walk.sorted(Comparator.reverseOrder()).forEach(HelmSandbox::deleteQuietly);
        } catch (IOException ignored) {
            // best effort
        }
    }
}
