package dev.clusterstack.core.compat;

import dev.clusterstack.core.helm.HelmException;
import dev.clusterstack.core.helm.HelmRunner;
import dev.clusterstack.core.release.ReleaseMetadata;
import dev.clusterstack.core.verify.ReleaseVerifier;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A release to compare: a release folder ({@code metadata.yaml}, the cluster-class and cluster-addon archives),
 * or a cluster-class chart as a folder or {@code .tgz} (named {@code <provider>-<name>-<maj>-<min>-cluster-class},
 * hand-written ones included). The cluster-class chart is rendered as the operator does:
 * {@code helm template <provider>-<name>-<maj>-<min> <chart>} with no values.
 *
 * @param path the release folder, chart folder or chart archive
 */
public record ReleaseInput(Path path) {

    private static final Pattern CLASS_CHART = Pattern.compile(
            "([a-z0-9]+)-([a-z0-9]+)-(0|[1-9][0-9]*)-(0|[1-9][0-9]*)-cluster-class");

    public ReleaseInput {
        Objects.requireNonNull(path, "path");
    }

    /** @return the input at this path */
    public static ReleaseInput of(Path path) {
        return new ReleaseInput(path);
    }

    /**
     * A read and rendered release.
     *
     * @param label             {@code <provider>-<name>-<maj>-<min>-<version>}, e.g. {@code docker-scs-1-32-v3}
     * @param provider          provider
     * @param name              stack name
     * @param minorDash         Kubernetes minor, {@code 1-32}
     * @param version           cluster stack version ({@code v3}); the chart version for a chart
     * @param kubernetesVersion {@code v1.32.5} from {@code metadata.yaml}, or null for a chart
     * @param clusterClass      the rendered ClusterClass and templates
     * @param addonCharts       {@code <addon>/<chart>} to chart version, sorted; empty for a chart
     */
    public record Loaded(String label, String provider, String name, String minorDash, String version,
                         String kubernetesVersion, ClassView clusterClass, Map<String, String> addonCharts) {
        /** @return {@code <provider>-<name>} */
        public String stack() {
            return provider + "-" + name;
        }
    }

    /**
     * Reads and renders the input.
     *
     * @param helm the Helm runner
     * @return the release
     * @throws CompatException naming the path and what is missing or wrong
     */
    public Loaded load(HelmRunner helm) {
        if (Files.isDirectory(path.resolve(ReleaseMetadata.FILE_NAME))) {
            throw new CompatException(path + ": " + ReleaseMetadata.FILE_NAME + " is a folder");
        }
        if (Files.isRegularFile(path.resolve(ReleaseMetadata.FILE_NAME))) {
            return releaseFolder(helm);
        }
        if (Files.isRegularFile(path.resolve("Chart.yaml")) || Files.isRegularFile(path) && path.toString().endsWith(".tgz")) {
            return chart(helm);
        }
        if (Files.isDirectory(path)) {
            throw new CompatException(path + ": neither a release folder (no " + ReleaseMetadata.FILE_NAME
                    + ") nor a cluster-class chart (no Chart.yaml); a partial release folder cannot be compared");
        }
        throw new CompatException(path + ": does not exist or is not a release folder, chart folder or .tgz chart");
    }

    private Loaded releaseFolder(HelmRunner helm) {
        String folder = path.getFileName().toString();
        Matcher m = ReleaseVerifier.FOLDER.matcher(folder);
        if (!m.matches()) {
            throw new CompatException(path + ": the release folder name must be <provider>-<name>-<maj>-<min>-<version>");
        }
        ReleaseMetadata metadata;
        try {
            metadata = ReleaseMetadata.read(path.resolve(ReleaseMetadata.FILE_NAME));
        } catch (IOException e) {
            throw new CompatException("release " + folder + ": " + e.getMessage(), e);
        }
        String base = m.group(1) + "-" + m.group(2) + "-" + m.group(3) + "-" + m.group(4);
        String version = m.group(5);
        if (!metadata.versions().clusterStack().toString().equals(version)
                || !metadata.kubernetesMinorDash().equals(m.group(3) + "-" + m.group(4))) {
            throw new CompatException(path.resolve(ReleaseMetadata.FILE_NAME) + ": says Kubernetes "
                    + metadata.kubernetesVersion() + " and clusterStack " + metadata.versions().clusterStack()
                    + ", which does not match the folder name " + folder);
        }
        Path classArchive = path.resolve(base + "-cluster-class-" + version + ".tgz");
        Path addonArchive = path.resolve(base + "-cluster-addon-" + metadata.versions().clusterAddon() + ".tgz");
        for (Path required : new Path[]{classArchive, addonArchive}) {
            if (!Files.isRegularFile(required)) {
                throw new CompatException("release " + path + " is partial: " + required.getFileName()
                        + " is missing");
            }
        }
        ClassView view = render(helm, classArchive, base);
        return new Loaded(base + "-" + version, m.group(1), m.group(2), m.group(3) + "-" + m.group(4), version,
                metadata.kubernetesVersion(), view, addonCharts(addonArchive));
    }

