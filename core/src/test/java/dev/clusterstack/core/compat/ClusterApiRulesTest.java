package dev.clusterstack.core.compat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Cluster API's rebase rules, with the cases of {@code internal/topology/check/compatibility_test.go} (Cluster API
 * v1.14.0) ported as data; each case names the Go test and its case.
 */
class ClusterApiRulesTest {

    static final String[] REF = {"group.test.io/foo", "barTemplate", "baz"};
    static final String[] INCOMPATIBLE_REF = {"group.test.io/foo", "another-barTemplate", "baz"};
    static final String[] COMPATIBLE_REF = {"group.test.io/another-foo", "barTemplate", "another-baz"};
    static final String[] INFRA = {"infrastructure.cluster.x-k8s.io/v1beta1", "GenericInfrastructureClusterTemplate", "infra1"};

    static Stream<Arguments> templateCases() {
        String[] ref = {"test.group.io/versionone", "bar", "foo"};
        return Stream.of(
                Arguments.of("Allow change to template name", ref, new String[]{"test.group.io/versionone", "bar", "newFoo"}, List.of()),
                Arguments.of("Allow change to template APIVersion", ref, new String[]{"test.group.io/versiontwo", "bar", "foo"}, List.of()),
                Arguments.of("Block change to template API Group", ref, new String[]{"production.group.io/versionone", "bar", "foo"},
                        List.of("spec.apiVersion")),
                Arguments.of("Block change to template API Kind", ref, new String[]{"test.group.io/versionone", "notabar", "foo"},
                        List.of("spec.kind")));
    }

    /** TestClusterClassTemplateAreCompatible. */
    @ParameterizedTest(name = "TestClusterClassTemplateAreCompatible/{0}")
    @MethodSource("templateCases")
    void templateAreCompatible(String goCase, String[] current, String[] desired, List<String> errorPaths) {
        List<Hit> hits = new ArrayList<>();
        ClassRules.templates(ref(current), ref(desired), "spec", Rule.INFRASTRUCTURE_TEMPLATE, hits);
        assertEquals(errorPaths, hits.stream().map(Hit::path).toList(), goCase);
    }

    static Stream<Arguments> classCases() {
        return Stream.of(
                Arguments.of("TestClusterClassesAreCompatible/pass for compatible clusterClasses",
                        cc(REF, null, List.of(md("aa", REF, REF))),
                        cc(COMPATIBLE_REF, null, List.of(md("aa", COMPATIBLE_REF, COMPATIBLE_REF))), List.of()),
                Arguments.of("TestClusterClassesAreCompatible/error if clusterClass has incompatible ControlPlane ref",
                        cc(REF, null, List.of()), cc(INCOMPATIBLE_REF, null, List.of()),
                        List.of("control-plane-template spec.controlPlane.ref.kind")),
                Arguments.of("TestClusterClassesAreCompatible/pass for incompatible ref in MachineDeploymentClass bootstrapTemplate clusterClasses",
                        cc(REF, null, List.of(md("aa", REF, REF))), cc(REF, null, List.of(md("aa", INCOMPATIBLE_REF, REF))), List.of()),
                Arguments.of("TestClusterClassesAreCompatible/pass for incompatible ref in MachinePoolClass bootstrapTemplate clusterClasses",
                        ccPools(List.of(md("bb", REF, REF))), ccPools(List.of(md("bb", INCOMPATIBLE_REF, REF))), List.of()),
                // ClusterClassesAreCompatible passes; the removed class is refused for the clusters that use it
                // (MachineDeploymentTopologiesAreValidAndDefinedInClusterClass, and the ClusterClass webhook's
                // validateRemovedMachineDeploymentClassesAreNotUsed): the comparison assumes some cluster uses it
                Arguments.of("TestClusterClassesAreCompatible/pass if machineDeploymentClass is removed from ClusterClass",
                        cc(REF, null, List.of(md("aa", REF, REF), md("bb", REF, REF))),
                        cc(REF, null, List.of(md("aa", REF, REF))),
                        List.of("machine-deployment-class-removed spec.workers.machineDeployments")),
                Arguments.of("TestClusterClassesAreCompatible/pass if machinePoolClass is removed from ClusterClass",
                        ccPools(List.of(md("aa", REF, REF), md("bb", REF, REF))), ccPools(List.of(md("aa", REF, REF))),
                        List.of("machine-pool-class-removed spec.workers.machinePools")),
                Arguments.of("TestClusterClassesAreCompatible/error when current ControlPlane MachineInfrastructure TemplateRef is unset",
                        cc(REF, null, List.of()), cc(REF, REF, List.of()),
                        List.of("control-plane-machine-infrastructure spec.controlPlane.machineInfrastructure.ref")),
                Arguments.of("TestClusterClassesAreCompatible/error when desired ControlPlane MachineInfrastructure TemplateRef is unset",
                        cc(REF, REF, List.of()), cc(REF, null, List.of()),
                        List.of("control-plane-machine-infrastructure spec.controlPlane.machineInfrastructure.ref")),
                Arguments.of("TestMachineDeploymentClassesAreCompatible/pass if machineDeploymentClasses are compatible",
                        cc(REF, REF, List.of(md("aa", REF, REF))), cc(REF, REF, List.of(md("aa", COMPATIBLE_REF, COMPATIBLE_REF))),
                        List.of()),
                Arguments.of("TestMachineDeploymentClassesAreCompatible/error if machineDeploymentClass has multiple incompatible references",
                        cc(REF, REF, List.of(md("aa", REF, REF))),
                        cc(INCOMPATIBLE_REF, INCOMPATIBLE_REF, List.of(md("aa", COMPATIBLE_REF, INCOMPATIBLE_REF))),
                        List.of("control-plane-template spec.controlPlane.ref.kind",
                                "control-plane-machine-infrastructure spec.controlPlane.machineInfrastructure.ref.kind",
                                "machine-deployment-infrastructure spec.workers.machineDeployments[0].template.infrastructure.ref.kind")),
                Arguments.of("TestMachinePoolClassesAreCompatible/error if MachinePoolClass has multiple incompatible references",
                        ccPools(List.of(md("aa", REF, REF))), ccPools(List.of(md("aa", COMPATIBLE_REF, INCOMPATIBLE_REF))),
                        List.of("machine-pool-infrastructure spec.workers.machinePools[0].template.infrastructure.ref.kind")));
    }

