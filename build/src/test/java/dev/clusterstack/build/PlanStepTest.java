package dev.clusterstack.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan step on the core tests' small Docker stack (two releases, a patch per variable, a worker patch) with one
 * more patch that no cluster enables, real Helm rendering the packaged cluster-class archives.
 */
class PlanStepTest {
    static final Path DOCKER = Path.of("../core/src/test/resources/stacks/docker");

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
                workers:
                  machineDeployments:
                    - class: default-worker
                      name: md-0
                      replicas: 1
                variables:
                  - name: imageRepository
                    value: registry.example.com
            """;

    @TempDir
    Path project;
    final RecordingLog log = new RecordingLog();
    final List<String> logged = log.lines;

    @BeforeEach
    void writeProject() throws IOException {
        Path definitions = Files.createDirectories(project.resolve("src/main/clusterstack"));
        try (Stream<Path> files = Files.walk(DOCKER)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = definitions.resolve(DOCKER.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
        String stack = Files.readString(definitions.resolve("stack.yaml"));
        stack = stack.replace("  patches:\n", """
                    - name: debug
                      required: false
                      schema:
                        openAPIV3Schema:
                          type: boolean
                          default: false
                  patches:
                    - name: debugFile
                      enabledIf: '{{ .debug }}'
                      definitions:
                        - selector:
                            apiVersion: bootstrap.cluster.x-k8s.io/v1beta1
                            kind: KubeadmConfigTemplate
                            matchResources:
                              machineDeploymentClass:
                                names: [default-worker]
                          jsonPatches:
                            - op: add
                              path: /spec/template/spec/files/-
                              valueFrom:
                                template: |
                                  path: /etc/debug
                                  content: "on"
                """);
        Files.writeString(definitions.resolve("stack.yaml"), stack);
        Path clusters = Files.createDirectories(project.resolve("src/test/clusterstack/clusters"));
        Files.writeString(clusters.resolve("mirror.yaml"), TEST_CLUSTER);
    }

    ClusterStackRunner runner() {
        return new ClusterStackRunner(StackBuildSettings.builder(project).outputTimestamp("2026-01-01T00:00:00Z")
                .toolFingerprint("test").build(), log, ClusterStackRunnerTest.WORDING);
    }

    @Test
    void testAndAutomaticClustersArePlannedPerReleaseAndUncoveredPatchesAreWarnings() throws IOException {
        runner().packageReleases(null);

        ClusterStackRunner.PlanResult result = runner().plan();

        assertEquals(2, result.releases());
        // 1.31: auto-defaults, auto-imageRepository; 1.32: the same and the test cluster (class docker-scs-1-32)
        assertEquals(5, result.clusters());
        // in the class's order: debugFile is the first patch, clusterNameFile needs a worker, which only "mirror" has
        assertEquals(List.of("docker-scs-1-31: debugFile", "docker-scs-1-31: clusterNameFile", "docker-scs-1-32: debugFile"),
                result.uncoveredPatches());
        Path plans = project.resolve("target/cluster-stack-plans");
        String controlPlane = Files.readString(plans.resolve("docker-scs-1-32/mirror/control-plane.yaml"));
        assertTrue(controlPlane.contains("imageRepository: registry.example.com"), controlPlane);
        String auto = Files.readString(plans.resolve("docker-scs-1-31/auto-imageRepository/control-plane.yaml"));
        assertTrue(auto.contains("imageRepository: registry.k8s.io"), auto);
        String defaults = Files.readString(plans.resolve("docker-scs-1-31/auto-defaults/control-plane.yaml"));
        assertFalse(defaults.contains("imageRepository"), defaults);
        assertTrue(Files.isRegularFile(plans.resolve("docker-scs-1-31/auto-defaults-cluster.yaml")));
        String summary = Files.readString(plans.resolve("plans.md"));
        assertTrue(summary.contains("| docker-scs-1-32 | mirror | "), summary);
        assertTrue(summary.contains("- docker-scs-1-32: warning: enabled by no planned cluster: `debugFile`\n"), summary);
        assertTrue(logged.contains("WARN Patch debugFile of docker-scs-1-32 is enabled by no planned cluster: no test cluster"
                + " covers it"), logged::toString);
    }

    @Test
    void anErrorOfAPlanFailsNamingReleaseClusterAndLine() throws IOException {
        Files.writeString(project.resolve("src/test/clusterstack/clusters/mirror.yaml"),
                TEST_CLUSTER.replace("name: imageRepository", "name: imageRepo"));
        runner().packageReleases(null);

        StackBuildException e = assertThrows(StackBuildException.class, () -> runner().plan());

        assertTrue(e.getMessage().startsWith("Cluster stack plan failed: "), e.getMessage());
        assertTrue(e.getMessage().contains("\n  docker-scs-1-32 / mirror: src/test/clusterstack/clusters/mirror.yaml:17:9:"
                + " error: spec.topology.variables[imageRepo]: Invalid value: \"\\\"registry.example.com\\\"\": variable is"
                + " not defined\n"), e.getMessage());
        assertTrue(Files.isRegularFile(project.resolve("target/cluster-stack-plans/docker-scs-1-32/mirror/plan.md")),
                "the plans are written for reading the errors");
    }

    @Test
    void aHandWrittenChartIsPlannedWithoutAProjectBuild() throws IOException {
        runner().generate();
        Path chart = project.resolve("target/cluster-stacks-charts/docker-scs-1-32/cluster-class");
        ClusterStackRunner handWritten = new ClusterStackRunner(StackBuildSettings.builder(project).planChart(chart)
                .toolFingerprint("test").build(), log, ClusterStackRunnerTest.WORDING);

        ClusterStackRunner.PlanResult result = handWritten.plan();

        assertEquals(1, result.releases());
        assertEquals(3, result.clusters(), "auto-defaults, auto-imageRepository, mirror");
        assertTrue(Files.isRegularFile(project.resolve("target/cluster-stack-plans/docker-scs-1-32/mirror/plan.md")));
    }

    @Test
    void aMissingChartNamesTheSetting() {
        SettingException e = assertThrows(SettingException.class, () -> new ClusterStackRunner(StackBuildSettings
                .builder(project).planChart(Path.of("nope")).build(), log, ClusterStackRunnerTest.WORDING).plan());
        assertEquals("<planChart> (cs.planChart): there is no cluster-class chart folder or .tgz nope", e.getMessage());
    }
}
