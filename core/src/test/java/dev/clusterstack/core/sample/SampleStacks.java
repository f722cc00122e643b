package dev.clusterstack.core.sample;

import com.marcnuri.helm.Helm;
import dev.clusterstack.core.definition.StackDefinition;
import dev.clusterstack.core.model.ClusterApiVersion;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.KubernetesRelease;
import dev.clusterstack.core.render.ClusterClassChart;
import org.junit.jupiter.api.Assumptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Where the sample stacks and the SCS reference live, and how a chart is rendered with real Helm. */
final class SampleStacks {
    /** The sample stack project, relative to the core module folder (surefire's working directory). */
    static final Path SAMPLE_DIR = Path.of("../sample-stack/src/main/clusterstack");
    static final Path OPENSTACK = SAMPLE_DIR.resolve("openstack/stack.yaml");
    static final Path DOCKER = SAMPLE_DIR.resolve("docker/stack.yaml");
    static final String CHART_VERSION = "v1";
    static final String NAMESPACE = "ns";

    private SampleStacks() {
    }

    /** {@code ../shared} (set by surefire as {@code clusterstack.shared}); the test is skipped when absent. */
    static Path shared() {
        Path shared = Path.of(System.getProperty("clusterstack.shared", "../../shared"));
        Assumptions.assumeTrue(Files.isDirectory(shared), "../shared not found: reference comparison skipped");
        return shared;
    }

    /** The SCS reference stack folder of a provider ({@code openstack/scs}, {@code docker/scs}). */
    static Path reference(String provider) {
        Path dir = shared().resolve("reference/cluster-stacks/HEAD-a931cdb/providers").resolve(provider).resolve("scs");
        Assumptions.assumeTrue(Files.isDirectory(dir), dir + " not found: reference comparison skipped");
        return dir;
    }

    static ClusterStack load(Path definition) {
        return StackDefinition.load(definition).stack();
    }

    /**
     * The stack as ported from the reference: the definition without its trailing {@code features:}
     * section (the features add their own variables, patches and files on top of the reference), loaded
     * from a copy of its folder.
     */
    static ClusterStack loadWithoutFeatures(Path definition) {
        try {
            Path copy = Files.createTempDirectory("sample-without-features-");
            Path folder = definition.getParent();
            try (var files = Files.walk(folder)) {
                for (Path p : files.toList()) {
                    Path target = copy.resolve(folder.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                }
            }
            Path stack = copy.resolve(definition.getFileName().toString());
            String text = Files.readString(stack);
            int features = text.indexOf("\nfeatures:");
            Assumptions.assumeTrue(features >= 0 || !text.contains("features:"), "unexpected features layout");
            if (features >= 0) {
                Files.writeString(stack, text.substring(0, features + 1));
            }
            return StackDefinition.load(stack).stack();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The stack with every release written in Cluster API v1beta1, the version of the reference charts: what the
     * comparisons with the reference read. That the sample's v1beta2 releases behave the same as their v1beta1
     * rendering is proved by {@code SampleV1beta2EquivalenceTest}.
     */
    static ClusterStack inV1beta1(ClusterStack stack) {
        return new ClusterStack(stack.provider(), stack.name(),
                stack.releases().stream().map(r -> r.withClusterApi(ClusterApiVersion.V1BETA1)).toList());
    }

    /** {@code <provider>-<name>-<maj>-<min>}: the release name the operator renders the chart with. */
    static String releaseName(ClusterStack stack, KubernetesRelease release) {
        return stack.releaseName(release.kubernetesVersion());
    }

    /** Writes our cluster-class chart of one version into {@code dir} and returns its folder. */
    static Path writeChart(ClusterStack stack, KubernetesRelease release, Path dir) {
        Path chart = dir.resolve(ClusterClassChart.chartName(stack, release));
        ClusterClassChart.write(stack, release, CHART_VERSION, chart);
        return chart;
    }

    /** {@code helm template <release> <chart> --namespace ns [-f values]}. */
    static String template(Path chart, String releaseName, Path valuesFile) {
        var command = new Helm(chart).template().withName(releaseName).withNamespace(NAMESPACE);
        if (valuesFile != null) {
            command = command.withValuesFile(valuesFile);
        }
        return command.call();
    }

    /** The documents of a multi-document YAML text, empty ones left out. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object doc : new Yaml(options).loadAll(text)) {
            if (doc != null) {
                out.add((Map<String, Object>) doc);
            }
        }
        return out;
    }

    /** The one object of a kind and name among rendered documents. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(List<Map<String, Object>> docs, String kind, String name) {
        List<Map<String, Object>> found = docs.stream()
                .filter(d -> kind.equals(d.get("kind")))
                .filter(d -> name == null || name.equals(((Map<String, Object>) d.get("metadata")).get("name")))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + (name == null ? "" : " named " + name) + ", found "
                    + found.size() + " among " + docs.stream().map(d -> d.get("kind") + "/"
                    + ((Map<String, Object>) d.get("metadata")).get("name")).toList());
        }
        return found.get(0);
    }

    static Path write(Path file, String text) {
        try {
            Files.createDirectories(Objects.requireNonNull(file.getParent()));
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