    private Loaded chart(HelmRunner helm) {
        String chartYaml;
        try {
            if (Files.isDirectory(path)) {
                chartYaml = Files.readString(path.resolve("Chart.yaml"));
            } else {
                chartYaml = ReleaseVerifier.readTarGz(path).entrySet().stream()
                        .filter(e -> e.getKey().matches("[^/]+/Chart\\.yaml")).map(Map.Entry::getValue).findFirst()
                        .orElseThrow(() -> new CompatException(path + ": the archive holds no <chart>/Chart.yaml"));
            }
        } catch (IOException e) {
            throw new CompatException(path + ": cannot read the chart: " + e.getMessage(), e);
        }
        Map<?, ?> chart;
        try {
            chart = new Yaml(new LoaderOptions()).load(chartYaml);
        } catch (RuntimeException e) {
            throw new CompatException(path + ": Chart.yaml is not valid YAML: " + e.getMessage(), e);
        }
        String chartName = chart == null ? "null" : String.valueOf(chart.get("name"));
        Matcher m = CLASS_CHART.matcher(chartName);
        if (!m.matches()) {
            throw new CompatException(path + ": Chart.yaml: name is '" + chartName + "'; a cluster-class chart is named"
                    + " <provider>-<name>-<maj>-<min>-cluster-class");
        }
        String base = chartName.substring(0, chartName.length() - "-cluster-class".length());
        String version = String.valueOf(chart.get("version"));
        ClassView view = render(helm, path, base);
        return new Loaded(base + "-" + version, m.group(1), m.group(2), m.group(3) + "-" + m.group(4), version, null,
                view, Map.of());
    }

    private ClassView render(HelmRunner helm, Path chart, String releaseName) {
        String manifests;
        try {
            manifests = helm.template(chart, releaseName, ReleaseVerifier.NAMESPACE, null, null);
        } catch (HelmException e) {
            throw new CompatException(chart + ": helm template failed: " + e.helmMessage(), e);
        }
        var objects = HelmRunner.parseManifests(manifests);
        var classes = objects.stream().filter(o -> "ClusterClass".equals(o.get("kind"))).toList();
        if (classes.size() != 1) {
            throw new CompatException(chart + ": renders " + classes.size() + " ClusterClass objects, expected one");
        }
        return ClassView.read(classes.get(0), objects);
    }

    /** {@code <addon>/<dependency>} to version from each {@code <addon>/Chart.yaml} of the addon archive. */
    private static Map<String, String> addonCharts(Path archive) {
        Map<String, String> out = new TreeMap<>();
        Map<String, String> entries;
        try {
            entries = ReleaseVerifier.readTarGz(archive);
        } catch (IOException e) {
            throw new CompatException(archive + ": cannot read the archive: " + e.getMessage(), e);
        }
        for (Map.Entry<String, String> e : entries.entrySet()) {
            if (!e.getKey().matches("[^/]+/Chart\\.yaml")) {
                continue;
            }
            String addon = e.getKey().substring(0, e.getKey().indexOf('/'));
            Object loaded = new Yaml(new LoaderOptions()).load(e.getValue());
            Object deps = loaded instanceof Map<?, ?> chart ? chart.get("dependencies") : null;
            if (deps instanceof Iterable<?> list) {
                for (Object d : list) {
                    if (d instanceof Map<?, ?> dep) {
                        out.put(addon + "/" + dep.get("name"), String.valueOf(dep.get("version")));
                    }
                }
            }
        }
        return out;
    }
}
