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
 * Selecting Cluster API v1beta2 for a definition written with v1beta1-only fields: {@code build} exits 1 with every
 * problem at once, each naming file, line, field and the API version, and the releases an earlier build wrote stay
 * exactly as they were.
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
        List<String> expected = List.of(
                file + "13:5: error: clusterClass.controlPlane.nodeDrainTimeout: '1500ms' is not a whole number of seconds",
                file + "18:11: error: clusterClass.controlPlane.machineHealthCheck.unhealthyConditions[0].timeout: '2.5s' is"
                        + " not a whole number of seconds",
                file + "31:15: error: " + cc + "networking: has no equivalent in Cluster API v1beta2",
                file + "33:15: error: " + cc + "kubernetesVersion: has no equivalent in Cluster API v1beta2",
                file + "34:15: error: " + cc + "clusterName: has no equivalent in Cluster API v1beta2",
                file + "38:13: error: templates[2].spec.template.spec.kubeadmConfigSpec.useExperimentalRetryJoin: has no"
                        + " equivalent in Cluster API v1beta2");
        assertTrue(run.err().startsWith(expected.size() + " errors in the cluster stack:\n"), run.err());
        List<String> lines = run.err().lines().filter(l -> l.contains(": error: ")).toList();
        assertEquals(expected.size(), lines.size(), run.err());
        for (String start : expected) {
            assertEquals(1, lines.stream().filter(l -> l.startsWith(start)).count(), start + "\n  in\n" + run.err());
        }
        assertTrue(lines.stream().allMatch(l -> l.contains("Cluster API v1beta2 (the release's clusterApi)")), run.err());
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
