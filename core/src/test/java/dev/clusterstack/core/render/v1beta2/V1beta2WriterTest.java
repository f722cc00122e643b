package dev.clusterstack.core.render.v1beta2;

import dev.clusterstack.core.definition.StackDefinition;
import dev.clusterstack.core.model.ClusterApiVersion;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.KubernetesRelease;
import dev.clusterstack.core.model.base.Copies;
import dev.clusterstack.core.model.kubeadm.Arg;
import dev.clusterstack.core.model.kubeadm.ClusterConfiguration;
import dev.clusterstack.core.model.kubeadm.KubeadmConfigSpec;
import dev.clusterstack.core.model.kubeadm.KubeadmControlPlaneTemplate;
import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.problem.StackException;
import dev.clusterstack.core.release.ReleaseBuilder;
import dev.clusterstack.core.release.VersionMode;
import dev.clusterstack.core.render.ClusterClassChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The v1beta2 writer against objects written by hand from the mapping tables, and its located errors. */
class V1beta2WriterTest {
    static final Path SMALL = Path.of("src/test/resources/stacks/v1beta2");
    static final Path ERRORS = Path.of("src/test/resources/stacks/v1beta2-errors/stack.yaml");

    /** A chart template file (or an expected file) as YAML, Helm's escape of literal braces undone. */
    static Object parse(String text) {
        String plain = text.replace("{{ \"{{\" }}", "{{").replace("{{ .Release.Name }}-{{ .Chart.Version }}", "RELEASE")
                .replace("{{ .Release.Namespace }}", "NAMESPACE");
        return new Yaml(new LoaderOptions()).load(plain);
    }

    static KubernetesRelease release(ClusterStack stack, String minor) {
        return stack.releases().stream().filter(r -> r.kubernetesVersion().minorDot().equals(minor)).findFirst().orElseThrow();
    }

    @Test
    void theSmallStackIsWrittenAsTheHandWrittenV1beta2Objects() throws IOException {
        StackDefinition.Loaded loaded = StackDefinition.load(SMALL.resolve("stack.yaml"));
        assertEquals(List.of(), loaded.warnings());
        ClusterStack stack = loaded.stack();
        Map<String, String> chart = ClusterClassChart.render(stack, release(stack, "1.33"), "v1");
        for (String name : List.of("cluster-class.yaml", "kubeadmcontrolplanetemplate-control-plane.yaml",
                "kubeadmconfigtemplate-worker-bootstrap.yaml")) {
            String expected = Files.readString(SMALL.resolve("expected").resolve(name));
            assertEquals(parse(expected), parse(chart.get("templates/" + name)), name);
        }
    }

    @Test
    void aMixedStackWritesEachReleaseInItsOwnVersion(@TempDir Path tmp) throws IOException {
        ClusterStack stack = StackDefinition.load(SMALL.resolve("stack.yaml")).stack();
        assertEquals(ClusterApiVersion.V1BETA1, release(stack, "1.32").clusterApi(), "the version's own clusterApi");
        assertEquals(ClusterApiVersion.V1BETA2, release(stack, "1.33").clusterApi(), "the stack's clusterApi");

        Map<?, ?> old = (Map<?, ?>) parse(ClusterClassChart.render(stack, release(stack, "1.32"), "v1")
                .get("templates/cluster-class.yaml"));
        assertEquals("cluster.x-k8s.io/v1beta1", old.get("apiVersion"));
        Map<?, ?> controlPlane = (Map<?, ?>) ((Map<?, ?>) old.get("spec")).get("controlPlane");
        assertEquals("5m", controlPlane.get("nodeDrainTimeout"), "v1beta1 keeps the definition's fields");
        assertEquals("controlplane.cluster.x-k8s.io/v1beta1", ((Map<?, ?>) controlPlane.get("ref")).get("apiVersion"));

        List<ReleaseBuilder.ReleaseOutput> built = ReleaseBuilder.build(stack,
                new ReleaseBuilder.Options(VersionMode.STABLE, null, tmp, null, null, false, null));
        assertEquals(List.of("docker-scs-1-32-v1", "docker-scs-1-33-v1"), built.stream()
                .map(ReleaseBuilder.ReleaseOutput::folderName).toList());
        assertEquals(Files.readString(built.get(0).folder().resolve("metadata.yaml")).replace("1.32.5", "X"),
                Files.readString(built.get(1).folder().resolve("metadata.yaml")).replace("1.33.1", "X"),
                "the release contract is the same for both versions");
    }

