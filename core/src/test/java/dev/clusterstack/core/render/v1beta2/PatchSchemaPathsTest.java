package dev.clusterstack.core.render.v1beta2;

import dev.clusterstack.core.crd.CrdSchemas;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.JSONPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.PatchDefinition;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.PatchSelector;
import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.render.v1beta2.PatchConversion.Result;
import dev.clusterstack.core.testsupport.SharedFolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** User-written patch paths checked against the real v1beta2 CRD schemas of Cluster API v1.14.0. */
@Tag("shared")
class PatchSchemaPathsTest {
    static CrdSchemas crds;

    @BeforeAll
    static void load() {
        crds = CrdSchemas.load(SharedFolder.sharedOrSkip("crds/cluster-api-v1.14.0"));
    }

    static Result convert(PatchSelector selector, JSONPatch... ops) {
        return PatchConversion.convert(List.of(ClusterClassPatch.of("p", null, null, PatchDefinition.of(selector, ops))),
                List.of(), List.of(), crds);
    }

    @Test
    void pathsTheV1beta2SchemaHasPass() {
        Result r = convert(PatchConversionTest.CP,
                JSONPatch.value("add", PatchConversionTest.K + "/files/-", Map.of("path", "/a", "content", "a")),
                JSONPatch.value("add", PatchConversionTest.API + "/v", "2"),
                JSONPatch.value("add", PatchConversionTest.K + "/clusterConfiguration/featureGates/EtcdLearnerMode", true),
                JSONPatch.value("add", "/spec/template/spec/machineTemplate/nodeDrainTimeout", "1m"));
        assertEquals(List.of(), r.problems());
    }

    @Test
    void aPathTheSchemaLacksIsALocatedErrorNamingTheVersion() {
        Result r = convert(PatchConversionTest.CP, JSONPatch.value("add", PatchConversionTest.K
                + "/clusterConfiguration/apiServer/extraArgz/v", "2"));
        assertEquals(1, r.problems().size());
        Problem p = r.problems().get(0);
        assertEquals("clusterClass.patches[0].definitions[0].jsonPatches[0].path", p.path());
        assertEquals("patch 'p' definition 0 op 0: add " + PatchConversionTest.K + "/clusterConfiguration/apiServer/extraArgz/v: "
                + PatchConversionTest.K + "/clusterConfiguration/apiServer has no field 'extraArgz' in the CRD schema of"
                + " KubeadmControlPlaneTemplate controlplane.cluster.x-k8s.io/v1beta2 (checked by clusterstack against the CRDs"
                + " given; Cluster API fails a JSON patch through a missing field, and the API server drops an unknown one)",
                p.message());
    }

    @Test
    void aRenderedClassIsCheckedPatchByPatch() {
        Map<String, Object> ok = Map.of("name", "ok", "definitions", List.of(Map.of(
                "selector", Map.of("apiVersion", "controlplane.cluster.x-k8s.io/v1beta2", "kind", "KubeadmControlPlaneTemplate"),
                "jsonPatches", List.of(Map.of("op", "add", "path", PatchConversionTest.API + "/-")))));
        Map<String, Object> typo = Map.of("name", "typo", "definitions", List.of(Map.of(
                "selector", Map.of("apiVersion", "bootstrap.cluster.x-k8s.io/v1beta2", "kind", "KubeadmConfigTemplate"),
                "jsonPatches", List.of(
                        Map.of("op", "add", "path", "/spec/template/spec/joinConfiguration/nodeRegistration/kubeletExtraArgs/max-pods"),
                        Map.of("op", "add", "path", "/spec/template/spec/postKubeadmCommand/-")))));
        Map<String, Object> cc = Map.of("apiVersion", "cluster.x-k8s.io/v1beta2", "kind", "ClusterClass",
                "spec", Map.of("patches", List.of(ok, typo)));
        List<String[]> missing = SchemaPaths.missingPaths(cc, crds);
        assertEquals(List.of("spec.patches[1] (typo).definitions[0].jsonPatches[0].path: /spec/template/spec/joinConfiguration/"
                        + "nodeRegistration/kubeletExtraArgs/max-pods: /spec/template/spec/joinConfiguration/nodeRegistration/"
                        + "kubeletExtraArgs is a list: 'max-pods' is not an index in the CRD schema of KubeadmConfigTemplate"
                        + " bootstrap.cluster.x-k8s.io/v1beta2",
                "spec.patches[1] (typo).definitions[0].jsonPatches[1].path: /spec/template/spec/postKubeadmCommand/-:"
                        + " /spec/template/spec has no field 'postKubeadmCommand' in the CRD schema of KubeadmConfigTemplate"
                        + " bootstrap.cluster.x-k8s.io/v1beta2"),
                missing.stream().map(m -> m[0] + ": " + m[1]).toList());
    }

