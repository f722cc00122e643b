package dev.clusterstack.build;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Upgrade safety in the build: {@code verify} compares each release of the build with its predecessors in the output
 * folder (real release folders, real Helm), names the test cluster a finding concerns, writes the notes beside the
 * release folders; and {@code compat} compares any two release folders or cluster-class charts.
 */
class CompatStepTest {
    /** A cluster of the 1.32 releases that sets imageRepository (line 12). */
    static final String TEST_CLUSTER = """
            apiVersion: cluster.x-k8s.io/v1beta1
            kind: Cluster
            metadata:
              name: mirror
              namespace: cluster
            spec:
              topology:
                class: docker-scs-1-32
                controlPlane:
                  replicas: 1
                variables:
                  - name: imageRepository
                    value: registry.example.com
            """;
    static final String VARIABLE = """
              variables:
                - name: imageRepository
                  required: false
                  schema:
                    openAPIV3Schema:
                      type: string
                      default: ""
                      description: Registry for the control plane images.
            """;
    static final String REMOVED = "[clusterstack rule variable-removed (this project's, not Cluster API's): a variable or"
            + " property a cluster may set is gone: Cluster API refuses the cluster's value as not defined]";

    @TempDir
    Path project;
    final RecordingLog log = new RecordingLog();
    final List<String> logged = log.lines;

    @BeforeEach
    void writeStack() throws IOException {
        Path dir = Files.createDirectories(project.resolve("src/main/clusterstack/files"));
        Files.writeString(dir.resolveSibling("stack.yaml"), ClusterStackRunnerTest.STACK);
        Files.writeString(dir.resolve("motd.txt.ftl"), "Kubernetes [=kubernetes.version]\n");
        Path clusters = Files.createDirectories(project.resolve("src/test/clusterstack/clusters"));
        Files.writeString(clusters.resolve("mirror.yaml"), TEST_CLUSTER);
    }

    StackBuildSettings.Builder settings() {
        return StackBuildSettings.builder(project).outputTimestamp("2026-01-01T00:00:00Z").toolFingerprint("test");
    }

    ClusterStackRunner runner(StackBuildSettings.Builder settings) {
        return new ClusterStackRunner(settings.build(), log, ClusterStackRunnerTest.WORDING);
    }

    void define(String stack) throws IOException {
        assertTrue(ClusterStackRunnerTest.STACK.contains(VARIABLE));
        Files.writeString(project.resolve("src/main/clusterstack/stack.yaml"), stack);
    }

    Path notes(String release) {
        return project.resolve("target/cluster-stacks-notes/" + release + ".md");
    }

