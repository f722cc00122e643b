package dev.clusterstack.core.feature;

import dev.clusterstack.core.bind.Writer;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.JSONPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.PatchDefinition;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.PatchSelector;
import dev.clusterstack.core.model.clusterclass.ClusterClassVariable;
import dev.clusterstack.core.model.clusterclass.JSONSchemaProps;
import dev.clusterstack.core.render.v1beta2.PatchConversion;
import dev.clusterstack.core.render.v1beta2.PatchConversion.Role;
import dev.clusterstack.core.render.v1beta2.PatchConversion.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.clusterstack.core.feature.V1beta2PatchEquivalenceTest.arg;
import static dev.clusterstack.core.feature.V1beta2PatchEquivalenceTest.at;
import static dev.clusterstack.core.feature.V1beta2PatchEquivalenceTest.builtin;
import static dev.clusterstack.core.feature.V1beta2PatchEquivalenceTest.map;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The templates {@link PatchConversion} writes for argument values, evaluated by Go (through the plan, as Cluster API
 * renders them with sprig's hermetic functions): a string variable, an integer variable of 1000000 (a string
 * "1000000", not sprig quote's "1e+06"), a one-action {@code | toJson} template, a whole map variable (a list sorted
 * by name, as Go ranges over a map), and the lists and objects the templates lack created first. Expected values by
 * hand.
 */
class V1beta2ArgumentTemplatesPlanTest {
    static final String K = "/spec/template/spec/kubeadmConfigSpec";
    static final String API = K + "/clusterConfiguration/apiServer/extraArgs";

    @TempDir
    Path tmp;

    static Map<String, Object> ref(String apiVersion, String kind, String name) {
        return map("apiVersion", apiVersion, "kind", kind, "name", name);
    }

