package dev.clusterstack.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clusterstack.core.problem.StackException;
import dev.clusterstack.core.publish.Credentials;
import dev.clusterstack.core.publish.OciPublisher;
import dev.clusterstack.core.testsupport.LoopbackPushRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner without a front end: settings checked and named through the front end's wording, core
 * called, up-to-date state kept. {@link #WORDING} words settings as a front end would, with a full and a
 * brief form, so that the tests show which form each message uses.
 */
class ClusterStackRunnerTest {

    static final String STACK = """
            provider: docker
            name: scs
            kubernetesVersions:
              - version: 1.31.9
              - version: 1.32.5
            clusterClass:
              infrastructure:
                ref: cluster
              controlPlane:
                ref: control-plane
              variables:
                - name: imageRepository
                  required: false
                  schema:
                    openAPIV3Schema:
                      type: string
                      default: ""
                      description: Registry for the control plane images.
            templates:
              - name: cluster
                kind: DockerClusterTemplate
              - name: control-plane
                kind: KubeadmControlPlaneTemplate
                spec:
                  template:
                    spec:
                      kubeadmConfigSpec:
                        files:
                          - path: /etc/motd
                            source: files/motd.txt.ftl
            addons:
              - name: cni
                chart:
                  name: cilium
                  version: 1.16.6
                  repository: https://helm.cilium.io/
            """;

    static final Wording WORDING = new Wording() {
        @Override
        public String setting(Setting setting) {
            return "<" + setting.id() + "> (cs." + setting.id() + ")";
        }

        @Override
        public String brief(Setting setting) {
            return "<" + setting.id() + ">";
        }

        @Override
        public String step(String goal) {
            return "cs:" + goal;
        }
    };

    @TempDir
    Path project;
    final RecordingLog log = new RecordingLog();
    final List<String> logged = log.lines;

    @BeforeEach
    void writeStack() throws IOException {
        Path dir = Files.createDirectories(project.resolve("src/main/clusterstack/files"));
        Files.writeString(dir.resolveSibling("stack.yaml"), STACK);
        Files.writeString(dir.resolve("motd.txt.ftl"), "Kubernetes [=kubernetes.version]\n");
    }

    StackBuildSettings.Builder settings() {
        return StackBuildSettings.builder(project).outputTimestamp("2026-01-01T00:00:00Z").toolFingerprint("test");
    }

    ClusterStackRunner runner(StackBuildSettings.Builder settings) {
        return new ClusterStackRunner(settings.build(), log, WORDING);
    }

    static Map<Path, FileTime> mtimes(Path root) throws IOException {
        Map<Path, FileTime> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(p, Files.getLastModifiedTime(p));
            }
        }
        return out;
    }

    @Test
    void aWarningOfTheDefinitionIsLoggedOncePerBuildAtItsField() throws IOException {
        Path stack = project.resolve("src/main/clusterstack/stack.yaml");
        Files.writeString(stack, STACK + "addonValuesFile: files/values.yaml\n");
        Files.writeString(project.resolve("src/main/clusterstack/files/values.yaml"), "values: |\n  a: 1\n");
        Map<String, Object> pluginContext = new java.util.HashMap<>();
        runner(settings()).sharing(pluginContext).generate();
        runner(settings()).sharing(pluginContext).generate();
        long lines = Files.readAllLines(stack).size();
        assertEquals(List.of("WARN src/main/clusterstack/stack.yaml:" + lines + ":1: warning: addonValuesFile: only the legacy"
                        + " addon layout uses addonValuesFile; the staged layout ignores it"),
                logged.stream().filter(l -> l.startsWith("WARN")).toList());
    }

    // ---------------------------------------------------------------- parameters

    @Test
    void unknownVersionModeNamesElementAndProperty() {
        SettingException e = assertThrows(SettingException.class,
                () -> runner(settings().versionMode("foo")).packageReleases(null));
        assertEquals("<versionMode> (cs.versionMode): 'foo' is not one of custom, hash, stable", e.getMessage());
    }

    @Test
    void customModeNamesTheMissingOrInvalidVersion() {
        SettingException missing = assertThrows(SettingException.class, () -> runner(settings().versionMode("custom")
                .clusterStackVersion("v3").clusterAddonVersion("v2")).packageReleases(null));
        assertEquals("<nodeImageVersion> (cs.nodeImageVersion): is required when <versionMode>"
                + " (cs.versionMode) is custom", missing.getMessage());
        SettingException invalid = assertThrows(SettingException.class, () -> runner(settings().versionMode("custom")
                .clusterStackVersion("3").clusterAddonVersion("v2").nodeImageVersion("v1")).generate());
        assertTrue(invalid.getMessage().startsWith("<clusterStackVersion> (cs.clusterStackVersion): '3' is not a version"),
                invalid.getMessage());
    }

    @Test
    void aMissingCaCertificatesFileNamesTheSetting() {
        SettingException e = assertThrows(SettingException.class, () -> runner(settings().vendorDependencies(true)
                .caCertificates(Path.of("certs/company-ca.pem"))).packageReleases(null));
        assertEquals("<caCertificates> (cs.caCertificates): there is no file "
                + project.resolve("certs/company-ca.pem") + " (a PEM file of CA certificates)", e.getMessage());
    }

    @Test
    void customVersionsOutsideCustomModeAreIgnoredWithAWarning() {
        runner(settings().clusterStackVersion("v3")).generate();
        assertTrue(logged.contains("WARN <clusterStackVersion> (cs.clusterStackVersion) is ignored: it only"
                + " applies when <versionMode> is custom"), logged::toString);
    }

    @Test
    void missingDefaultDefinitionSaysWhereToPutOne() throws IOException {
        Files.delete(project.resolve("src/main/clusterstack/stack.yaml"));
        SettingException e = assertThrows(SettingException.class, () -> runner(settings()).generate());
        assertEquals("<definitions> (cs.definitions): there is no stack definition src/main/clusterstack/stack.yaml"
                + " (the default): write one there or list the files in <definitions>", e.getMessage());
    }

    @Test
    void aDefinitionFolderThatIsALoopOfLinksIsNamedALoop() throws IOException {
        Path folder = project.resolve("src/main/clusterstack");
        Files.move(folder, project.resolve("src/main/elsewhere"));
        Files.createSymbolicLink(folder, Path.of("clusterstack"));
        SettingException e = assertThrows(SettingException.class, () -> runner(settings()).generate());
        assertEquals("<definitions> (cs.definitions): stack definition src/main/clusterstack/stack.yaml cannot"
                + " be reached: the symbolic link src/main/clusterstack leads into a loop of links", e.getMessage());
    }

    @Test
    void definitionProblemsCarryFileLineAndColumnAndNothingIsWritten() throws IOException {
        Files.writeString(project.resolve("src/main/clusterstack/stack.yaml"), STACK.replace("    ref: cluster", "    ref: [cluster]"));
        StackException e = assertThrows(StackException.class, () -> runner(settings()).packageReleases(null));
        assertTrue(e.getMessage().contains("src/main/clusterstack/stack.yaml:8:10: error: clusterClass.infrastructure.ref:"),
                e.getMessage());
        assertFalse(Files.exists(project.resolve("target/cluster-stacks")));
    }

    @Test
    void twoDefinitionsOfTheSameReleaseAreRefused() throws IOException {
        Path other = project.resolve("other.yaml");
        Files.writeString(other, STACK.replace("  - version: 1.31.9\n", "").replace("source: files/motd.txt.ftl", "content: hi"));
        SettingException e = assertThrows(SettingException.class, () -> runner(settings()
                .definition(Path.of("src/main/clusterstack/stack.yaml")).definition(Path.of("other.yaml"))).generate());
        assertEquals("<definitions> (cs.definitions): src/main/clusterstack/stack.yaml and other.yaml both define"
                + " the release docker-scs-1-32 (Kubernetes 1.32); each provider, name and Kubernetes minor must come from"
                + " one definition", e.getMessage());
    }

    // ---------------------------------------------------------------- package

    @Test
    void aV1beta2ReleaseLogsTheRewritesOfItsPatches() throws IOException {
        String patch = """
                  patches:
                    - name: audit
                      definitions:
                        - selector:
                            apiVersion: controlplane.cluster.x-k8s.io/v1beta1
                            kind: KubeadmControlPlaneTemplate
                            matchResources: {controlPlane: true}
                          jsonPatches:
                            - {op: add, path: /spec/template/spec/kubeadmConfigSpec/clusterConfiguration/apiServer/extraArgs/audit-log-maxage, value: "30"}
                """;
        Files.writeString(project.resolve("src/main/clusterstack/stack.yaml"), STACK
                .replace("kubernetesVersions:\n  - version: 1.31.9\n", "kubernetesVersions:\n  - version: 1.31.9\n    clusterApi: v1beta2\n")
                .replace("templates:\n", patch + "templates:\n"));
        runner(settings()).packageReleases(null);
        String k = "/spec/template/spec/kubeadmConfigSpec/clusterConfiguration/apiServer";
        assertEquals(List.of("INFO Built release docker-scs-1-31-v1",
                "INFO   patch 'audit' definition 0 op 0: add " + k + "/extraArgs/audit-log-maxage rewritten to append"
                        + " {name: audit-log-maxage, value} to " + k + "/extraArgs/- (v1beta2)",
                "INFO   patch 'audit-v1beta2-parents' inserted before patch 'audit': add"
                        + " /spec/template/spec/kubeadmConfigSpec/clusterConfiguration {apiServer: {extraArgs: []}} to template"
                        + " 'control-plane': it adds into it, and v1beta2 templates carry no empty object or list",
                "INFO Built release docker-scs-1-32-v1"),
                logged.stream().filter(l -> l.startsWith("INFO Built release") || l.startsWith("INFO   "))
                        .map(l -> l.startsWith("INFO Built release") ? l.substring(0, l.indexOf(" (")) : l).toList());
    }

    @Test
    void packageBuildsOneReleaseFolderPerMinorWithItsFiles() {
        ClusterStackRunner.PackageResult result = runner(settings()).packageReleases(null);

        assertFalse(result.upToDate());
        assertEquals(List.of("docker-scs-1-31-v1", "docker-scs-1-32-v1"),
                result.releases().stream().map(ClusterStackRunner.BuiltRelease::folderName).toList());
        List<String> files = result.releases().get(1).files().stream().map(f -> f.getFileName().toString()).toList();
        assertEquals(List.of("clusteraddon.yaml", "docker-scs-1-32-cluster-addon-v1.tgz", "docker-scs-1-32-cluster-class-v1.tgz",
                "hashes.json", "metadata.yaml"), files);
        assertEquals("docker-scs-1-32", result.releases().get(1).releaseName());
        result.releases().forEach(r -> r.files().forEach(f -> assertTrue(Files.isRegularFile(f), f.toString())));
    }

    @Test
    void unchangedRebuildWritesNothingAndReturnsTheSameReleases() throws IOException {
        ClusterStackRunner.PackageResult first = runner(settings()).packageReleases(null);
        Map<Path, FileTime> before = mtimes(project.resolve("target"));
        logged.clear();

        ClusterStackRunner.PackageResult second = runner(settings()).packageReleases(null);

        assertTrue(second.upToDate());
        assertEquals(first.releases(), second.releases());
        assertEquals(before, mtimes(project.resolve("target")));
        assertEquals(List.of("INFO Cluster stack releases are up to date (2 releases), nothing written"), logged);
    }

    @Test
    void aChangedInputFileAParameterOrADamagedOutputRebuilds() throws IOException {
        runner(settings()).packageReleases(null);

        Files.writeString(project.resolve("src/main/clusterstack/files/motd.txt.ftl"), "changed\n");
        ClusterStackRunner.PackageResult changedFile = runner(settings()).packageReleases(null);
        assertFalse(changedFile.upToDate());
        assertEquals("docker-scs-1-32-v2", changedFile.releases().get(1).folderName());

        assertFalse(runner(settings().outputTimestamp("1767312000")).packageReleases(null).upToDate());

        ClusterStackRunner.PackageResult same = runner(settings().outputTimestamp("1767312000")).packageReleases(null);
        assertTrue(same.upToDate());
        Files.writeString(same.releases().get(0).files().get(0), "damaged");
        assertFalse(runner(settings().outputTimestamp("1767312000")).packageReleases(null).upToDate());
    }

    @Test
    void stableRebuildOfTheSameContentKeepsTheVersions() {
        runner(settings()).packageReleases(null);
        ClusterStackRunner.PackageResult again = runner(settings().outputTimestamp("1767312000")).packageReleases(null);
        assertEquals("docker-scs-1-32-v1", again.releases().get(1).folderName());
        assertTrue(logged.stream().anyMatch(l -> l.endsWith("nodeImage v1, content unchanged: versions kept)")), logged::toString);
    }

    @Test
    void bundleHoldsEveryReleaseAndIsReproducible(@TempDir Path other) throws IOException {
        Path bundle = project.resolve("target/stack-1.0.tgz");
        runner(settings()).packageReleases(bundle);
        Path otherBundle = other.resolve("target/stack-1.0.tgz");
        Files.createDirectories(other.resolve("src/main/clusterstack/files"));
        Files.copy(project.resolve("src/main/clusterstack/stack.yaml"), other.resolve("src/main/clusterstack/stack.yaml"));
        Files.copy(project.resolve("src/main/clusterstack/files/motd.txt.ftl"), other.resolve("src/main/clusterstack/files/motd.txt.ftl"));

        new ClusterStackRunner(StackBuildSettings.builder(other).outputTimestamp("2026-01-01T00:00:00Z").build(), log, WORDING)
                .packageReleases(otherBundle);

        assertTrue(Files.size(bundle) > 0);
        assertArrayEquals(Files.readAllBytes(bundle), Files.readAllBytes(otherBundle));
        assertFalse(Files.exists(project.resolve("target/clusterstack/bundle")), "staging folder left behind");
    }

    // ---------------------------------------------------------------- generate, docs, verify

    @Test
    void generateWritesOnlyChangesAndPrunesStaleFiles() throws IOException {
        ClusterStackRunner.WriteResult first = runner(settings()).generate();
        Path charts = project.resolve("target/cluster-stacks-charts");
        assertTrue(Files.isRegularFile(charts.resolve("docker-scs-1-32/cluster-class/Chart.yaml")));
        assertTrue(Files.readString(charts.resolve("docker-scs-1-32/cluster-class/Chart.yaml")).contains("version: v0-dev"));
        assertTrue(Files.isRegularFile(charts.resolve("docker-scs-1-32/cluster-addon/cni/Chart.yaml")));
        assertTrue(Files.isRegularFile(charts.resolve("docker-scs-1-32/clusteraddon.yaml")));
        assertFalse(first.written().isEmpty());
        Files.writeString(charts.resolve("docker-scs-1-32/stale.yaml"), "old");

        ClusterStackRunner.WriteResult second = runner(settings()).generate();

        assertEquals(List.of(), second.written());
        assertFalse(Files.exists(charts.resolve("docker-scs-1-32/stale.yaml")));
        assertTrue(logged.contains("INFO Cluster stack charts are up to date (2 releases), nothing written"));
    }

    @Test
    void docsListVariablesPerKubernetesVersion() throws IOException {
        runner(settings()).docs();
        String md = Files.readString(project.resolve("target/cluster-stack-docs/docker-scs.md"));
        assertTrue(md.startsWith("# Cluster stack `docker` `scs`: variables\n"), md);
        assertTrue(md.contains("## Kubernetes 1.31.9 (`docker-scs-1-31`)\n\n### Variables\n"), md);
        assertTrue(md.contains("| `imageRepository` | string | `\"\"` | no | Registry for the control plane images. |"), md);
    }

    @Test
    void verifyWithoutPackageWarnsAndChecksNothing() {
        ClusterStackRunner.VerifyResult result = runner(settings()).verify();
        assertEquals(0, result.releases());
        assertEquals(List.of("WARN No cluster stack releases of this build to verify: cs:package has not run"
                + " for this project"), logged);
    }

    @Test
    void verifyNamesAMissingCrdFolder() {
        runner(settings()).packageReleases(null);
        SettingException e = assertThrows(SettingException.class,
                () -> runner(settings().crds(List.of(Path.of("crds")))).verify());
        assertEquals("<crds> (cs.crds): there is no CRD file or folder crds", e.getMessage());
    }

    @Test
    void aRegistryBaselineWithABadAddressOrOfflineWithoutCacheNamesTheProblem() {
        SettingException bad = assertThrows(SettingException.class,
                () -> runner(settings().baseline("oci://registry.example.com/Upper")).packageReleases(null));
        assertTrue(bad.getMessage().startsWith("<baseline> (cs.baseline): 'oci://registry.example.com/Upper' is"
                + " not an OCI repository address like oci://host[:port]/path: the repository path must be lower case"),
                bad.getMessage());
        StackBuildException offline = assertThrows(StackBuildException.class,
                () -> runner(settings().baseline("oci://127.0.0.1:1/stacks").offline(true)).packageReleases(null));
        assertTrue(offline.getMessage().startsWith("offline and no cached baseline for oci://127.0.0.1:1/stacks; run once"
                + " online (the cache is "), offline.getMessage());
        // a registry baseline is only read in stable mode
        assertEquals(2, runner(settings().baseline("oci://127.0.0.1:1/stacks").versionMode("hash")).packageReleases(null)
                .releases().size());
    }

    // ---------------------------------------------------------------- publish

    @Test
    void publishWithoutRepositoryNamesTheSetting() {
        SettingException e = assertThrows(SettingException.class, () -> runner(settings()).publish());
        assertEquals("<repository> (cs.repository): no OCI repository to publish to: set it to"
                + " oci://host[:port]/path", e.getMessage());
        SettingException bad = assertThrows(SettingException.class,
                () -> runner(settings().publishRepository("https://example.com/x")).publish());
        assertEquals("<repository> (cs.repository): 'https://example.com/x' is not an OCI repository"
                + " address like oci://host[:port]/path", bad.getMessage());
    }

    @Test
    void publishPushesEveryReleaseOfThePackageRunAndRefusesToOverwrite() {
        runner(settings()).packageReleases(null);
        try (LoopbackPushRegistry registry = LoopbackPushRegistry.start(LoopbackPushRegistry.Auth.BEARER, "ci", "pw")) {
            StackBuildSettings.Builder publish = settings().publishRepository("oci://" + registry.hostPort() + "/stacks")
                    .publishCredentials(new Credentials("ci", "pw")).plainHttp(true);

            ClusterStackRunner.PublishResult result = runner(publish).publish();

            assertEquals(List.of("docker-scs-1-31-v1", "docker-scs-1-32-v1"),
                    result.published().stream().map(OciPublisher.Result::tag).toList());
            assertEquals(List.of("docker-scs-1-31-v1", "docker-scs-1-32-v1"), List.copyOf(registry.tags("stacks").keySet()));
            assertTrue(logged.contains("INFO Published release docker-scs-1-32-v1 as " + registry.hostPort()
                    + "/stacks:docker-scs-1-32-v1 (" + result.published().get(1).digest() + ")"), logged.toString());

            List<String> before = registry.snapshot();
            StackBuildException e = assertThrows(StackBuildException.class, () -> runner(publish).publish());
            assertTrue(e.getMessage().startsWith("Publishing failed: release folder "), e.getMessage());
            assertTrue(e.getMessage().contains("tag docker-scs-1-31-v1 exists already in registry http://"
                    + registry.hostPort() + " (repository stacks)"), e.getMessage());
            assertEquals(before, registry.snapshot());
        }
    }

    @Test
    void publishWithoutPackageWarnsAndPushesNothing() {
        ClusterStackRunner.PublishResult result = runner(settings().publishRepository("oci://127.0.0.1:1/x")).publish();
        assertEquals(List.of(), result.published());
        assertEquals(List.of("WARN No cluster stack releases of this build to publish: cs:package has not run"
                + " for this project"), logged);
    }

    @Test
    void offlineVendoringWithoutChartCacheIsRefusedBeforeAnythingIsWritten() {
        SettingException e = assertThrows(SettingException.class,
                () -> runner(settings().vendorDependencies(true).offline(true)).packageReleases(null));
        assertTrue(e.getMessage().startsWith("<chartCache> (cs.chartCache): offline (<offline>) with <vendorDependencies>"),
                e.getMessage());
        assertFalse(Files.exists(project.resolve("target/cluster-stacks")));
    }
}
