package dev.clusterstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An argument name given twice, in the map form or in the {@code {name, value}} list form: {@code build} exits 1
 * with every error at once, each at its file and line, and the releases an earlier build wrote stay as they were.
 */
class RepeatedArgumentCliTest {
    /** %s: the control plane's apiServer arguments (below extraArgs:, indented 18). */
    static final String STACK = """
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
                ref: %s
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
                        joinConfiguration:
                          nodeRegistration:
                            kubeletExtraArgs: {%s}
            addons:
              - name: cni
                chart:
                  name: cilium
                  version: 1.16.6
                  repository: https://helm.cilium.io/
            """;

    @TempDir
    Path project;

    @Test
    void aRepeatedNameInEitherFormIsReportedWithTheOtherErrorsAndNothingIsWritten() throws IOException {
        Path definition = project.resolve("src/main/clusterstack/stack.yaml");
        Files.createDirectories(definition.getParent());
        String indent = "\n" + " ".repeat(18);
        Files.writeString(definition, STACK.formatted("control-plane", indent + "profiling: \"false\"", "v: \"2\""));
        ClusterStackCliTest.Run first = ClusterStackCliTest.cli("build", project.toString());
        assertEquals(0, first.code(), first::toString);
        Map<String, String> before = V1beta2BadInputCliTest.files(project.resolve("target"));
        String file = "src/main/clusterstack/stack.yaml:";
        String cp = "templates[2].spec.template.spec.kubeadmConfigSpec.";

        // the map form: a YAML key given twice, and a value that is no string
        Files.writeString(definition, STACK.formatted("control-plane",
                indent + "profiling: \"false\"" + indent + "profiling: \"true\"", "v: \"2\", node-ip: {a: b}"));
        ClusterStackCliTest.Run map = ClusterStackCliTest.cli("build", project.toString());
        assertEquals(1, map.code(), map::toString);
        assertEquals(List.of(
                file + "29:19: error: " + cp + "clusterConfiguration.apiServer.extraArgs.profiling: duplicate key"
                        + " 'profiling' (first on line 28)",
                file + "32:53: error: " + cp + "joinConfiguration.nodeRegistration.kubeletExtraArgs.node-ip: expected"
                        + " a string, found a mapping"), errorLines(map));
        ClusterStackCliTest.assertNoStackTrace(map);

        // the list form: a name given twice in each of two lists
        Files.writeString(definition, STACK.formatted("control-plane",
                indent + "- {name: profiling, value: \"false\"}" + indent + "- {name: profiling, value: \"true\"}", "v: \"2\"")
                .replace("kubeletExtraArgs: {v: \"2\"}", "kubeletExtraArgs: [{name: v, value: \"2\"}, {name: v, value: \"3\"}]"));
        ClusterStackCliTest.Run list = ClusterStackCliTest.cli("build", project.toString());
        assertEquals(1, list.code(), list::toString);
        String twice = "' is given twice (first at %s[0]): an argument name may occur once (Cluster API v1beta2 refuses"
                + " a repeated name)";
        String api = cp + "clusterConfiguration.apiServer.extraArgs";
        String kubelet = cp + "joinConfiguration.nodeRegistration.kubeletExtraArgs";
        assertEquals(List.of(
                file + "29:28: error: " + api + "[1].name: 'profiling" + twice.formatted(api),
                file + "32:66: error: " + kubelet + "[1].name: 'v" + twice.formatted(kubelet)), errorLines(list));
        ClusterStackCliTest.assertNoStackTrace(list);

        assertEquals(before, V1beta2BadInputCliTest.files(project.resolve("target")), "nothing written");
    }

    private static List<String> errorLines(ClusterStackCliTest.Run run) {
        return run.err().lines().filter(l -> l.contains(": error: ")).map(String::strip).toList();
    }
}