    @Test
    void theChartReadmeAndFileNamesAreTheSameInBothVersions() {
        ClusterStack stack = StackDefinition.load(SMALL.resolve("stack.yaml")).stack();
        KubernetesRelease r = release(stack, "1.33");
        Map<String, String> v1beta1 = ClusterClassChart.render(stack, r.withClusterApi(ClusterApiVersion.V1BETA1), "v1");
        Map<String, String> v1beta2 = ClusterClassChart.render(stack, r, "v1");
        assertEquals(List.copyOf(v1beta1.keySet()), List.copyOf(v1beta2.keySet()));
        for (String same : List.of("Chart.yaml", "values.yaml", "README.md", "templates/dockermachinetemplate-machine.yaml",
                "templates/dockerclustertemplate-cluster.yaml")) {
            assertEquals(v1beta1.get(same), v1beta2.get(same), same);
        }
        assertFalse(v1beta1.get("templates/cluster-class.yaml").equals(v1beta2.get("templates/cluster-class.yaml")));
    }

    @Test
    void theJavaBuilderSetsTheVersionPerStackAndPerRelease() {
        ClusterStack small = StackDefinition.load(SMALL.resolve("stack.yaml")).stack();
        ClusterStack stack = ClusterStack.builder().provider("docker").name("scs")
                .release("1.32.5", release(small, "1.32").content())
                .release("1.33.1", ClusterApiVersion.V1BETA1, release(small, "1.33").content())
                .clusterApi(ClusterApiVersion.V1BETA2)
                .build();
        assertEquals(List.of(ClusterApiVersion.V1BETA2, ClusterApiVersion.V1BETA1),
                stack.releases().stream().map(KubernetesRelease::clusterApi).toList());
        assertEquals(ClusterApiVersion.V1BETA1, ClusterStack.builder().provider("docker").name("scs")
                .release("1.32.5", release(small, "1.32").content()).build().releases().get(0).clusterApi(), "the default");
    }

    @Test
    void fieldsWithoutAV1beta2EquivalentAreLocatedErrorsAllAtOnce() {
        StackException e = assertThrows(StackException.class, () -> StackDefinition.load(ERRORS));
        List<String> errors = e.problems().stream().filter(Problem::isError).map(Problem::toString).toList();
        String cp = "templates[2].spec.template.spec.kubeadmConfigSpec.";
        List<String> expected = List.of(
                ERRORS + ":15:5: error: clusterClass.controlPlane.nodeDrainTimeout: '1500ms' is not a whole number of seconds:"
                        + " Cluster API v1beta2 (the release's clusterApi) holds this duration as an integer of seconds",
                ERRORS + ":36:15: error: " + cp + "clusterConfiguration.apiVersion: has no equivalent in Cluster API v1beta2",
                ERRORS + ":37:15: error: " + cp + "clusterConfiguration.kubernetesVersion: has no equivalent in Cluster API v1beta2",
                ERRORS + ":38:15: error: " + cp + "clusterConfiguration.clusterName: has no equivalent in Cluster API v1beta2",
                ERRORS + ":39:15: error: " + cp + "clusterConfiguration.networking: has no equivalent in Cluster API v1beta2",
                ERRORS + ":42:17: error: " + cp + "clusterConfiguration.apiServer.timeoutForControlPlane: '4m0.5s' is not a whole"
                        + " number of seconds",
                ERRORS + ":44:13: error: " + cp + "useExperimentalRetryJoin: has no equivalent in Cluster API v1beta2",
                ERRORS + ":52:15: error: templates[3].spec.template.spec.joinConfiguration.discovery.timeout: 'five minutes' is"
                        + " not a duration such as 300s or 5m");
        assertEquals(expected.size(), errors.size(), String.join("\n", errors));
        for (String start : expected) {
            List<String> found = errors.stream().filter(p -> p.startsWith(start)).toList();
            assertEquals(1, found.size(), start + "\n  in\n" + String.join("\n", errors));
            assertTrue(found.get(0).endsWith("(Kubernetes 1.33.1)"), "only the v1beta2 release: " + found.get(0));
            assertTrue(found.get(0).contains("(the release's clusterApi)") || found.get(0).contains("not a duration"), found.get(0));
        }
        assertTrue(errors.stream().anyMatch(p -> p.contains("networking: has no equivalent in Cluster API v1beta2 (the"
                + " release's clusterApi): set the networks on the Cluster: spec.clusterNetwork")), "says what takes its place");
    }