    @Test
    void argumentValuesRenderAsStringsInNameValueItems() {
        PatchSelector cp = PatchSelector.controlPlane("controlplane.cluster.x-k8s.io/v1beta1", "KubeadmControlPlaneTemplate");
        PatchSelector workers = PatchSelector.machineDeploymentClass("bootstrap.cluster.x-k8s.io/v1beta1", "KubeadmConfigTemplate",
                "default-worker");
        List<ClusterClassPatch> patches = List.of(
                ClusterClassPatch.of("args", null, null, PatchDefinition.of(cp,
                        JSONPatch.variable("add", API + "/max-requests-inflight", "maxRequests"),
                        JSONPatch.variable("add", API + "/audit-log-path", "audit.path"),
                        JSONPatch.template("add", API + "/event-ttl", "{{ .ttl | default \"1h\" | toJson }}"),
                        JSONPatch.value("add", API + "/enable-admission-plugins", "NodeRestriction"),
                        JSONPatch.variable("add", K + "/clusterConfiguration/controllerManager/extraArgs", "cmArgs"))),
                ClusterClassPatch.of("kubelet", null, "{{ if .maxPods }}true{{ end }}", PatchDefinition.of(workers,
                        JSONPatch.variable("add", "/spec/template/spec/joinConfiguration/nodeRegistration/kubeletExtraArgs/max-pods",
                                "maxPods"))));
        List<ClusterClassVariable> variables = List.of(
                ClusterClassVariable.of("maxRequests", JSONSchemaProps.builder("integer").build()),
                ClusterClassVariable.of("audit", JSONSchemaProps.builder("object")
                        .property("path", JSONSchemaProps.builder("string").build()).build()),
                ClusterClassVariable.of("ttl", JSONSchemaProps.builder("string").build()),
                ClusterClassVariable.of("cmArgs", JSONSchemaProps.builder("object")
                        .additionalProperties(JSONSchemaProps.builder("string").build()).build()),
                ClusterClassVariable.of("maxPods", JSONSchemaProps.builder("integer").build()));

        Map<String, Object> kcpt = map("apiVersion", "controlplane.cluster.x-k8s.io/v1beta2", "kind", "KubeadmControlPlaneTemplate",
                "metadata", map("name", "cp", "namespace", "ns"), "spec", map("template", map("spec", map("kubeadmConfigSpec",
                        map("clusterConfiguration", map("apiServer", map("certSANs", List.of("localhost"))))))));
        Map<String, Object> kct = map("apiVersion", "bootstrap.cluster.x-k8s.io/v1beta2", "kind", "KubeadmConfigTemplate",
                "metadata", map("name", "kct", "namespace", "ns"), "spec", map("template", map("spec",
                        map("joinConfiguration", map("nodeRegistration", map("name", "{{ local_hostname }}"))))));
        PatchConversion.Result r = PatchConversion.convert(patches, variables, List.of(
                new Target(Role.CONTROL_PLANE, null, "cp", kcpt), new Target(Role.MACHINE_DEPLOYMENT_CLASS, "default-worker", "kct", kct)));
        assertEquals(List.of(), r.problems());

        Map<String, Object> infraMachine = ref("infrastructure.cluster.x-k8s.io/v1beta1", "DockerMachineTemplate", "m");
        Map<String, Object> cc = map("apiVersion", "cluster.x-k8s.io/v1beta1", "kind", "ClusterClass",
                "metadata", map("name", "cc", "namespace", "ns"), "spec", map(
                        "infrastructure", map("ref", ref("infrastructure.cluster.x-k8s.io/v1beta1", "DockerClusterTemplate", "c")),
                        "controlPlane", map("ref", ref("controlplane.cluster.x-k8s.io/v1beta2", "KubeadmControlPlaneTemplate", "cp"),
                                "machineInfrastructure", map("ref", infraMachine)),
                        "workers", map("machineDeployments", List.of(map("class", "default-worker", "template", map(
                                "bootstrap", map("ref", ref("bootstrap.cluster.x-k8s.io/v1beta2", "KubeadmConfigTemplate", "kct")),
                                "infrastructure", map("ref", infraMachine))))),
                        "variables", Writer.toPlain(variables),
                        "patches", Writer.toPlain(r.patches())));
        List<Map<String, Object>> objects = List.of(cc, kcpt, kct,
                map("apiVersion", "infrastructure.cluster.x-k8s.io/v1beta1", "kind", "DockerClusterTemplate",
                        "metadata", map("name", "c", "namespace", "ns"), "spec", map("template", map("spec", map()))),
                map("apiVersion", "infrastructure.cluster.x-k8s.io/v1beta1", "kind", "DockerMachineTemplate",
                        "metadata", map("name", "m", "namespace", "ns"), "spec", map("template", map("spec",
                                map("customImage", "kindest/node:v1.32.5")))));

        Map<String, Map<String, Object>> planned = PlannedTopology.apply(tmp, objects, map("builtin", builtin(),
                "maxRequests", 1000000, "audit", map("path", "/var/log/kubernetes/audit.log"),
                "cmArgs", map("v", "2", "bind-address", "0.0.0.0"), "maxPods", 110));
        Map<String, Object> clusterConfiguration = at(planned.get("controlPlane"), "spec", "template", "spec", "kubeadmConfigSpec",
                "clusterConfiguration");
        assertEquals(map("certSANs", List.of("localhost"), "extraArgs", List.of(arg("max-requests-inflight", "1000000"),
                arg("audit-log-path", "/var/log/kubernetes/audit.log"), arg("event-ttl", "1h"),
                arg("enable-admission-plugins", "NodeRestriction"))), clusterConfiguration.get("apiServer"));
        assertEquals(map("extraArgs", List.of(arg("bind-address", "0.0.0.0"), arg("v", "2"))),
                clusterConfiguration.get("controllerManager"));
        assertEquals(map("name", "{{ local_hostname }}", "kubeletExtraArgs", List.of(arg("max-pods", "110"))),
                at(planned.get("md:default-worker:bootstrap"), "spec", "template", "spec", "joinConfiguration", "nodeRegistration"));

        // without maxPods the kubelet patch and its creator are both off: no empty kubeletExtraArgs is left
        Map<String, Map<String, Object>> off = PlannedTopology.apply(tmp, objects, map("builtin", builtin(),
                "maxRequests", 5, "audit", map("path", "/a"), "cmArgs", map("v", "1")));
        assertEquals(map("name", "{{ local_hostname }}"),
                at(off.get("md:default-worker:bootstrap"), "spec", "template", "spec", "joinConfiguration", "nodeRegistration"));
    }
}
