package dev.clusterstack.core.compat;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The release notes' view of template and addon changes, on hand-built classes and objects. */
class ReleaseDiffTest {

    static final String[] KCP = {"controlplane.cluster.x-k8s.io/v1beta1", "KubeadmControlPlaneTemplate", "cp"};
    static final String[] MACHINE = {"infrastructure.cluster.x-k8s.io/v1beta1", "DockerMachineTemplate", "machine"};
    static final String[] BOOT = {"bootstrap.cluster.x-k8s.io/v1beta1", "KubeadmConfigTemplate", "worker"};

    @Test
    void templateChangesWithTheirRolloutImpact() {
        ReleaseInput.Loaded old = loaded("v1", Map.of("cni/cilium", "1.16.6", "metrics-server/metrics-server", "3.12.2"),
                template(KCP, Map.of(), Map.of("replicas", 1)), template(MACHINE, Map.of(), Map.of("image", "a")),
                template(BOOT, Map.of(), Map.of("files", List.of())));
        ReleaseInput.Loaded neu = loaded("v2", Map.of("cni/cilium", "1.16.7", "csi/cinder", "2.30.0"),
                template(KCP, Map.of("team", "a"), Map.of("replicas", 1)), template(MACHINE, Map.of(), Map.of("image", "b")),
                template(BOOT, Map.of(), Map.of("files", List.of())));
        ReleaseDiff diff = ReleaseDiff.of(old, neu);
        assertEquals(List.of(
                "KubeadmControlPlaneTemplate (controlPlane): only labels or annotations changed; applied in place, no rollout",
                "DockerMachineTemplate (controlPlane.machineInfrastructure): spec changed; Cluster API rotates the template"
                        + " and the control plane machines roll out",
                "DockerMachineTemplate (machineDeployments[default-worker].infrastructure): spec changed; Cluster API rotates"
                        + " the template and the machines of class default-worker roll out"),
                diff.templates().stream().map(ReleaseDiff.TemplateChange::text).toList());
        assertEquals(List.of("cni/cilium 1.16.6 → 1.16.7", "csi/cinder 2.30.0 (added)", "metrics-server/metrics-server 3.12.2 (removed)"),
                diff.addonCharts());
        assertEquals("v1.32.5", diff.kubernetesFrom());
    }

    static Map<String, Object> template(String[] ref, Map<String, Object> labels, Map<String, Object> spec) {
        return Map.of("apiVersion", ref[0], "kind", ref[1], "metadata", Map.of("name", ref[2], "labels", labels), "spec", spec);
    }

    static ReleaseInput.Loaded loaded(String version, Map<String, String> addons, Map<String, Object>... objects) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("infrastructure", Map.of("ref", ClusterApiRulesTest.refMap(ClusterApiRulesTest.INFRA)));
        spec.put("controlPlane", Map.of("ref", ClusterApiRulesTest.refMap(KCP),
                "machineInfrastructure", Map.of("ref", ClusterApiRulesTest.refMap(MACHINE))));
        spec.put("workers", Map.of("machineDeployments", List.of(ClusterApiRulesTest.md("default-worker", BOOT, MACHINE))));
        Map<String, Object> cc = Map.of("apiVersion", "cluster.x-k8s.io/v1beta1", "kind", "ClusterClass",
                "metadata", Map.of("name", "docker-scs-1-32-" + version), "spec", spec);
        return new ReleaseInput.Loaded("docker-scs-1-32-" + version, "docker", "scs", "1-32", version, "v1.32.5",
                ClassView.read(cc, List.of(objects)), new java.util.TreeMap<>(addons));
    }
}
