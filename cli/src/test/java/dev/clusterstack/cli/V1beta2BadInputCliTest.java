package dev.clusterstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Selecting Cluster API v1beta2 for a definition written with v1beta1-only fields and patches v1beta2 cannot convert
 * (an argument replaced or removed by name, a removed field patched): {@code build} exits 1 with every problem at
 * once, each naming file, line, field and the API version, and the releases an earlier build wrote stay exactly as
 * they were. The patch that adds an argument by name is converted (an append), not refused.
 */
class V1beta2BadInputCliTest {

    /** Valid in v1beta1; line numbers below are those of this text. */
    static final String STACK = """
            provider: docker
            name: scs
            kubernetesVersions:
              - version: 1.33.1
            clusterClass:
              infrastructure:
                ref: cluster
              controlPlane:
                ref: control-plane
                machineInfrastructure:
                  ref: machine
                nodeDrainTimeout: 1500ms
                machineHealthCheck:
                  unhealthyConditions:
                    - type: Ready
                      status: Unknown
                      timeout: 2.5s
              patches:
                - name: apiServer
                  definitions:
                    - selector:
                        apiVersion: controlplane.cluster.x-k8s.io/v1beta1
                        kind: KubeadmControlPlaneTemplate
                        matchResources:
                          controlPlane: true
                      jsonPatches:
                        - op: add
                          path: /spec/template/spec/kubeadmConfigSpec/clusterConfiguration/apiServer/extraArgs/v
                          value: "2"
                        - op: replace
                          path: /spec/template/spec/kubeadmConfigSpec/clusterConfiguration/apiServer/extraArgs/profiling
                          value: "true"
                        - op: remove
                          path: /spec/template/spec/kubeadmConfigSpec/clusterConfiguration/apiServer/extraArgs/profiling
                        - op: add
                          path: /spec/template/spec/kubeadmConfigSpec/clusterConfiguration/networking/serviceSubnet
                          value: 10.96.0.0/12
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
                          networking:
                            podSubnet: 192.168.0.0/16
                          kubernetesVersion: v1.33.1
                          clusterName: demo
                          apiServer:
                            extraArgs:
                              profiling: "false"
                        useExperimentalRetryJoin: true
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
    void everyV1beta1OnlyFieldIsALocatedErrorAndTheEarlierReleasesStay() throws IOException {
        Path definition = project.resolve("src/main/clusterstack/stack.yaml");
        Files.createDirectories(definition.getParent());
        Files.writeString(definition, STACK);
        ClusterStackCliTest.Run first = ClusterStackCliTest.cli("build", project.toString());
        assertEquals(0, first.code(), "valid as v1beta1: " + first);
        Map<String, String> before = files(project.resolve("target"));

        Files.writeString(definition, "clusterApi: v1beta2\n" + STACK);
        ClusterStackCliTest.Run run = ClusterStackCliTest.cli("build", project.toString());

        assertEquals(1, run.code(), run::toString);
        String file = "src/main/clusterstack/stack.yaml:";
        String cc = "templates[2].spec.template.spec.kubeadmConfigSpec.clusterConfiguration.";
        // lines are one more than in STACK: clusterApi is the first line now
        String patch = "clusterClass.patches[0].definitions[0].jsonPatches";
        String args = "/spec/template/spec/kubeadmConfigSpec/clusterConfiguration/apiServer/extraArgs/";
        List<String> expected = List.of(
                file + "13:5: error: clusterClass.controlPlane.nodeDrainTimeout: '1500ms' is not a whole number of seconds",
                file + "18:11: error: clusterClass.controlPlane.machineHealthCheck.unhealthyConditions[0].timeout: '2.5s' is"
                        + " not a whole number of seconds",
                file + "32:15: error: " + patch + "[1].path: patch 'apiServer' definition 0 op 1: replace " + args + "profiling",
                file + "35:15: error: " + patch + "[2].path: patch 'apiServer' definition 0 op 2: remove " + args + "profiling",
                file + "37:15: error: " + patch + "[3].path: patch 'apiServer' definition 0 op 3: add /spec/template/spec"
                        + "/kubeadmConfigSpec/clusterConfiguration/networking/serviceSubnet",
                file + "51:15: error: " + cc + "networking: has no equivalent in Cluster API v1beta2",
                file + "53:15: error: " + cc + "kubernetesVersion: has no equivalent in Cluster API v1beta2",
                file + "54:15: error: " + cc + "clusterName: has no equivalent in Cluster API v1beta2",
                file + "58:13: error: templates[2].spec.template.spec.kubeadmConfigSpec.useExperimentalRetryJoin: has no"
                        + " equivalent in Cluster API v1beta2");
        assertTrue(run.err().startsWith(expected.size() + " errors in the cluster stack:\n"), run.err());
        List<String> lines = run.err().lines().filter(l -> l.contains(": error: ")).toList();
        assertEquals(expected.size(), lines.size(), run.err());
        for (String start : expected) {
            assertEquals(1, lines.stream().filter(l -> l.startsWith(start)).count(), start + "\n  in\n" + run.err());
        }
        // the field errors name the release's clusterApi, the patch errors the object version of their output
        assertTrue(lines.stream().allMatch(l -> l.contains("Cluster API v1beta2 (the release's clusterApi)")
                || l.endsWith("(output controlplane.cluster.x-k8s.io/v1beta2)")), run.err());
        assertEquals(3, lines.stream().filter(l -> l.endsWith("(output controlplane.cluster.x-k8s.io/v1beta2)")).count(), run.err());
        ClusterStackCliTest.assertNoStackTrace(run);
        assertEquals(before, files(project.resolve("target")), "nothing written: the earlier releases are as they were");
    }

    /** Every file under a folder with its content (archives as bytes, in Latin-1 so that every byte compares). */
    static Map<String, String> files(Path dir) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
