package dev.clusterstack.core.release;

import dev.clusterstack.core.crd.CrdSchemas;
import dev.clusterstack.core.definition.StackDefinition;
import dev.clusterstack.core.helm.HelmRunner;
import dev.clusterstack.core.helm.RenderedObject;
import dev.clusterstack.core.model.AddonLayout;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.KubernetesRelease;
import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.model.addon.Addon;
import dev.clusterstack.core.model.addon.ChartDependency;
import dev.clusterstack.core.testsupport.LoopbackChartRepository;
import dev.clusterstack.core.testsupport.LoopbackServer;
import dev.clusterstack.core.testsupport.SharedFolder;
import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.verify.ReleaseVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReleaseBuilderTest {
    static final Path DOCKER = Path.of("src/test/resources/stacks/docker");
    static HelmRunner helm;

    @BeforeAll
    static void startHelm() {
        helm = HelmRunner.create();
    }

    @AfterAll
    static void stopHelm() {
        helm.close();
    }

    static ClusterStack docker() {
        return StackDefinition.load(DOCKER.resolve("stack.yaml")).stack();
    }

    static List<ReleaseBuilder.ReleaseOutput> build(ClusterStack stack, VersionMode mode, Path out) {
        return ReleaseBuilder.build(stack, new ReleaseBuilder.Options(mode, null, out, null, null, false, null));
    }

    @Test
    void writesTheFoldersAndFilesOfTheContract(@TempDir Path root) throws IOException {
        Path out = root.resolve("cluster-stacks");
        List<ReleaseBuilder.ReleaseOutput> releases = build(docker(), VersionMode.STABLE, out);

        assertEquals(List.of("docker-scs-1-31-v1", "docker-scs-1-32-v1"), list(out));
        assertEquals(List.of("clusteraddon.yaml", "docker-scs-1-32-cluster-addon-v1.tgz",
                "docker-scs-1-32-cluster-class-v1.tgz", "hashes.json", "metadata.yaml"), list(out.resolve("docker-scs-1-32-v1")));
        assertEquals("""
                apiVersion: metadata.clusterstack.x-k8s.io/v1alpha1
                versions:
                  clusterStack: v1
                  kubernetes: v1.32.5
                  components:
                    clusterAddon: v1
                    nodeImage: v1
                """, Files.readString(out.resolve("docker-scs-1-32-v1/metadata.yaml")));
        assertEquals("""
                apiVersion: clusteraddonconfig.x-k8s.io/v1alpha1
                clusterAddonVersion: clusteraddons.clusterstack.x-k8s.io/v1alpha1
                addonStages:
                  AfterControlPlaneInitialized:
                    - name: cni
                      action: apply
                    - name: metrics-server
                      action: apply
                  BeforeClusterUpgrade:
                    - name: cni
                      action: apply
                    - name: metrics-server
                      action: apply
                """, Files.readString(out.resolve("docker-scs-1-32-v1/clusteraddon.yaml")));
        Map<String, String> addon = ReleaseVerifier.readTarGz(releases.get(1).clusterAddonArchive());
        assertEquals(List.of("cni/Chart.yaml", "cni/values.yaml", "metrics-server/Chart.yaml", "metrics-server/values.yaml"),
                List.copyOf(addon.keySet()), "one chart folder per addon at the archive's top level");
        assertTrue(addon.get("metrics-server/Chart.yaml").contains("version: v1\n"));
        assertTrue(addon.get("metrics-server/Chart.yaml").contains("""
                dependencies:
                  - name: metrics-server
                    version: "3.12.2"
                    repository: "https://kubernetes-sigs.github.io/metrics-server/"
                    alias: metrics-server
                """));
        assertEquals("metrics-server:\n  args:\n    - \"--kubelet-insecure-tls\"\n", addon.get("metrics-server/values.yaml"));
    }

    @Test
    @Tag("helm")
    void everyReleaseRendersAsTheOperatorRendersIt(@TempDir Path root) {
        renderAndVerify(root.resolve("cluster-stacks"), null);
    }

    @Test
    @Tag("helm")
    @Tag("shared")
    void everyReleaseValidatesAgainstTheClusterApiCrds(@TempDir Path root) {
        renderAndVerify(root.resolve("cluster-stacks"), CrdSchemas.load(SharedFolder.sharedOrSkip("crds/cluster-api-v1.10.10")));
    }

    /** Verifies every release of the docker stack with Helm and, if {@code crds} is given, the CRD schemas. */
    private static void renderAndVerify(Path out, CrdSchemas crds) {
        for (ReleaseBuilder.ReleaseOutput r : build(docker(), VersionMode.HASH, out)) {
            ReleaseVerifier.Report report = new ReleaseVerifier(helm, crds).verify(r.folder());
            assertEquals(List.of(), report.problems().stream().filter(Problem::isError).toList(), r.folderName());
            String className = "docker-scs-" + r.release().kubernetesVersion().minorDash() + "-" + r.versions().clusterStack();
            RenderedObject cc = report.clusterClassObjects().stream()
                    .filter(o -> "ClusterClass".equals(o.object().get("kind"))).findFirst().orElseThrow();
            assertEquals(className, ((Map<?, ?>) cc.object().get("metadata")).get("name"));
            assertEquals(5, report.clusterClassObjects().size(), "the ClusterClass and its four templates");
        }
    }

    @Test
    void archivesAreByteIdenticalAcrossBuildsTouchedInputsAndTimeZones(@TempDir Path tmp) throws IOException {
        Map<String, String> first = digests(build(docker(), VersionMode.STABLE, tmp.resolve("a")), tmp.resolve("a"));

        Path copy = tmp.resolve("stack");
        copyTree(DOCKER, copy);
        try (Stream<Path> files = Files.walk(copy)) {
            for (Path f : files.toList()) {
                Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2031-05-06T07:08:09Z")));
            }
        }
        TimeZone zone = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Chatham"));
            ClusterStack again = StackDefinition.load(copy.resolve("stack.yaml")).stack();
            Map<String, String> second = digests(build(again, VersionMode.STABLE, tmp.resolve("b")), tmp.resolve("b"));
            assertEquals(first, second);
        } finally {
            TimeZone.setDefault(zone);
        }
        assertEquals(10, first.size());
    }

    @Test
    void archiveTimesComeFromTheOutputTimestamp(@TempDir Path tmp) throws IOException {
        Instant when = Instant.parse("2026-01-01T00:00:00Z");
        List<ReleaseBuilder.ReleaseOutput> r = ReleaseBuilder.build(docker(),
                new ReleaseBuilder.Options(VersionMode.STABLE, null, tmp.resolve("cluster-stacks"), null, when, false, null));
        Process tar = new ProcessBuilder("tar", "--utc", "-tzvf", r.get(0).clusterClassArchive().toString())
                .redirectErrorStream(true).start();
        String listing = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(listing.lines().allMatch(l -> l.contains("2026-01-01 00:00")), listing);
    }

    @Test
    void stableModeBumpsOnlyWhatChanged(@TempDir Path root) throws IOException {
        Path out = root.resolve("cluster-stacks");
        ClusterStack stack = docker();
        ReleaseBuilder.ReleaseOutput v1 = build(stack, VersionMode.STABLE, out).get(1);
        assertEquals("v1/v1/v1", versions(v1));

        ReleaseBuilder.ReleaseOutput same = build(stack, VersionMode.STABLE, out).get(1);
        assertEquals("v1/v1/v1", versions(same), "unchanged content keeps its versions");
        assertTrue(same.reusedVersions());

        ClusterStack newAddonValues = mapContent(stack, c -> c.withAddons(List.of(c.addons().get(0),
                Addon.of("metrics-server", c.addons().get(1).chart(), Map.of("metrics-server", Map.of("replicas", 2L))))));
        ReleaseBuilder.ReleaseOutput v2 = build(newAddonValues, VersionMode.STABLE, out).get(1);
        assertEquals("v2/v2/v1", versions(v2), "an addon change bumps clusterStack and clusterAddon");

        ClusterStack newClass = mapContent(newAddonValues, c -> c.withClusterClass(c.clusterClass().toBuilder()
                .metadata(dev.clusterstack.core.model.base.ObjectMeta.of(Map.of("team", "platform"), Map.of())).build()));
        ReleaseBuilder.ReleaseOutput v3 = build(newClass, VersionMode.STABLE, out).get(1);
        assertEquals("v3/v2/v1", versions(v3), "a cluster class change keeps the addon version");

        ClusterStack newStages = mapContent(newClass, c -> c.withAddons(List.of(
                c.addons().get(0).withStages(List.of(dev.clusterstack.core.model.addon.AddonStage.apply("AfterControlPlaneInitialized"))),
                c.addons().get(1))));
        assertEquals("v4/v3/v1", versions(build(newStages, VersionMode.STABLE, out).get(1)),
                "a change of stages alone is an addon change");

        ClusterStack withImages = mapContent(newStages, c -> new StackContent(c.description(), c.clusterClass(), c.templates(),
                c.addons(), c.addonLayout(), c.addonValues(), Map.of("images", List.of(Map.of("name", "node-1.32")))));
        ReleaseBuilder.ReleaseOutput v5 = build(withImages, VersionMode.STABLE, out).get(1);
        assertEquals("v5/v3/v2", versions(v5), "node image data bumps nodeImage");
        assertTrue(Files.isRegularFile(v5.folder().resolve("node-images.yaml")));

        assertEquals(List.of("docker-scs-1-31-v1", "docker-scs-1-31-v2", "docker-scs-1-31-v3", "docker-scs-1-31-v4",
                "docker-scs-1-31-v5", "docker-scs-1-32-v1", "docker-scs-1-32-v2", "docker-scs-1-32-v3", "docker-scs-1-32-v4",
                "docker-scs-1-32-v5"), list(out), "earlier releases stay");
    }

    @Test
    void hashModeNamesEverythingAfterTheStackHash(@TempDir Path root) throws IOException {
        Path out = root.resolve("cluster-stacks");
        ReleaseBuilder.ReleaseOutput r = build(docker(), VersionMode.HASH, out).get(0);
        String expected = "v0-sha." + r.hashes().clusterStack().substring(0, 7);
        assertEquals(expected + "/" + expected + "/" + expected, versions(r));
        assertEquals("docker-scs-1-31-" + expected, r.folderName());
        assertTrue(Files.isRegularFile(r.folder().resolve("docker-scs-1-31-cluster-class-" + expected + ".tgz")));
        assertEquals(r.hashes(), ReleaseHashes.read(r.folder().resolve("hashes.json")));
    }

    @Test
    void customModeUsesTheGivenVersions(@TempDir Path root) {
        Path out = root.resolve("cluster-stacks");
        ReleaseBuilder.ReleaseOutput r = ReleaseBuilder.build(docker(), new ReleaseBuilder.Options(VersionMode.CUSTOM,
                Versioner.custom("v7", "v3", "v2"), out, null, null, false, null)).get(0);
        assertEquals("v7/v3/v2", versions(r));
        assertEquals("docker-scs-1-31-v7", r.folderName());
    }

    @Test
    void legacyLayoutWritesAnUmbrellaChartAndClusterAddonValues(@TempDir Path root) throws IOException {
        Path out = root.resolve("cluster-stacks");
        ClusterStack legacy = mapContent(docker(), c -> new StackContent(c.description(), c.clusterClass(), c.templates(),
                c.addons(), AddonLayout.LEGACY, "values: |\n  metrics-server:\n    commonLabels:\n      domain: \"{{ .Cluster.spec.controlPlaneEndpoint.host }}\"\n",
                null));
        ReleaseBuilder.ReleaseOutput r = build(legacy, VersionMode.STABLE, out).get(1);
        assertTrue(r.files().contains("cluster-addon-values.yaml"));
        assertFalse(r.files().contains("clusteraddon.yaml"));
        Map<String, String> addon = ReleaseVerifier.readTarGz(r.clusterAddonArchive());
        assertEquals(List.of("docker-scs-1-32-cluster-addon/Chart.yaml", "docker-scs-1-32-cluster-addon/values.yaml"),
                List.copyOf(addon.keySet()));
        assertTrue(addon.get("docker-scs-1-32-cluster-addon/Chart.yaml").contains("name: docker-scs-1-32-cluster-addon\n"));
        assertTrue(addon.get("docker-scs-1-32-cluster-addon/Chart.yaml").contains("alias: cni\n"));
        assertEquals("{{ .Cluster.spec.controlPlaneEndpoint.host }}",
                Files.readString(r.folder().resolve("cluster-addon-values.yaml")).split("\"")[1], "written verbatim");
        assertEquals(r.hashes().clusterAddonValues(), DirHash.csctlFile(r.folder().resolve("cluster-addon-values.yaml")));
    }

    @Test
    @Tag("helm")
    void vendoredAddonDependenciesComeFromTheRepositoryAndRenderAsTheOperatorRendersThem(@TempDir Path tmp) throws IOException {
        Path chart = helloChart(tmp.resolve("src/hello"));
        try (LoopbackChartRepository repo = LoopbackChartRepository.serve(tmp.resolve("repo"), chart);
             HelmRunner cached = HelmRunner.builder().chartCache(tmp.resolve("cache")).build()) {
            assertVendoredHello(repo.url(), repo, cached, tmp);
        }
    }

    /** A chart {@code hello 1.2.3} whose ConfigMap shows the value {@code greeting}. */
    static Path helloChart(Path chart) throws IOException {
        Files.createDirectories(chart.resolve("templates"));
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: hello\nversion: 1.2.3\n");
        Files.writeString(chart.resolve("values.yaml"), "greeting: hi\n");
        Files.writeString(chart.resolve("templates/cm.yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: hello\ndata:\n  greeting: {{ .Values.greeting | quote }}\n");
        return chart;
    }

    /**
     * Builds the docker stack with one addon depending on {@code hello 1.2.3} from {@code repository},
     * vendored: the archive holds the chart, the release verifies, the addon renders as the operator
     * renders it, and a second build makes no request and writes the same bytes.
     *
     * @return the releases of the first build
     */
    static List<ReleaseBuilder.ReleaseOutput> assertVendoredHello(String repository, LoopbackServer server, HelmRunner helm,
                                                                 Path tmp) throws IOException {
        ClusterStack stack = mapContent(docker(), c -> c.withAddons(List.of(
                Addon.of("hello", ChartDependency.of("hello", "1.2.3", repository), Map.of("hello", Map.of("greeting", "moin"))))));
        List<ReleaseBuilder.ReleaseOutput> releases = ReleaseBuilder.build(stack,
                new ReleaseBuilder.Options(VersionMode.STABLE, null, tmp.resolve("out"), null, null, true, helm));
        Map<String, String> addon = ReleaseVerifier.readTarGz(releases.get(0).clusterAddonArchive());
        assertEquals(List.of("hello/Chart.yaml", "hello/charts/hello-1.2.3.tgz", "hello/values.yaml"),
                List.copyOf(addon.keySet()), "no Chart.lock: it would carry the time of resolution");

        ReleaseVerifier.Report report = new ReleaseVerifier(helm, null).verify(releases.get(0).folder());
        assertEquals(List.of(), report.problems());
        Path unpacked = tmp.resolve("unpacked");
        ReleaseVerifier.unpack(releases.get(0).clusterAddonArchive(), unpacked);
        String rendered = helm.template(unpacked.resolve("hello"), "cluster-addon", "kube-system", null, "v1.31.9");
        assertTrue(rendered.contains("greeting: \"moin\""), rendered);

        int requests = server.requestCount();
        Map<String, String> before = digests(releases, tmp.resolve("out"));
        List<ReleaseBuilder.ReleaseOutput> again = ReleaseBuilder.build(stack,
                new ReleaseBuilder.Options(VersionMode.STABLE, null, tmp.resolve("out"), null, null, true, helm));
        assertEquals(requests, server.requestCount(), "the second build resolves from the chart cache");
        assertEquals(before, digests(again, tmp.resolve("out")));
        return releases;
    }

    @Test
    @Tag("helm")
    void aFailingBuildLeavesThePreviousReleasesIntactAndNothingHalfWritten(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        List<ReleaseBuilder.ReleaseOutput> first = build(docker(), VersionMode.STABLE, out);
        Map<String, String> before = digests(first, out);
        ClusterStack broken = mapContent(docker(), c -> c.withAddons(List.of(
                Addon.of("missing", ChartDependency.of("missing", "9.9.9", "file://" + tmp.resolve("nowhere")), Map.of()))));
        try (HelmRunner vendoring = HelmRunner.builder().chartCache(tmp.resolve("cache")).build()) {
            assertThrows(RuntimeException.class, () -> ReleaseBuilder.build(broken,
                    new ReleaseBuilder.Options(VersionMode.STABLE, null, out, null, null, true, vendoring)));
        }
        assertEquals(before, digests(first, out));
        assertEquals(List.of("docker-scs-1-31-v1", "docker-scs-1-32-v1"), listAll(out), "no hidden leftovers");
        assertFalse(Files.exists(AtomicDirectory.stagingFolder(out)), "no staging folder left next to the output folder");
    }

    @Test
    void hashesOfTheTreeInMemoryEqualThoseOfTheWrittenFolder(@TempDir Path tmp) throws IOException {
        ClusterStack staged = docker();
        ClusterStack legacyWithImages = mapContent(staged, c -> new StackContent(c.description(), c.clusterClass(),
                c.templates(), c.addons(), AddonLayout.LEGACY, null, Map.of("images", List.of("node-1"))));
        int n = 0;
        for (ClusterStack stack : List.of(staged, legacyWithImages)) {
            for (KubernetesRelease r : stack.releases()) {
                Map<String, String> tree = StackFolder.files(stack, r, "v0", "v0");
                Path dir = tmp.resolve("tree" + n++);
                for (Map.Entry<String, String> f : tree.entrySet()) {
                    Files.createDirectories(dir.resolve(f.getKey()).getParent());
                    Files.writeString(dir.resolve(f.getKey()), f.getValue());
                }
                ReleaseHashes onDisk = ReleaseBuilder.hashes(dir, r.content());
                assertEquals(onDisk, ReleaseBuilder.hashes(tree, r.content()));
                assertNotEquals("", onDisk.clusterAddonDir());
            }
        }
        assertEquals(4, n);
    }

    // --- helpers

    static String versions(ReleaseBuilder.ReleaseOutput r) {
        return r.versions().clusterStack() + "/" + r.versions().clusterAddon() + "/" + r.versions().nodeImage();
    }

    static ClusterStack mapContent(ClusterStack stack, java.util.function.UnaryOperator<StackContent> f) {
        List<KubernetesRelease> releases = new ArrayList<>();
        for (KubernetesRelease r : stack.releases()) {
            releases.add(new KubernetesRelease(r.kubernetesVersion(), r.nodeImage(), r.values(), f.apply(r.content())));
        }
        return new ClusterStack(stack.provider(), stack.name(), releases);
    }

    static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    static List<String> listAll(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static Map<String, String> digests(List<ReleaseBuilder.ReleaseOutput> releases, Path out) {
        Map<String, String> d = new TreeMap<>();
        try {
            for (ReleaseBuilder.ReleaseOutput r : releases) {
                for (String f : r.files()) {
                    byte[] bytes = Files.readAllBytes(r.folder().resolve(f));
                    d.put(r.folderName() + "/" + f, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return d;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