    /** The sample stacks' patch paths exist in the CRDs the sample builds verify against (no false alarms of verify). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"openstack, cluster-api-v1.10.10, cluster-api-provider-openstack-v0.14.7",
            "openstack, cluster-api-v1.14.0, cluster-api-provider-openstack-v0.12.7", "docker, cluster-api-v1.10.10, ",
            "docker, cluster-api-v1.14.0, "})
    void theSamplesPatchPathsExistInTheirCrds(String sample, String capi, String capo) {
        List<java.nio.file.Path> folders = new java.util.ArrayList<>(List.of(SharedFolder.sharedOrSkip("crds/" + capi)));
        if (capo != null) {
            folders.add(SharedFolder.sharedOrSkip("crds/" + capo));
        }
        CrdSchemas schemas = CrdSchemas.load(folders.toArray(java.nio.file.Path[]::new));
        var stack = dev.clusterstack.core.definition.StackDefinition.load(
                java.nio.file.Path.of("../sample-stack/src/main/clusterstack/" + sample + "/stack.yaml")).stack();
        int checked = 0;
        for (var release : stack.releases()) {
            for (var version : List.of(dev.clusterstack.core.model.ClusterApiVersion.V1BETA1,
                    dev.clusterstack.core.model.ClusterApiVersion.V1BETA2)) {
                Map<String, Object> cc = dev.clusterstack.core.render.ClusterApiWriter.of(version).clusterClassObject(release.content());
                assertEquals(List.of(), SchemaPaths.missingPaths(cc, schemas).stream().map(m -> m[0] + ": " + m[1]).toList(),
                        release.kubernetesVersion() + " " + version);
                checked++;
            }
        }
        assertEquals(true, checked >= 2);
    }

    @Test
    void infrastructureTemplatesAreCheckedInTheirOwnVersion() {
        PatchSelector dmt = PatchSelector.machineDeploymentClass("infrastructure.cluster.x-k8s.io/v1beta1", "DockerMachineTemplate", "w");
        assertEquals(List.of(), convert(dmt, JSONPatch.value("add", "/spec/template/spec/customImage", "kindest/node:v1.34.0"))
                .problems());
        Result typo = convert(dmt, JSONPatch.value("add", "/spec/template/spec/customImag", "kindest/node:v1.34.0"));
        assertEquals(1, typo.problems().size());
        assertEquals(true, typo.problems().get(0).message().contains("/spec/template/spec has no field 'customImag' in the CRD"
                + " schema of DockerMachineTemplate infrastructure.cluster.x-k8s.io/v1beta1"), typo.problems().toString());
        PatchSelector dev = PatchSelector.machineDeploymentClass("infrastructure.cluster.x-k8s.io/v1beta2", "DevMachineTemplate", "w");
        assertEquals(List.of(), convert(dev, JSONPatch.value("add", "/spec/template/spec/backend/docker/customImage", "kindest/node"))
                .problems());
        assertEquals(1, convert(dev, JSONPatch.value("add", "/spec/template/spec/customImage", "kindest/node")).problems().size());
    }
}
