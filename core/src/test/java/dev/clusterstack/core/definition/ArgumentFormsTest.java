package dev.clusterstack.core.definition;

import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.KubernetesRelease;
import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.model.clusterclass.ClusterClass;
import dev.clusterstack.core.model.clusterclass.ControlPlaneClass;
import dev.clusterstack.core.model.infra.DockerClusterTemplate;
import dev.clusterstack.core.model.kubeadm.Arg;
import dev.clusterstack.core.model.kubeadm.ClusterConfiguration;
import dev.clusterstack.core.model.kubeadm.InitConfiguration;
import dev.clusterstack.core.model.kubeadm.KubeadmConfigSpec;
import dev.clusterstack.core.model.kubeadm.KubeadmControlPlaneTemplate;
import dev.clusterstack.core.model.kubeadm.NodeRegistrationOptions;
import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.problem.StackException;
import dev.clusterstack.core.release.ReleaseBuilder;
import dev.clusterstack.core.release.VersionMode;
import dev.clusterstack.core.render.ClusterClassChart;
import dev.clusterstack.core.validate.StackValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Arguments ({@code extraArgs}, {@code kubeletExtraArgs}) may be written as a map (v1beta1's form) or as a list of
 * {@code {name, value}} (v1beta2's form): both give the same model, in the author's order, and the same chart files
 * in either Cluster API version. A name given twice is a located error in either form and through the Java API.
 */
class ArgumentFormsTest {
    @TempDir
    Path dir;

    /** 1.32 is written in v1beta1, 1.33 in v1beta2; %s are the argument blocks. */
    private static final String STACK = """
            provider: docker
            name: scs
            kubernetesVersions:
              - version: 1.32.5
              - version: 1.33.1
                clusterApi: v1beta2
            clusterClass:
              infrastructure:
                ref: cluster
              controlPlane:
                ref: control-plane
                machineInfrastructure:
                  ref: machine
            templates:
              - name: cluster
                kind: DockerClusterTemplate
              - name: machine
                kind: DockerMachineTemplate
              - name: control-plane
                kind: KubeadmControlPlaneTemplate
                spec:
                  template:
                    spec:
                      kubeadmConfigSpec:
                        clusterConfiguration:
                          apiServer:
                            extraArgs:%s
                          etcd:
                            local:
                              extraArgs:%s
                        initConfiguration:
                          nodeRegistration:
                            kubeletExtraArgs:%s
            """;

    /** Lines below {@code apiServer.extraArgs:} (indented 18). */
    private static String block(String... lines) {
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append('\n').append(" ".repeat(18)).append(l);
        }
        return b.toString();
    }

    private static final String API_MAP = block("profiling: \"false\"", "audit-log-maxage: \"30\"", "anonymous-auth: \"true\"");
    private static final String API_LIST = block("- {name: profiling, value: \"false\"}", "- name: audit-log-maxage",
            "  value: \"30\"", "- {name: anonymous-auth, value: \"true\"}");
    private static final String ETCD_MAP = " {snapshot-count: \"10000\", auto-compaction-mode: periodic}";
    private static final String ETCD_LIST = " [{name: snapshot-count, value: \"10000\"}, {name: auto-compaction-mode, value: periodic}]";
    private static final String KUBELET_MAP = " {}";
    private static final String KUBELET_LIST = " []";

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private ClusterStack load(String name, String api, String etcd, String kubelet) throws IOException {
        return StackDefinition.load(write(name, STACK.formatted(api, etcd, kubelet))).stack();
    }

    @Test
    void theMapFormAndTheListFormGiveTheSameModelAndTheSameChartsInBothVersions() throws IOException {
        ClusterStack map = load("map.yaml", API_MAP, ETCD_MAP, KUBELET_MAP);
        ClusterStack list = load("list.yaml", API_LIST, ETCD_LIST, KUBELET_LIST);
        KubeadmConfigSpec spec = ((KubeadmControlPlaneTemplate) map.releases().get(0).content().template("control-plane")
                .orElseThrow()).kubeadmConfigSpec();
        assertEquals(List.of(Arg.of("profiling", "false"), Arg.of("audit-log-maxage", "30"), Arg.of("anonymous-auth", "true")),
                spec.clusterConfiguration().apiServer().extraArgs(), "the author's order, not the names' order");
        assertEquals(List.of(Arg.of("snapshot-count", "10000"), Arg.of("auto-compaction-mode", "periodic")),
                spec.clusterConfiguration().etcd().local().extraArgs());
        assertEquals(map.releases(), list.releases(), "one model from either form");
        for (int i = 0; i < 2; i++) {
            assertEquals(ClusterClassChart.render(map, map.releases().get(i), "v1"),
                    ClusterClassChart.render(list, list.releases().get(i), "v1"), "release " + i);
        }
        String v1beta1 = kcpFile(map, map.releases().get(0));
        assertTrue(v1beta1.contains("""
                          apiServer:
                            extraArgs:
                              profiling: "false"
                              audit-log-maxage: "30"
                              anonymous-auth: "true"
                """), v1beta1);
        assertTrue(v1beta1.contains("""
                          etcd:
                            local:
                              extraArgs:
                                snapshot-count: "10000"
                                auto-compaction-mode: periodic
                """), v1beta1);
        assertTrue(v1beta1.contains("""
                          nodeRegistration:
                            kubeletExtraArgs: {}
                """), "given empty is written in v1beta1: " + v1beta1);
        String v1beta2 = kcpFile(map, map.releases().get(1));
        assertTrue(v1beta2.contains("""
                          apiServer:
                            extraArgs:
                              - name: profiling
                                value: "false"
                              - name: audit-log-maxage
                                value: "30"
                              - name: anonymous-auth
                                value: "true"
                """), v1beta2);
        assertTrue(v1beta2.contains("""
                              extraArgs:
                                - name: snapshot-count
                                  value: "10000"
                                - name: auto-compaction-mode
                                  value: periodic
                """), v1beta2);
        assertTrue(!v1beta2.contains("kubeletExtraArgs"), "v1beta2 refuses an empty list (minItems 1): " + v1beta2);
    }

    @Test
    void theMapFormAndTheListFormGiveByteIdenticalReleases() throws IOException {
        ClusterStack map = load("map.yaml", API_MAP, ETCD_MAP, KUBELET_MAP);
        ClusterStack list = load("list.yaml", API_LIST, ETCD_LIST, KUBELET_LIST);
        Path mapOut = Files.createDirectories(dir.resolve("map-out"));
        Path listOut = Files.createDirectories(dir.resolve("list-out"));
        List<ReleaseBuilder.ReleaseOutput> fromMap = ReleaseBuilder.build(map, ReleaseBuilder.Options.of(VersionMode.STABLE, mapOut));
        List<ReleaseBuilder.ReleaseOutput> fromList = ReleaseBuilder.build(list, ReleaseBuilder.Options.of(VersionMode.STABLE, listOut));
        assertEquals(List.of("docker-scs-1-32-v1", "docker-scs-1-33-v1"),
                fromMap.stream().map(ReleaseBuilder.ReleaseOutput::folderName).toList(), "a v1beta1 and a v1beta2 release");
        Map<String, String> mapFiles = files(mapOut);
        assertTrue(mapFiles.keySet().stream().anyMatch(f -> f.endsWith(".tgz")), mapFiles.keySet()::toString);
        assertEquals(mapFiles, files(listOut), "every file of both releases, archives byte for byte");
        assertEquals(fromMap.size(), fromList.size());
    }

    /** Every file below a folder with its bytes (as Latin-1 text, so that every byte compares). */
    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> out = new java.util.TreeMap<>();
        try (var walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return out;
    }

    private static String kcpFile(ClusterStack stack, KubernetesRelease release) {
        return ClusterClassChart.render(stack, release, "v1").get("templates/kubeadmcontrolplanetemplate-control-plane.yaml");
    }

    @Test
    void aNameGivenTwiceIsALocatedErrorInEitherFormWithTheOtherErrors() throws IOException {
        String mapTwice = block("profiling: \"false\"", "audit-log-maxage: {days: 30}", "profiling: \"true\"");
        String listTwice = block("- {name: profiling, value: \"false\"}", "- {name: audit-log-maxage, value: [30]}",
                "- {name: profiling, value: \"true\"}");
        Path mapFile = write("map.yaml", STACK.formatted(mapTwice, ETCD_MAP, " {}"));
        Path listFile = write("list.yaml", STACK.formatted(listTwice, ETCD_LIST, " [{name: v, value: \"2\"}, {name: v, value: \"3\"}]"));
        String api = "templates[2].spec.template.spec.kubeadmConfigSpec.clusterConfiguration.apiServer.extraArgs";
        String kubelet = "templates[2].spec.template.spec.kubeadmConfigSpec.initConfiguration.nodeRegistration.kubeletExtraArgs";
        assertEquals(List.of(
                        mapFile + ":30:19: error: " + api + ".profiling: duplicate key 'profiling' (first on line 28)",
                        mapFile + ":29:37: error: " + api + ".audit-log-maxage: expected a string, found a mapping"),
                errors(mapFile));
        String twice = "' is given twice (first at %s): an argument name may occur once (Cluster API v1beta2 refuses a"
                + " repeated name)";
        assertEquals(List.of(
                        listFile + ":29:53: error: " + api + "[1].value: expected a string, found a list",
                        listFile + ":30:28: error: " + api + "[2].name: 'profiling" + twice.formatted(api + "[0]"),
                        listFile + ":36:66: error: " + kubelet + "[1].name: 'v" + twice.formatted(kubelet + "[0]")),
                errors(listFile));
    }

    @Test
    void aProblemOfAnArgumentIsFoundAtItsLineInEitherForm() throws IOException {
        String escaped = "\"{{ `{{ .x }}` }}\"";
        Path mapFile = write("map.yaml", STACK.formatted(block("profiling: \"false\"", "v: " + escaped), ETCD_MAP, KUBELET_MAP));
        Path listFile = write("list.yaml", STACK.formatted(block("- {name: profiling, value: \"false\"}",
                "- {name: v, value: " + escaped + "}"), ETCD_LIST, KUBELET_LIST));
        String at = "templates[2].spec.template.spec.kubeadmConfigSpec.clusterConfiguration.apiServer.extraArgs[1].value";
        assertEquals(List.of(mapFile + ":29:22: warning: " + at), warnings(mapFile), "the map entry's value");
        assertEquals(List.of(listFile + ":29:31: warning: " + at), warnings(listFile), "the list item's value field");
    }

    /** Where the Helm escape warnings of loading are, without their message. */
    private static List<String> warnings(Path file) {
        return StackDefinition.load(file).warnings().stream().filter(p -> p.message().contains("Helm escape"))
                .map(p -> p.location() + ": warning: " + p.path()).toList();
    }

    /** The errors of loading, in order; the same for every version, so reported once without a version. */
    private static List<String> errors(Path file) {
        StackException e = assertThrows(StackException.class, () -> StackDefinition.load(file));
        return e.problems().stream().filter(Problem::isError).map(Problem::toString).toList();
    }

    @Test
    void theJavaApiTakesAMapOrAListAndNamesARepeatedNameByItsBuilderPath() {
        KubeadmConfigSpec twice = KubeadmConfigSpec.builder()
                .clusterConfiguration(ClusterConfiguration.empty().withApiServer(ClusterConfiguration.APIServer.empty()
                        .withExtraArgs(List.of(Arg.of("v", "2"), Arg.of("profiling", "false"), Arg.of("v", "3")))))
                .initConfiguration(InitConfiguration.of(NodeRegistrationOptions.of(null, Map.of("b", "2", "a", "1"))))
                .build();
        assertEquals(List.of(Arg.of("a", "1"), Arg.of("b", "2")),
                twice.initConfiguration().nodeRegistration().kubeletExtraArgs(), "a map without an order is taken by name");
        ClusterStack stack = ClusterStack.builder().provider("docker").name("scs")
                .release("1.32.5", StackContent.builder()
                        .clusterClass(ClusterClass.builder().infrastructure("cluster")
                                .controlPlane(ControlPlaneClass.of("control-plane", null)).build())
                        .template(DockerClusterTemplate.of("cluster"))
                        .template(KubeadmControlPlaneTemplate.of("control-plane", twice))
                        .build())
                .build();
        List<Problem> problems = StackValidator.validate(stack);
        assertEquals(1, problems.size(), problems::toString);
        String api = "templates[1].spec.template.spec.kubeadmConfigSpec.clusterConfiguration.apiServer.extraArgs";
        assertEquals(api + "[2].name", problems.get(0).path());
        assertNull(problems.get(0).location(), "a builder path, no file");
        assertEquals("'v' is given twice (first at " + api + "[0]): an argument name may occur once (Cluster API v1beta2"
                + " refuses a repeated name)", problems.get(0).message());
    }
}
