package dev.clusterstack.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clusterstack.core.helm.HelmException;
import dev.clusterstack.core.helm.HelmRunner;
import dev.clusterstack.core.helm.RenderedObject;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.KubernetesRelease;
import dev.clusterstack.core.problem.StackException;
import dev.clusterstack.core.render.ClusterClassChart;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The objects of a rendered cluster-class chart: the ClusterClass(es) and their templates, as the Cluster Stack
 * Operator installs them. Render once, plan many Clusters against it.
 */
public final class ClassSource {
    /** The namespace charts are rendered into (the operator renders into the Cluster's namespace). */
    public static final String NAMESPACE = "cluster";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String displayName;
    private final List<ObjectNode> objects;

    private ClassSource(String displayName, List<ObjectNode> objects) {
        this.displayName = displayName;
        this.objects = List.copyOf(objects);
    }

    /**
     * Renders a cluster-class chart (folder or {@code .tgz}) with real Helm as the Cluster Stack Operator does:
     * release name = chart name without {@code -cluster-class} (e.g. {@code openstack-scs-1-32}), chart version from
     * {@code Chart.yaml}, the chart's own values.
     *
     * @throws StackException if the chart has no readable Chart.yaml or Helm cannot render it
     */
    public static ClassSource fromChart(Path chartDirOrTgz, HelmRunner helm) {
        Map<?, ?> chart = chartYaml(chartDirOrTgz);
        String name = String.valueOf(chart.get("name"));
        String release = name.endsWith("-cluster-class") ? name.substring(0, name.length() - "-cluster-class".length()) : name;
        String manifests;
        try {
            manifests = helm.template(chartDirOrTgz, release, NAMESPACE, null, null);
        } catch (HelmException e) {
            throw new StackException(chartDirOrTgz + ": helm template failed: " + e.getMessage());
        }
        return fromManifests(chartDirOrTgz.toString(), manifests);
    }

    /** Renders the cluster-class chart of one release of a stack from the model, then reads it like {@link #fromChart}. */
    public static ClassSource fromModel(ClusterStack stack, KubernetesRelease release, String chartVersion, Path workDir,
                                        HelmRunner helm) {
        try {
            Files.createDirectories(workDir);
            Path chart = Files.createTempDirectory(workDir, "class-chart");
            ClusterClassChart.write(stack, release, chartVersion, chart);
            return fromChart(chart, helm);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The objects of {@code helm template} output (or any multi-document YAML of a ClusterClass and its templates). */
    public static ClassSource fromManifests(String displayName, String manifests) {
        List<ObjectNode> out = new ArrayList<>();
        for (RenderedObject o : HelmRunner.parseRenderedObjects(manifests)) {
            out.add(JSON.valueToTree(o.object()));
        }
        return new ClassSource(displayName, out);
    }

    /** Objects given as plain trees (tests, other tools). */
    public static ClassSource of(String displayName, List<? extends JsonNode> objects) {
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode o : objects) {
            if (o instanceof ObjectNode on) {
                out.add(on.deepCopy());
            }
        }
        return new ClassSource(displayName, out);
    }

    public String displayName() {
        return displayName;
    }

    /** The objects, in order, as plain trees (copies). */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> objects() {
        List<Map<String, Object>> out = new ArrayList<>();
        objects.forEach(o -> out.add(JSON.convertValue(o, Map.class)));
        return out;
    }

    /** Names of the ClusterClasses, in order. */
    public List<String> classNames() {
        return objects.stream().filter(o -> "ClusterClass".equals(o.path("kind").asText()))
                .map(o -> o.path("metadata").path("name").asText()).toList();
    }

    Optional<ObjectNode> clusterClass(String name) {
        return objects.stream().filter(o -> "ClusterClass".equals(o.path("kind").asText())
                && name.equals(o.path("metadata").path("name").asText())).findFirst();
    }

    /** The object a ClusterClass reference names (kind and name; apiVersion or apiGroup when given). */
    Optional<ObjectNode> referenced(JsonNode ref) {
        String kind = ref.path("kind").asText();
        String name = ref.path("name").asText();
        String apiVersion = ref.path("apiVersion").asText(null);
        String apiGroup = ref.path("apiGroup").asText(null);
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())
                        && name.equals(o.path("metadata").path("name").asText())
                        && (apiVersion == null || apiVersion.equals(o.path("apiVersion").asText()))
                        && (apiGroup == null || apiGroup.equals(group(o.path("apiVersion").asText()))))
                .findFirst();
    }

    static String group(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    private static Map<?, ?> chartYaml(Path chart) {
        String text = null;
        try {
            if (Files.isDirectory(chart)) {
                Path f = chart.resolve("Chart.yaml");
                if (Files.isRegularFile(f)) {
                    text = Files.readString(f, StandardCharsets.UTF_8);
                }
            } else if (Files.isRegularFile(chart)) {
                try (InputStream in = Files.newInputStream(chart);
                     TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
                    TarArchiveEntry e;
                    while ((e = tar.getNextEntry()) != null) {
                        String n = e.getName();
                        if (n.endsWith("/Chart.yaml") && n.indexOf('/') == n.length() - "/Chart.yaml".length()) {
                            text = new String(tar.readAllBytes(), StandardCharsets.UTF_8);
                            break;
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new StackException(chart + ": cannot read the chart: " + e.getMessage());
        }
        if (text == null) {
            throw new StackException(chart + ": no Chart.yaml (not a chart folder or .tgz)");
        }
        Object parsed;
        try {
            parsed = new org.yaml.snakeyaml.Yaml(new LoaderOptions()).load(text);
        } catch (RuntimeException e) {
            throw new StackException(chart + ": Chart.yaml is not YAML: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> m) || m.get("name") == null) {
            throw new StackException(chart + ": Chart.yaml has no name");
        }
        Objects.requireNonNull(m);
        return m;
    }
}