    @Test
    void theJavaApiGetsTheSameErrorsAndNothingIsWritten(@TempDir Path tmp) throws IOException {
        Path v1beta1 = tmp.resolve("stack.yaml");
        Files.writeString(v1beta1, Files.readString(ERRORS).replace("    clusterApi: v1beta2\n", ""));
        ClusterStack valid = StackDefinition.load(v1beta1).stack();
        ClusterStack stack = new ClusterStack(valid.provider(), valid.name(), valid.releases().stream()
                .map(r -> r.withClusterApi(ClusterApiVersion.V1BETA2)).toList());
        Path out = tmp.resolve("cluster-stacks");
        StackException e = assertThrows(StackException.class, () -> ReleaseBuilder.build(stack,
                new ReleaseBuilder.Options(VersionMode.STABLE, null, out, null, null, false, null)));
        assertEquals(2 * 8, e.problems().stream().filter(Problem::isError).count(), "8 for each release: " + e.problems());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void aFieldPassedThroughUnknownIsAWarningForV1beta2Only(@TempDir Path tmp) throws IOException {
        Path stack = tmp.resolve("stack.yaml");
        String text = Files.readString(ERRORS);
        String fixed = text.replace("    nodeDrainTimeout: 1500ms\n", "")
                .replaceAll("(?m)^              (apiVersion|kubernetesVersion|clusterName): .*\n", "")
                .replace("              networking:\n                podSubnet: 192.168.0.0/16\n", "")
                .replace("timeoutForControlPlane: 4m0.5s", "timeoutForControlPlane: 4m")
                .replace("            useExperimentalRetryJoin: true\n", "")
                .replace("timeout: five minutes", "timeout: 5m");
        Files.writeString(stack, fixed);
        List<Problem> warnings = StackDefinition.load(stack).warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertEquals(stack + ":37:15: warning: templates[2].spec.template.spec.kubeadmConfigSpec.clusterConfiguration"
                + ".futureField: is not a field this project maps to Cluster API v1beta2: written unchanged into the v1beta2"
                + " object; check that v1beta2 has it (Kubernetes 1.33.1)", warnings.get(0).toString());
    }

    @Test
    void aTemplateLeftEmptyInV1beta2IsALocatedError(@TempDir Path tmp) throws IOException {
        Path stack = tmp.resolve("stack.yaml");
        Files.writeString(stack, Files.readString(SMALL.resolve("stack.yaml")).replace("""
                          files: []
                          joinConfiguration:
                            nodeRegistration:
                              kubeletExtraArgs:
                                fail-swap-on: "false"
                                eviction-hard: "nodefs.available<0%"
                """, """
                          files: []
                """));
        StackException e = assertThrows(StackException.class, () -> StackDefinition.load(stack));
        assertEquals(List.of(stack + ":162:7: error: templates[3].spec.template: holds no value: Cluster API v1beta2 (the"
                + " release's clusterApi) refuses an empty template (minProperties 1), also one that patches fill; give it at"
                + " least one field (Kubernetes 1.33.1)"), e.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void anUnknownClusterApiVersionIsALocatedError(@TempDir Path tmp) throws IOException {
        Path stack = tmp.resolve("stack.yaml");
        Files.writeString(stack, Files.readString(SMALL.resolve("stack.yaml")).replace("clusterApi: v1beta2", "clusterApi: v1beta3"));
        StackException e = assertThrows(StackException.class, () -> StackDefinition.load(stack));
        assertEquals(List.of(stack + ":5:1: error: clusterApi: 'v1beta3' is not a Cluster API version this project writes;"
                + " one of [v1beta1, v1beta2] (Kubernetes 1.33.1)"), e.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void anEmptyEtcdArgumentMapIsLeftOutNotWrittenAsNull() {
        // found by V1beta2PropertyTest: etcd.local.extraArgs: {} was written as extraArgs: null, which v1beta2 refuses
        // etcd.local.extraArgs: {} (given empty), apiServer.extraArgs: {v: "2"}
        KubeadmConfigSpec spec = KubeadmConfigSpec.builder().clusterConfiguration(ClusterConfiguration.empty()
                .withEtcd(new ClusterConfiguration.Etcd(new ClusterConfiguration.LocalEtcd(null, null, null,
                        Copies.givenEmptyList(), null, null, null, Map.of()), null, Map.of()))
                .withApiServer(ClusterConfiguration.APIServer.empty().withExtraArgs(List.of(Arg.of("v", "2"))))).build();
        Mapping m = new Mapping();
        Map<String, Object> v1beta2 = new KubeadmWriter(m).controlPlaneTemplateSpec(
                KubeadmControlPlaneTemplate.of("control-plane", spec).spec(), "templates[2].spec");
        assertEquals(new Yaml(new LoaderOptions()).load("""
                template:
                  spec:
                    kubeadmConfigSpec:
                      clusterConfiguration:
                        apiServer:
                          extraArgs:
                            - {name: v, value: "2"}
                """), v1beta2);
        assertEquals(List.of(), m.problems());
    }

    @Test
    void durationsAreGoDurationsInWholeSeconds() {
        Mapping m = new Mapping();
        assertEquals(300, m.seconds("300s", "a"));
        assertEquals(300, m.seconds("5m", "a"));
        assertEquals(5400, m.seconds("1h30m", "a"));
        assertEquals(90, m.seconds("1m30s", "a"));
        assertEquals(2, m.seconds("1.5s500ms", "a"));
        assertEquals(0, m.seconds("0", "a"));
        assertEquals(List.of(), m.problems());
        for (String bad : List.of("1500ms", "1.5s", "-5s", "5", "", "m", "1x", ".s")) {
            Mapping n = new Mapping();
            assertEquals(null, n.seconds(bad, "a"), bad);
            assertEquals(1, n.problems().size(), bad);
        }
    }
}
