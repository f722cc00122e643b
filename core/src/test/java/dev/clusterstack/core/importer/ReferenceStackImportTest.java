package dev.clusterstack.core.importer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.clusterstack.core.definition.StackDefinition;
import dev.clusterstack.core.helm.HelmRunner;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.release.ReleaseBuilder;
import dev.clusterstack.core.release.ReleaseVersions;
import dev.clusterstack.core.release.StackVersion;
import dev.clusterstack.core.release.VersionMode;
import dev.clusterstack.core.testsupport.SharedFolder;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Imports the hand-written SCS reference stacks, builds the imported definition as a stack project would, renders
 * the original and the generated cluster-class chart as the operator does ({@code helm template
 * <provider>-<name>-<maj>-<min>} without values) and compares them: ClusterClass variables and patches deep-equal,
 * templates equal by their role in the class, addons equal (dependency, values, overwrite template, stages). Every
 * difference must be listed in the import report.
 */
@Tag("helm")
@Tag("shared")
class ReferenceStackImportTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static HelmRunner helm;

    @BeforeAll
    static void helm() {
        helm = HelmRunner.create();
    }

    @AfterAll
    static void close() {
        helm.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"HEAD-a931cdb/providers/docker/scs", "HEAD-a931cdb/providers/openstack/scs",
            "HEAD-a931cdb/providers/openstack/scs2", "f603df5-2023-11-29/providers/docker/ferrol/1-27",
            "c46ed0a-2024-02-14/providers/openstack/scs/1-27", "61f0749-2024-03-18/providers/openstack/scs/1-28"})
    void importedStackRendersLikeTheOriginal(String stackPath, @TempDir Path tmp) throws Exception {
        Path original = SharedFolder.sharedOrSkip("reference/cluster-stacks/" + stackPath);
        Path project = tmp.resolve("project");
        ImportReport report = StackImporter.importStack(original, project, ImportOptions.defaults());
        String reportText = Files.readString(report.report());

        ClusterStack stack = StackDefinition.load(report.definition()).stack();
        // the original's chart versions, so that the objects have the same names
        Map<String, Object> classChart = YAML.readValue(Files.readString(original.resolve("cluster-class/Chart.yaml")), Map.class);
        StackVersion version = StackVersion.parse(String.valueOf(classChart.get("version")));
        List<ReleaseBuilder.ReleaseOutput> built = ReleaseBuilder.build(stack, new ReleaseBuilder.Options(VersionMode.CUSTOM,
                new ReleaseVersions(version, version, version), tmp.resolve("out"), null, null, false, null));
        List<Map<String, Object>> versions = versions(original);
        assertEquals(versions.size(), built.size(), "one release per Kubernetes version");

        List<String> differences = new ArrayList<>();
        for (int i = 0; i < built.size(); i++) {
            ReleaseBuilder.ReleaseOutput out = built.get(i);
            String kube = String.valueOf(versions.get(i).get("kubernetes"));
            String release = stack.releaseName(out.release().kubernetesVersion());
            Path originalChart = originalChart(original, versions.get(i), release, tmp.resolve("orig-" + i));
            Map<String, String> originalNames = new TreeMap<>();
            Map<String, Map<String, Object>> expected = renamed(byKindAndName(helm.template(originalChart, release, "cluster",
                    null, null)), release + "-" + version, originalNames, differences);
            Map<String, Map<String, Object>> actual = byKindAndName(helm.template(out.clusterClassArchive(), release, "cluster", null, null));
            compareClass(expected, actual, release + "-" + version, originalNames, differences);
            compareAddons(original, versions.get(i), release, out, differences);
            assertFalse(expected.isEmpty(), kube);
        }
        List<String> unlisted = differences.stream().filter(d -> !reportText.contains(d)).toList();
        assertEquals(List.of(), unlisted, "differences not listed in the report:\n" + reportText);
    }

    /**
     * The reference stack the importer refuses, with every reason naming the file: alpha/1-28 of May 2024 is a stack in
     * the making whose class refers to an OpenStackClusterTemplate, OpenStackMachineTemplates and a KubeadmConfigTemplate
     * its chart does not have (Cluster API cannot reconcile it; the release contract wants every reference in the chart).
     */
    @Test
    void aClassReferringToObjectsTheChartLacksIsRefusedNamingEach(@TempDir Path tmp) {
        Path original = SharedFolder.sharedOrSkip("reference/cluster-stacks/7926f4c-2024-05-14/providers/openstack/alpha/1-28");
        ImportException e = assertThrows(ImportException.class,
                () -> StackImporter.importStack(original, tmp.resolve("project"), ImportOptions.defaults()));
        String where = "cluster-class/templates/cluster-class.yaml: ClusterClass {{ .Release.Name }}-{{ .Chart.Version }}: spec.";
        String why = " names no object of the chart (Cluster API cannot reconcile the class without it): add the template to"
                + " the chart and import again";
        assertEquals(List.of(
                where + "controlPlane.machineInfrastructure.ref: the reference to OpenStackMachineTemplate"
                        + " openstack-alpha-1-28-v2-control-plane" + why,
                where + "infrastructure.ref: the reference to OpenStackClusterTemplate openstack-alpha-1-28-v2-cluster" + why,
                where + "workers.machineDeployments[0].template.bootstrap.ref: the reference to KubeadmConfigTemplate"
                        + " openstack-alpha-1-28-v2" + why,
                where + "workers.machineDeployments[0].template.infrastructure.ref: the reference to OpenStackMachineTemplate"
                        + " openstack-alpha-1-28-v2" + why), e.problems());
        assertFalse(Files.exists(tmp.resolve("project")), "nothing written");
    }

    /**
     * The original's objects under the names the release contract gives them: an object the chart names from values
     * ({@code testcluster-control-plane-genc01}) is {@code <release>-<chart version>-<that name>}, the class is
     * {@code <release>-<chart version>}, and the class's references follow. Each renamed object must be in the report.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> renamed(Map<String, Map<String, Object>> objects, String prefix,
                                                            Map<String, String> originalNames, List<String> differences)
            throws IOException {
        Map<String, String> names = new TreeMap<>();
        Map<String, Map<String, Object>> out = new TreeMap<>();
        for (Map<String, Object> o : objects.values()) {
            Map<String, Object> copy = YAML.readValue(YAML.writeValueAsString(o), Map.class);
            Map<String, Object> meta = (Map<String, Object>) copy.get("metadata");
            String name = String.valueOf(meta.get("name"));
            boolean orcImage = String.valueOf(copy.get("apiVersion")).startsWith("openstack.k-orc.cloud/");
            if (!orcImage && !name.equals(prefix) && !name.startsWith(prefix + "-")) {
                String now = "ClusterClass".equals(copy.get("kind")) ? prefix : prefix + "-" + name;
                names.put(copy.get("kind") + " " + name, now);
                differences.add(copy.get("kind") + " " + name);
                originalNames.put(copy.get("kind") + " " + now, copy.get("kind") + " " + name);
                meta.put("name", now);
            }
            out.put(copy.get("kind") + " " + meta.get("name"), copy);
        }
        out.values().stream().filter(o -> "ClusterClass".equals(o.get("kind"))).forEach(c -> renameRefs(c.get("spec"), names));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void renameRefs(Object node, Map<String, String> names) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> map = (Map<String, Object>) m;
            if (map.get("ref") instanceof Map<?, ?> ref) {
                String now = names.get(ref.get("kind") + " " + ref.get("name"));
                if (now != null) {
                    ((Map<String, Object>) ref).put("name", now);
                }
            }
            map.forEach((k, v) -> {
                if (!k.equals("patches") && !k.equals("variables")) {
                    renameRefs(v, names);
                }
            });
        } else if (node instanceof List<?> l) {
            l.forEach(v -> renameRefs(v, names));
        }
    }

    private static void compareClass(Map<String, Map<String, Object>> expected, Map<String, Map<String, Object>> actual,
                                     String prefix, Map<String, String> originalNames, List<String> differences) {
        Map<String, Object> ecc = only(expected, "ClusterClass");
        Map<String, Object> acc = only(actual, "ClusterClass");
        Map<String, Object> espec = map(ecc.get("spec"));
        Map<String, Object> aspec = map(acc.get("spec"));
        // variables and patches: deep-equal, schemas, descriptions, enabledIf text and every value and template
        assertEquals(espec.get("variables"), aspec.get("variables"), "ClusterClass variables");
        assertEquals(espec.get("patches"), aspec.get("patches"), "ClusterClass patches");
        String classKey = "ClusterClass " + map(ecc.get("metadata")).get("name");
        String className = generic(originalNames.getOrDefault(classKey, classKey), prefix);
        assertEquals(withoutRefNamespaces(espec, "spec", className, differences),
                withoutRefNamespaces(aspec, "spec", className, new ArrayList<>()), "ClusterClass spec (references by role included)");
        // every object by kind and name (the names are the roles the class refers to): spec equal, metadata apart
        // from the namespace equal; a missing namespace must be in the report
        assertEquals(expected.keySet(), actual.keySet(), "objects of the chart");
        for (String key : expected.keySet()) {
            Map<String, Object> e = expected.get(key);
            Map<String, Object> a = actual.get(key);
            if (!key.startsWith("ClusterClass ")) {
                assertEquals(e.get("spec"), a.get("spec"), key + ": spec");
            }
            Map<String, Object> em = new TreeMap<>(map(e.get("metadata")));
            Map<String, Object> am = new TreeMap<>(map(a.get("metadata")));
            if (!Objects.equals(em.get("namespace"), am.get("namespace"))) {
                differences.add(generic(originalNames.getOrDefault(key, key), prefix) + ": metadata.namespace");
            }
            em.remove("namespace");
            am.remove("namespace");
            assertEquals(em, am, key + ": metadata");
            Map<String, Object> erest = new TreeMap<>(e);
            Map<String, Object> arest = new TreeMap<>(a);
            Stream.of("spec", "metadata").forEach(k -> {
                erest.remove(k);
                arest.remove(k);
            });
            assertEquals(erest, arest, key);
        }
    }

    private static void compareAddons(Path original, Map<String, Object> version, String release,
                                      ReleaseBuilder.ReleaseOutput out, List<String> differences) throws IOException {
        Map<String, String> archive = tgz(out.clusterAddonArchive());
        if (Files.exists(original.resolve("cluster-addon/Chart.yaml"))) {
            compareUmbrella(original, out, archive, differences);
            return;
        }
        Map<String, Object> config = YAML.readValue(Files.readString(out.folder().resolve("clusteraddon.yaml")), Map.class);
        Map<String, Object> originalConfig = YAML.readValue(Files.readString(original.resolve("clusteraddon.yaml")), Map.class);
        assertEquals(originalConfig.get("addonStages"), config.get("addonStages"), "clusteraddon.yaml stages");
        List<Path> addons;
        try (Stream<Path> s = Files.list(original.resolve("cluster-addon"))) {
            addons = s.filter(p -> Files.isRegularFile(p.resolve("Chart.yaml"))).sorted().toList();
        }
        for (Path addon : addons) {
            String name = addon.getFileName().toString();
            Map<String, Object> chart = YAML.readValue(Files.readString(addon.resolve("Chart.yaml")), Map.class);
            Map<String, Object> builtChart = YAML.readValue(entry(archive, name + "/Chart.yaml"), Map.class);
            Map<String, Object> dep = new LinkedHashMap<>(map(((List<?>) chart.get("dependencies")).get(0)));
            dep.putIfAbsent("alias", dep.get("name"));
            if (versions(original).size() > 1) {
                // the per-version rules of the SCS repository's hack/generate_version.py
                if ("openstack-cloud-controller-manager".equals(dep.get("name"))) {
                    dep.put("version", String.valueOf(version.get("occm")));
                }
                if ("openstack-cinder-csi".equals(dep.get("name"))) {
                    dep.put("version", String.valueOf(version.get("cinder_csi")));
                }
                Map<String, Object> csctl = YAML.readValue(Files.readString(original.resolve("csctl.yaml")), Map.class);
                String base = String.valueOf(map(csctl.get("config")).get("kubernetesVersion"));
                String baseName = release.substring(0, release.lastIndexOf('-', release.lastIndexOf('-') - 1)) + "-"
                        + base.substring(1, base.lastIndexOf('.')).replace('.', '-') + "-cluster-addon";
                if (baseName.equals(chart.get("name"))) {
                    chart.put("name", release + "-cluster-addon");
                }
            }
            assertEquals(List.of(dep), builtChart.get("dependencies"), name + ": dependency");
            assertEquals(chart.get("name"), builtChart.get("name"), name + ": chart name");
            String values = Files.readString(addon.resolve("values.yaml"));
            String builtValues = entry(archive, name + "/values.yaml");
            if (!values.equals(builtValues)) {
                Object parsed = values.isBlank() ? Map.of() : YAML.readValue(values, Object.class);
                assertEquals(parsed, YAML.readValue(builtValues, Object.class), name + ": values");
                differences.add("cluster-addon/" + name + "/values.yaml");
            }
            Path overwrite = addon.resolve("overwrite.yaml");
            if (Files.exists(overwrite)) {
                assertEquals(Files.readString(overwrite), entry(archive, name + "/overwrite.yaml"), name + ": overwrite");
            } else {
                assertTrue(archive.keySet().stream().noneMatch(k -> k.endsWith(name + "/overwrite.yaml")), name);
            }
        }
    }

    /** The legacy layout: one umbrella chart, its dependencies with their values, and cluster-addon-values.yaml. */
    private static void compareUmbrella(Path original, ReleaseBuilder.ReleaseOutput out, Map<String, String> archive,
                                        List<String> differences) throws IOException {
        Map<String, Object> chart = YAML.readValue(Files.readString(original.resolve("cluster-addon/Chart.yaml")), Map.class);
        Map<String, Object> values = YAML.readValue(Files.readString(original.resolve("cluster-addon/values.yaml")), Map.class);
        Map<String, Object> builtChart = YAML.readValue(entry(archive, "Chart.yaml"), Map.class);
        Map<String, Object> builtValues = YAML.readValue(entry(archive, "values.yaml"), Map.class);
        List<Object> deps = new ArrayList<>();
        for (Object d : (List<?>) chart.get("dependencies")) {
            Map<String, Object> dep = new LinkedHashMap<>(map(d));
            dep.putIfAbsent("alias", dep.get("name"));
            deps.add(dep);
        }
        assertEquals(deps, builtChart.get("dependencies"), "umbrella dependencies");
        Map<String, Object> own = new TreeMap<>(values);
        own.keySet().retainAll(deps.stream().map(d -> String.valueOf(map(d).get("alias"))).toList());
        Map<String, Object> built = new TreeMap<>(builtValues);
        for (Object d : deps) {
            String alias = String.valueOf(map(d).get("alias"));
            // a dependency without values in the original: the generator writes an empty mapping, the same to Helm
            if (!values.containsKey(alias) && Map.of().equals(built.get(alias))) {
                built.remove(alias);
                differences.add("cluster-addon/values.yaml: " + alias);
            }
        }
        assertEquals(own, built, "values of the dependencies");
        if (!own.keySet().equals(values.keySet())) {
            differences.add("cluster-addon/values.yaml");
        }
        differences.add("cluster-addon/values.yaml"); // comments and formatting: the generator writes the values anew
        if (Files.isDirectory(original.resolve("cluster-addon/templates"))) {
            differences.add("cluster-addon/templates");
        }
        Path valuesTemplate = original.resolve("cluster-addon-values.yaml");
        if (Files.exists(valuesTemplate)) {
            assertEquals(Files.readString(valuesTemplate), Files.readString(out.folder().resolve("cluster-addon-values.yaml")),
                    "cluster-addon-values.yaml");
        }
    }

    /** The chart for one version, derived from the source folder as the SCS repository's generate_version.py does. */
    static Path originalChart(Path original, Map<String, Object> version, String release, Path target) throws IOException {
        Path chart = target.resolve("cluster-class");
        Path from = original.resolve("cluster-class");
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.sorted().toList()) {
                Path t = chart.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        if (Files.exists(original.resolve("versions.yaml"))) {
            Map<String, Object> csctl = YAML.readValue(Files.readString(original.resolve("csctl.yaml")), Map.class);
            String baseTag = String.valueOf(map(csctl.get("config")).get("kubernetesVersion"));
            Path values = chart.resolve("values.yaml");
            Files.writeString(values, Files.readString(values).replace(baseTag, "v" + version.get("kubernetes")));
            Path chartYaml = chart.resolve("Chart.yaml");
            Files.writeString(chartYaml, Files.readString(chartYaml).replaceFirst("(?m)^name:.*$", "name: " + release + "-cluster-class"));
        }
        return chart;
    }

    static List<Map<String, Object>> versions(Path original) throws IOException {
        Path versions = original.resolve("versions.yaml");
        if (Files.exists(versions)) {
            return YAML.readValue(Files.readString(versions), List.class);
        }
        if (!Files.exists(original.resolve("csctl.yaml"))) {
            Map<String, Object> metadata = YAML.readValue(Files.readString(original.resolve("metadata.yaml")), Map.class);
            return List.of(Map.of("kubernetes", String.valueOf(map(metadata.get("versions")).get("kubernetes")).substring(1)));
        }
        Map<String, Object> csctl = YAML.readValue(Files.readString(original.resolve("csctl.yaml")), Map.class);
        return List.of(Map.of("kubernetes", String.valueOf(map(csctl.get("config")).get("kubernetesVersion")).substring(1)));
    }

    /** "Kind name" with the release and chart version written as the charts write them (as the report names objects). */
    private static String generic(String kindAndName, String prefix) {
        return kindAndName.replace(" " + prefix, " {{ .Release.Name }}-{{ .Chart.Version }}");
    }

    /** The spec with the namespace of every object reference (not in patches and variables) taken out and noted. */
    private static Object withoutRefNamespaces(Object node, String path, String className, List<String> differences) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (key.equals("ref") && e.getValue() instanceof Map<?, ?> ref) {
                    Map<String, Object> r = new TreeMap<>(map(ref));
                    if (r.remove("namespace") == null) {
                        differences.add(className + ": " + path + ".ref.namespace");
                    }
                    out.put(key, r);
                } else if (key.equals("patches") || key.equals("variables")) {
                    out.put(key, e.getValue());
                } else {
                    out.put(key, withoutRefNamespaces(e.getValue(), path + "." + key, className, differences));
                }
            }
            return out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < l.size(); i++) {
                out.add(withoutRefNamespaces(l.get(i), path + "[" + i + "]", className, differences));
            }
            return out;
        }
        return node;
    }

    private static Map<String, Map<String, Object>> byKindAndName(String manifests) {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        for (Map<String, Object> o : HelmRunner.parseManifests(manifests)) {
            out.put(o.get("kind") + " " + map(o.get("metadata")).get("name"), o);
        }
        return out;
    }

    private static Map<String, Object> only(Map<String, Map<String, Object>> objects, String kind) {
        List<Map<String, Object>> found = objects.entrySet().stream().filter(e -> e.getKey().startsWith(kind + " "))
                .map(Map.Entry::getValue).toList();
        assertEquals(1, found.size(), kind);
        return found.get(0);
    }

    private static String entry(Map<String, String> archive, String suffix) {
        List<String> keys = archive.keySet().stream().filter(k -> k.equals(suffix) || k.endsWith("/" + suffix)).toList();
        assertEquals(1, keys.size(), suffix + " in " + archive.keySet());
        return archive.get(keys.get(0));
    }

    private static Map<String, String> tgz(Path file) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (InputStream in = Files.newInputStream(file);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (e.isFile()) {
                    out.put(e.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