    /** Every file under the output folder, with its size: nothing may be added to a release folder. */
    List<String> outputFiles() throws IOException {
        List<String> out = new ArrayList<>();
        Path root = project.resolve("target/cluster-stacks");
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                out.add(root.relativize(p) + " " + Files.size(p));
            }
        }
        return out;
    }

    @Test
    void aRemovedVariableThatATestClusterSetsFailsVerifyNamingTheVariableTheRuleAndTheCluster() throws IOException {
        runner(settings()).packageReleases(null);
        runner(settings()).verify();
        assertTrue(logged.contains("INFO Release docker-scs-1-31-v1: no earlier release in target/cluster-stacks to"
                + " upgrade from, nothing to check"), logged::toString);
        assertEquals("# docker-scs-1-31-v1\n\nKubernetes v1.31.9.\n\nFirst release: no earlier release to upgrade from.\n",
                Files.readString(notes("docker-scs-1-31-v1")));
        // the latest release of the previous minor, built by the same build
        assertTrue(logged.contains("INFO Compared release docker-scs-1-32-v1 with docker-scs-1-31-v1: clusters can upgrade"
                + " (0 warnings); notes in target/cluster-stacks-notes/docker-scs-1-32-v1.md"), logged::toString);

        define(ClusterStackRunnerTest.STACK.replace(VARIABLE, ""));
        runner(settings()).packageReleases(null);
        List<String> before = outputFiles();
        StackBuildException e = assertThrows(StackBuildException.class, () -> runner(settings()).verify());

        assertEquals("Upgrade compatibility check failed: 2 errors (clusters on an earlier release could not upgrade):\n"
                + "  docker-scs-1-31-v2: error: upgrade from docker-scs-1-31-v1: imageRepository: variable imageRepository"
                + " is removed; clusters that set it fail with \"variable is not defined\" " + REMOVED + "\n"
                + "  docker-scs-1-32-v2: error: upgrade from docker-scs-1-32-v1: imageRepository: variable imageRepository"
                + " is removed; clusters that set it fail with \"variable is not defined\" " + REMOVED
                + "; set by the test cluster src/test/clusterstack/clusters/mirror.yaml:12", e.getMessage());
        assertEquals(before, outputFiles(), "nothing is written into the output folder");
        String md = Files.readString(notes("docker-scs-1-32-v2"));
        assertTrue(md.contains("## Upgrade from docker-scs-1-32-v1\n"), md);
        assertTrue(md.contains("## Upgrade from docker-scs-1-31-v2\n"), md);
        assertTrue(md.contains("- removed: imageRepository\n"), md);
        assertFalse(Files.exists(project.resolve("target/clusterstack/verify.state")), "a failed check is not up to date");
    }

    @Test
    void aFolderBaselineHoldsThePredecessors() throws IOException {
        runner(settings()).packageReleases(null);
        Path published = Files.move(project.resolve("target/cluster-stacks"), project.resolve("published"));
        define(ClusterStackRunnerTest.STACK.replace(VARIABLE, ""));
        runner(settings().baseline("published")).packageReleases(null);
        assertEquals(List.of("docker-scs-1-31-v2", "docker-scs-1-32-v2"),
                outputFiles().stream().map(f -> f.substring(0, f.indexOf('/'))).distinct().toList());
        StackBuildException e = assertThrows(StackBuildException.class,
                () -> runner(settings().baseline("published")).verify());
        assertTrue(e.getMessage().contains("\n  docker-scs-1-32-v2: error: upgrade from docker-scs-1-32-v1: imageRepository:"),
                e.getMessage());
        assertTrue(Files.isRegularFile(published.resolve("docker-scs-1-32-v1/metadata.yaml")));
    }

    @Test
    void anAllowanceWithAReasonLetsTheRemovalPassAndIsLogged() throws IOException {
        runner(settings()).packageReleases(null);
        define(ClusterStackRunnerTest.STACK.replace(VARIABLE, """
                compatibility:
                  allow:
                    - rule: variable-removed
                      variable: imageRepository
                      reason: the registry moved into the node image
                """));
        runner(settings()).packageReleases(null);
        ClusterStackRunner.VerifyResult result = runner(settings()).verify();
        // the allowance lets verify pass, but the preview warns that the test cluster setting it could not upgrade
        assertEquals(1, result.warnings());
        assertTrue(logged.stream().anyMatch(l -> l.startsWith("WARN docker-scs-1-32-v2: upgrade from docker-scs-1-32-v1:"
                + " cluster `src/test/clusterstack/clusters/mirror.yaml`: its variables do not validate under"
                + " docker-scs-1-32-v2, Cluster API refuses the upgrade (")), logged::toString);
        assertTrue(logged.contains("INFO docker-scs-1-32-v2: allowed: upgrade from docker-scs-1-32-v1: imageRepository:"
                + " variable imageRepository is removed; clusters that set it fail with \"variable is not defined\" "
                + REMOVED + " (allowed: the registry moved into the node image)"), logged::toString);
    }

    @Test
    void anAddedVariableWithADefaultPassesAndTheNotesListIt() throws IOException {
        runner(settings()).packageReleases(null);
        define(ClusterStackRunnerTest.STACK.replace(VARIABLE, VARIABLE + """
                    - name: debug
                      required: false
                      schema:
                        openAPIV3Schema:
                          type: boolean
                          default: false
                          description: Debug output.
                """));
        runner(settings()).packageReleases(null);
        runner(settings()).verify();
        assertTrue(logged.contains("INFO Compared release docker-scs-1-32-v2 with docker-scs-1-32-v1 and docker-scs-1-31-v2:"
                + " clusters can upgrade (0 warnings); notes in target/cluster-stacks-notes/docker-scs-1-32-v2.md"),
                logged::toString);
        String md = Files.readString(notes("docker-scs-1-32-v2"));
        assertTrue(md.contains("### Variables\n\n- added: debug (optional, default false)\n"), md);
    }

    @Test
    void aChangedControlPlaneFileRollsOutTheControlPlaneMachinesOfEveryTestCluster() throws IOException {
        runner(settings()).packageReleases(null);
        Files.writeString(project.resolve("src/main/clusterstack/files/motd.txt.ftl"), "Kubernetes [=kubernetes.version]!\n");
        runner(settings()).packageReleases(null);
        ClusterStackRunner.VerifyResult result = runner(settings()).verify();
        assertEquals(0, result.warnings());
        List<String> previews = logged.stream().filter(l -> l.contains(": upgrade from ") && l.contains("cluster `")).toList();
        // mirror names the 1.32 releases: previewed from 1-32-v1, not from 1-31-v2 (the previous minor's latest)
        assertEquals(1, previews.size(), previews::toString);
        assertTrue(previews.get(0).startsWith("INFO docker-scs-1-32-v2: upgrade from docker-scs-1-32-v1: cluster"
                + " `src/test/clusterstack/clusters/mirror.yaml`: control plane machines roll out ("), previews.get(0));
        assertTrue(previews.get(0).contains("/spec/kubeadmConfigSpec/files/0/content"), previews.get(0));
        String md = Files.readString(notes("docker-scs-1-32-v2"));
        assertTrue(md.contains("### Upgrade preview"), md);
        assertTrue(md.contains("src/test/clusterstack/clusters/mirror.yaml"), md);
        assertFalse(md.contains(project.toString()), "no machine-dependent path in the notes");
    }

    @Test
    void anUnchangedRebuildKeepsItsVersionAndIsNotComparedWithItself() throws IOException {
        runner(settings()).packageReleases(null);
        runner(settings()).verify();
        logged.clear();
        // another archive time: not up to date, the same content keeps v1, which is already in the output folder
        runner(settings().outputTimestamp("2026-02-01T00:00:00Z")).packageReleases(null);
        runner(settings().outputTimestamp("2026-02-01T00:00:00Z")).verify();
        assertTrue(logged.contains("INFO Release docker-scs-1-31-v1: no earlier release in target/cluster-stacks to"
                + " upgrade from, nothing to check"), logged::toString);
        assertEquals(List.of("INFO Compared release docker-scs-1-32-v1 with docker-scs-1-31-v1: clusters can upgrade"
                + " (0 warnings); notes in target/cluster-stacks-notes/docker-scs-1-32-v1.md"),
                logged.stream().filter(l -> l.contains("Compared release")).toList());
    }

    @Test
    void theCheckIsSkippedBySetting() throws IOException {
        runner(settings()).packageReleases(null);
        runner(settings().compatSkip(true)).verify();
        assertTrue(logged.contains("INFO Skipping the upgrade compatibility check (<skipCompat> (cs.skipCompat))"),
                logged::toString);
        assertFalse(Files.exists(project.resolve("target/cluster-stacks-notes")));
    }

    @Test
    void aRemovedMachineDeploymentClassIsClusterApisErrorAndNamesTheClusterUsingIt() throws IOException {
        Path definitions = project.resolve("src/main/clusterstack");
        try (Stream<Path> files = Files.walk(PlanStepTest.DOCKER)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = definitions.resolve(PlanStepTest.DOCKER.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(project.resolve("src/test/clusterstack/clusters/mirror.yaml"), PlanStepTest.TEST_CLUSTER);
        runner(settings()).packageReleases(null);
        String stack = Files.readString(definitions.resolve("stack.yaml"));
        Files.writeString(definitions.resolve("stack.yaml"), stack.replace("class: default-worker", "class: general-worker")
                .replace("names: [default-worker]", "names: [general-worker]"));
        runner(settings()).packageReleases(null);
        StackBuildException e = assertThrows(StackBuildException.class, () -> runner(settings()).verify());
        assertTrue(e.getMessage().endsWith("\n  docker-scs-1-32-v2: error: upgrade from docker-scs-1-32-v1:"
                + " spec.workers.machineDeployments: class default-worker is removed: clusters with a machine deployment of"
                + " this class cannot upgrade [Cluster API: a Cluster's machine deployment class must exist in its"
                + " ClusterClass (internal/topology/check/compatibility.go"
                + " MachineDeploymentTopologiesAreValidAndDefinedInClusterClass; core/webhooks/admission/clusterclass.go"
                + " validateRemovedMachineDeploymentClassesAreNotUsed)]; used by the test cluster"
                + " src/test/clusterstack/clusters/mirror.yaml:13"), e.getMessage());
    }

    @Test
    void compatComparesAnyTwoReleaseFoldersOrCharts() throws IOException {
        runner(settings()).generate();
        runner(settings()).packageReleases(null);
        Path older = project.resolve("old");
        Path v1 = project.resolve("target/cluster-stacks/docker-scs-1-32-v1");
        Files.createDirectories(older);
        try (Stream<Path> s = Files.list(v1)) {
            Path copy = Files.createDirectories(older.resolve(v1.getFileName()));
            for (Path f : s.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        define(ClusterStackRunnerTest.STACK.replace(VARIABLE, ""));
        runner(settings()).packageReleases(null);
        Path v2 = project.resolve("target/cluster-stacks/docker-scs-1-32-v2");

        StackBuildException folders = assertThrows(StackBuildException.class, () -> runner(settings()
                .compatOlder(older.resolve("docker-scs-1-32-v1")).compatNewer(v2)).compat());
        assertTrue(folders.getMessage().endsWith("\n  docker-scs-1-32-v2: error: upgrade from docker-scs-1-32-v1:"
                + " imageRepository: variable imageRepository is removed; clusters that set it fail with \"variable is not"
                + " defined\" " + REMOVED + "; set by the test cluster src/test/clusterstack/clusters/mirror.yaml:12"),
                folders.getMessage());

        // the chart generate wrote (as a hand-written chart would be): its label is its chart version
        Path chart = project.resolve("target/cluster-stacks-charts/docker-scs-1-32/cluster-class");
        StackBuildException charts = assertThrows(StackBuildException.class,
                () -> runner(settings().compatOlder(chart).compatNewer(v2)).compat());
        assertTrue(charts.getMessage().contains("docker-scs-1-32-v2: error: upgrade from docker-scs-1-32-v0-dev:"
                + " imageRepository: variable imageRepository is removed"), charts.getMessage());

        // no finding between a release and itself; the preview warns that mirror sets a variable v2 does not have
        ClusterStackRunner.CompatResult same = runner(settings().compatOlder(v2).compatNewer(v2)).compat();
        assertEquals(new ClusterStackRunner.CompatResult(1, 1, 1), same);

        SettingException missing = assertThrows(SettingException.class,
                () -> runner(settings().compatOlder(chart)).compat());
        assertEquals("<newer> (cs.newer): is required with <older>: the two releases to compare", missing.getMessage());
        SettingException absent = assertThrows(SettingException.class,
                () -> runner(settings().compatOlder(project.resolve("nope")).compatNewer(v2)).compat());
        assertEquals("<older> (cs.older): there is no release folder or cluster-class chart nope", absent.getMessage());
    }
}