    /** TestClusterClassesAreCompatible, TestMachineDeploymentClassesAreCompatible, TestMachinePoolClassesAreCompatible. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("classCases")
    void classesAreCompatible(String goCase, Map<String, Object> current, Map<String, Object> desired, List<String> hits) {
        List<Hit> found = ClassRules.compare(ClassView.read(current, List.of()), ClassView.read(desired, List.of()));
        assertEquals(hits, found.stream().map(h -> h.rule().id() + " " + h.path()).toList(), goCase);
    }

    @Test
    void infrastructureGroupChangeIsAnErrorNamingTheClusterApiRule() {
        String[] otherGroup = {"infrastructure.other.io/v1beta1", "GenericInfrastructureClusterTemplate", "infra1"};
        Map<String, Object> desired = cc(REF, null, List.of());
        desired = withInfrastructure(desired, otherGroup);
        List<Hit> hits = ClassRules.compare(ClassView.read(cc(REF, null, List.of()), List.of()), ClassView.read(desired, List.of()));
        assertEquals(1, hits.size());
        Finding f = new Finding(hits.get(0).rule(), CompatibilityPolicy.strict().level(hits.get(0).rule(), hits.get(0).path()),
                "docker-scs-1-32-v3", hits.get(0).path(), hits.get(0).message(), null);
        assertEquals("error: upgrade from docker-scs-1-32-v3: spec.infrastructure.ref.apiVersion: group of apiVersion cannot be"
                + " changed from \"infrastructure.cluster.x-k8s.io\" to \"infrastructure.other.io\" [Cluster API: ClusterClass"
                + " rebase refuses a changed infrastructure template group or kind (internal/topology/check/compatibility.go"
                + " ClusterClassesAreCompatible, ClusterClassTemplateAreCompatible)]", f.toString());
    }

    @Test
    void v1beta2TemplateRefsAreRead() {
        Map<String, Object> v1beta2 = new LinkedHashMap<>();
        v1beta2.put("apiVersion", "cluster.x-k8s.io/v1beta2");
        v1beta2.put("kind", "ClusterClass");
        v1beta2.put("metadata", Map.of("name", "c"));
        v1beta2.put("spec", Map.of(
                "infrastructure", Map.of("templateRef", refMap(INFRA)),
                "controlPlane", Map.of("templateRef", refMap(REF)),
                "workers", Map.of("machineDeployments", List.of(Map.of("class", "aa",
                        "bootstrap", Map.of("templateRef", refMap(REF)), "infrastructure", Map.of("templateRef", refMap(REF)))))));
        ClassView view = ClassView.read(v1beta2, List.of());
        assertEquals("templateRef", view.refField());
        assertEquals(ref(REF), view.machineDeployments().get("aa").infrastructure());
        assertEquals(ref(INFRA), view.infrastructure());
    }

    static TemplateRef ref(String[] r) {
        return new TemplateRef(r[0], r[1], r[2]);
    }

    static Map<String, Object> refMap(String[] r) {
        return Map.of("apiVersion", r[0], "kind", r[1], "name", r[2]);
    }

    static Map<String, Object> md(String cls, String[] bootstrap, String[] infra) {
        return Map.of("class", cls, "template", Map.of("bootstrap", Map.of("ref", refMap(bootstrap)),
                "infrastructure", Map.of("ref", refMap(infra))));
    }

    static Map<String, Object> cc(String[] controlPlane, String[] cpMachine, List<Map<String, Object>> mds) {
        Map<String, Object> cp = new LinkedHashMap<>();
        cp.put("ref", refMap(controlPlane));
        if (cpMachine != null) {
            cp.put("machineInfrastructure", Map.of("ref", refMap(cpMachine)));
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("infrastructure", Map.of("ref", refMap(INFRA)));
        spec.put("controlPlane", cp);
        spec.put("workers", Map.of("machineDeployments", mds));
        return Map.of("apiVersion", "cluster.x-k8s.io/v1beta1", "kind", "ClusterClass", "metadata", Map.of("name", "class1"),
                "spec", spec);
    }

    static Map<String, Object> ccPools(List<Map<String, Object>> pools) {
        Map<String, Object> base = cc(REF, null, List.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) base.get("spec"));
        spec.put("workers", Map.of("machinePools", pools));
        return Map.of("apiVersion", "cluster.x-k8s.io/v1beta1", "kind", "ClusterClass", "metadata", Map.of("name", "class1"),
                "spec", spec);
    }

    static Map<String, Object> withInfrastructure(Map<String, Object> clusterClass, String[] infra) {
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) clusterClass.get("spec"));
        spec.put("infrastructure", Map.of("ref", refMap(infra)));
        return Map.of("apiVersion", "cluster.x-k8s.io/v1beta1", "kind", "ClusterClass", "metadata", Map.of("name", "class1"),
                "spec", spec);
    }
}
