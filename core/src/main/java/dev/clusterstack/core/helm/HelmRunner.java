package dev.clusterstack.core.helm;

import dev.clusterstack.core.helm.ChartCache.Dependency;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs Helm 3 (embedded through helm-java) on chart folders and archives: {@code lint}, {@code template},
 * {@code dependency build/update}, {@code package}. A facade over {@link HelmSandbox} (Helm's folders and the loopback
 * Kubernetes API), {@link HelmChildLauncher} (the Helm process) and {@link ChartCache}.
 *
 * <p>How the commands run:
 * <ul>
 *   <li>Every command runs in one child JVM per runner (same Java, class path made of core, helm-java and its native
 *   library) that loads Helm's native library once, lives until {@link #close()}, runs {@code lint},
 *   {@code template} and {@code package} several at a time (dependency build/update one at a time), and whose
 *   environment HelmRunner controls. helm-java 0.0.21 has no kubeconfig option on {@code template} and no
 *   repository-config option on {@code dependency}; its Go runtime reads {@code KUBECONFIG} / {@code HELM_*} only
 *   from the environment the process started with. And helm-java's
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

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---[ \\t]*(?:#.*)?$");
    private static final Pattern SOURCE = Pattern.compile("(?m)^# Source: (.+?)\\s*$");

    private final ChartCache chartCache;
    private final boolean offline;
    private final HelmSandbox sandbox;
    private final HelmChildLauncher launcher;
    /** Dependency build/update share Helm's repository cache and the chart cache: one at a time. */
    private final Object dependencyLock = new Object();

    private HelmRunner(Builder builder) {
        this.chartCache = builder.chartCache == null ? null : new ChartCache(builder.chartCache);
        this.offline = builder.offline;
        this.sandbox = new HelmSandbox(builder.helmHome, builder.caCertificates);
        this.launcher = new HelmChildLauncher(sandbox, builder.commandTimeout);
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

    /**
     * Starts Helm's child process now rather than at the first command, so that its start overlaps with what the
     * caller does before (loading CRD schemas, say). Nothing happens if it runs already; a child that cannot start
     * is reported by the first command.
     */
    public HelmRunner prestart() {
        launcher.prestart();
        return this;
    }

    // ---------------------------------------------------------------- lint

    /**
     * {@code helm lint [--strict] <chart>}.
     *
     * @throws HelmException if Helm cannot lint at all (e.g. the path is not a chart)
     */
    public LintResult lint(Path chartDirOrTgz, boolean strict) {
        requireExists(chartDirOrTgz);
        List<String> lines = launcher.run(chartDirOrTgz, "lint", Boolean.toString(strict)).lines().toList();
        List<String> messages = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            messages.add(new String(Base64.getDecoder().decode(line), StandardCharsets.UTF_8));
        }
        return new LintResult("failed".equals(lines.get(0)), messages);
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
        return launcher.run(chartDirOrTgz, "template", releaseName, namespace,
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
        return sandbox.loopbackApiRequestCount();
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
        List<Dependency> declared = ChartCache.readDependencies(chartDir.resolve("Chart.yaml"));
        if (declared.isEmpty()) {
            return;
        }
        if (!update && chartCache != null && fillFromCache(chartDir, declared)) {
            return;
        }
        if (offline && declared.stream().anyMatch(Dependency::remote)) {
            throw new HelmException(chartDir, "offline: the dependencies " + declared.stream().filter(Dependency::remote)
                    .map(Dependency::toString).collect(Collectors.joining(", "))
                    + (update ? " cannot be updated" : chartCache == null ? " cannot be fetched and there is no chart cache"
                    : " are not all in the chart cache " + chartCache.folder()) + "; build once online to fill the cache");
        }
        synchronized (dependencyLock) {
            sandbox.registerRepositories(declared.stream().map(Dependency::repository).toList());
            try {
                launcher.run(chartDir, update ? "dependency-update" : "dependency-build");
            } catch (HelmException e) {
                throw UnreachableRepositories.explain(chartDir, declared, e);
            }
            if (chartCache != null) {
                chartCache.store(chartDir);
            }
        }
    }

    /** Fills {@code charts/} from the cache (local dependencies built and packaged); false if a remote one is missing. */
    private boolean fillFromCache(Path chartDir, List<Dependency> declared) {
        List<Dependency> pinned = chartCache.pinnedRemotes(chartDir, declared);
        if (pinned == null) {
            return false;
        }
        try {
            Path charts = Files.createDirectories(chartDir.resolve("charts"));
            chartCache.copyInto(pinned, charts);
            for (Dependency d : declared) {
                if (d.local()) {
                    Path local = chartDir.resolve(d.repository().substring("file://".length())).normalize();
                    dependencyBuild(local);
                    packageChart(local, charts);
                }
            }
        } catch (IOException e) {
            throw new HelmException(chartDir, "cannot fill charts/ from the chart cache " + chartCache.folder() + ": " + e, e);
        }
        return true;
    }

    // ---------------------------------------------------------------- package

    /**
     * {@code helm package <chartDir> --destination <destinationDir>}. Helm's archives are not reproducible
     * (timestamps): meant for tests and caches, not for release artifacts.
     *
     * @return the written archive ({@code <name>-<version>.tgz})
     */
    public Path packageChart(Path chartDir, Path destinationDir) {
        requireExists(chartDir);
        try {
            Files.createDirectories(destinationDir);
            Map<String, Object> chart = HelmSandbox.YAML.readValue(chartDir.resolve("Chart.yaml").toFile(), HelmSandbox.MAP);
            launcher.run(chartDir, "package", destinationDir.toAbsolutePath().toString());
            Path archive = destinationDir.resolve(chart.get("name") + "-" + chart.get("version") + ".tgz");
            if (!Files.isRegularFile(archive)) {
                throw new HelmException(chartDir, "helm package wrote no " + archive);
            }
            return archive;
        } catch (IOException e) {
            throw new HelmException(chartDir, e.toString(), e);
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
                parsed = HelmSandbox.YAML.readValue(document, Object.class);
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

    /** Stops the Helm child process and the loopback server and deletes the temporary Helm home (if it made one). */
    @Override
    public void close() {
        try {
            launcher.close();
        } finally {
            sandbox.close();
        }
    }

    static void requireExists(Path path) {
        Objects.requireNonNull(path, "path");
        if (!Files.exists(path)) {
            throw new HelmException(path, "no such file or folder: " + path);
        }
    }
}
