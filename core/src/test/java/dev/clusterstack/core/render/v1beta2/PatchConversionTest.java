package dev.clusterstack.core.render.v1beta2;

import dev.clusterstack.core.model.clusterclass.ClusterClassPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.JSONPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.JSONPatchValue;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.PatchDefinition;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.PatchSelector;
import dev.clusterstack.core.model.clusterclass.ClusterClassVariable;
import dev.clusterstack.core.model.clusterclass.JSONSchemaProps;
import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.render.v1beta2.PatchConversion.Result;
import dev.clusterstack.core.render.v1beta2.PatchConversion.Role;
import dev.clusterstack.core.render.v1beta2.PatchConversion.Target;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each rewrite and each refusal of {@link PatchConversion}, with the expected v1beta2 patches written by hand from
 * Cluster API's migration guide (docs/v1.10-to-v1.11.md: extraArgs became {@code [{name, value}]},
 * timeoutForControlPlane became {@code initConfiguration/joinConfiguration.timeouts.controlPlaneComponentHealthCheckSeconds},
 * networking was removed) and the v1beta2 CRD schemas.
 */
class PatchConversionTest {
    static final String K = "/spec/template/spec/kubeadmConfigSpec";
    static final String API = K + "/clusterConfiguration/apiServer/extraArgs";
    static final PatchSelector CP = PatchSelector.controlPlane("controlplane.cluster.x-k8s.io/v1beta1", "KubeadmControlPlaneTemplate");
    static final String CREATOR_DESCRIPTION = "Creates what the patch after it adds into: a v1beta2 template carries"
            + " no empty object or list.";
    static final PatchSelector CP2 = PatchSelector.controlPlane("controlplane.cluster.x-k8s.io/v1beta2", "KubeadmControlPlaneTemplate");

    /** A v1beta2 KubeadmControlPlaneTemplate as written without empty objects: apiServer has certSANs only. */
    static Map<String, Object> kcpt(Map<String, Object> clusterConfiguration) {
        return Map.of("apiVersion", "controlplane.cluster.x-k8s.io/v1beta2", "kind", "KubeadmControlPlaneTemplate",
                "spec", Map.of("template", Map.of("spec", Map.of("kubeadmConfigSpec",
                        Map.of("clusterConfiguration", clusterConfiguration, "postKubeadmCommands", List.of("echo"))))));
    }

    static final Map<String, Object> WITH_ARGS = kcpt(Map.of("apiServer", Map.of("extraArgs",
            List.of(Map.of("name", "profiling", "value", "false")))));
    static final Map<String, Object> NO_API_SERVER = kcpt(Map.of("controllerManager", Map.of("extraArgs",
            List.of(Map.of("name", "bind-address", "value", "0.0.0.0")))));

    static Result convert(Map<String, Object> template, List<ClusterClassVariable> variables, ClusterClassPatch... patches) {
        return PatchConversion.convert(List.of(patches), variables,
                List.of(new Target(Role.CONTROL_PLANE, null, "control-plane", template)));
    }

    static ClusterClassPatch patch(String name, String enabledIf, JSONPatch... ops) {
        return ClusterClassPatch.of(name, null, enabledIf, PatchDefinition.of(CP, ops));
    }

    static List<JSONPatch> ops(Result r, int patch) {
        return r.patches().get(patch).definitions().get(0).jsonPatches();
    }

    static String errors(Result r) {
        return String.join("\n", r.problems().stream().map(Problem::toString).toList());
    }

    static Map<String, Object> arg(String name, String value) {
        return Map.of("name", name, "value", value);
    }

    @Test
    void literalArgumentIsAppendedAsNameValueAndSelectorGetsV1beta2() {
        Result r = convert(WITH_ARGS, List.of(), patch("audit", null, JSONPatch.value("add", API + "/audit-log-maxage", "30")));
        assertEquals("", errors(r));
        assertEquals(List.of(JSONPatch.value("add", API + "/-", arg("audit-log-maxage", "30"))), ops(r, 0));
        assertEquals(CP2, r.patches().get(0).definitions().get(0).selector());
        assertEquals(List.of("patch 'audit' definition 0 op 0: add " + API + "/audit-log-maxage rewritten to append"
                + " {name: audit-log-maxage, value} to " + API + "/- (v1beta2)"), r.rewrites());
    }

    @Test
    void stringVariableBecomesATemplateOfNameAndValue() {
        List<ClusterClassVariable> vars = List.of(ClusterClassVariable.of("oidc", JSONSchemaProps.builder("object")
                .property("issuer_url", JSONSchemaProps.builder("string").build()).build()));
        Result r = convert(WITH_ARGS, vars, patch("oidc", null, JSONPatch.variable("add", API + "/oidc-issuer-url", "oidc.issuer_url")));
        assertEquals("", errors(r));
        assertEquals(List.of(JSONPatch.template("add", API + "/-",
                "name: \"oidc-issuer-url\"\nvalue: {{ .oidc.issuer_url | toJson }}\n")), ops(r, 0));
    }

    @Test
    void integerVariableIsRenderedAsAString() {
        List<ClusterClassVariable> vars = List.of(ClusterClassVariable.of("maxAge", JSONSchemaProps.builder("integer").build()));
        Result r = convert(WITH_ARGS, vars, patch("age", null, JSONPatch.variable("add", API + "/audit-log-maxage", "maxAge")));
        assertEquals(List.of(JSONPatch.template("add", API + "/-",
                "name: \"audit-log-maxage\"\nvalue: {{ .maxAge | toJson | toJson }}\n")), ops(r, 0));
        assertTrue(r.rewrites().get(0).endsWith(", the value rendered as a string"), r.rewrites().toString());
    }

    @Test
    void oneActionToJsonTemplateIsWrapped() {
        Result r = convert(WITH_ARGS, List.of(), patch("claim", null, JSONPatch.template("add", API + "/oidc-username-claim",
                "{{ .oidc.username_claim | default \"preferred_username\" | toJson }}")));
        assertEquals(List.of(JSONPatch.template("add", API + "/-", "name: \"oidc-username-claim\"\n"
                + "value: {{ .oidc.username_claim | default \"preferred_username\" | toJson }}\n")), ops(r, 0));
    }

    @Test
    void templateThatIsNotOneToJsonActionIsRefused() {
        Result r = convert(WITH_ARGS, List.of(), patch("claim", null, JSONPatch.template("add", API + "/oidc-client-id",
                "'{{ .oidc.client_id }}'")));
        assertEquals(1, r.problems().size(), errors(r));
        Problem p = r.problems().get(0);
        assertEquals("clusterClass.patches[0].definitions[0].jsonPatches[0].path", p.path());
        assertTrue(p.message().startsWith("patch 'claim' definition 0 op 0: add " + API + "/oidc-client-id on"
                + " KubeadmControlPlaneTemplate: valueFrom.template is not one {{ ... | toJson }} action"), p.message());
        assertTrue(p.message().endsWith("(output controlplane.cluster.x-k8s.io/v1beta2)"), p.message());
    }

    @Test
    void replaceAndRemoveOfOneArgumentAreRefused() {
        Result r = convert(WITH_ARGS, List.of(), patch("p", null,
                JSONPatch.value("replace", API + "/profiling", "true"),
                new JSONPatch("remove", API + "/profiling", null, null, Map.of())));
        assertEquals(2, r.problems().size(), errors(r));
        assertTrue(r.problems().get(0).message().contains("no JSON patch replaces its value exactly"), errors(r));
        assertEquals("clusterClass.patches[0].definitions[0].jsonPatches[1].path", r.problems().get(1).path());
        assertTrue(r.problems().get(1).message().contains("no JSON patch removes it exactly"), errors(r));
    }

    @Test
    void addOfAnArgumentTheTemplateHasIsRefused() {
        Result r = convert(WITH_ARGS, List.of(), patch("p", null, JSONPatch.value("add", API + "/profiling", "true")));
        assertEquals(1, r.problems().size(), errors(r));
        assertTrue(r.problems().get(0).message().contains("template 'control-plane' sets it already"), errors(r));
        assertTrue(r.problems().get(0).message().contains("names are unique"), errors(r));
    }

    @Test
    void twoPatchesAddingTheSameArgumentAreRefused() {
        Result r = convert(WITH_ARGS, List.of(),
                patch("a", "{{ if .a }}true{{ end }}", JSONPatch.value("add", API + "/v", "2")),
                patch("b", "{{ if .b }}true{{ end }}", JSONPatch.value("add", API + "/v", "4")));
        assertEquals(1, r.problems().size(), errors(r));
        assertEquals("clusterClass.patches[1].definitions[0].jsonPatches[0].path", r.problems().get(0).path());
        assertTrue(r.problems().get(0).message().contains("patch #0 adds it already"), errors(r));
    }

    @Test
    void wholeArgumentMapBecomesAList() {
        Map<String, Object> args = new java.util.LinkedHashMap<>();
        args.put("v", "2");
        args.put("profiling", "false");
        Result r = convert(WITH_ARGS, List.of(), patch("p", null, JSONPatch.value("replace", API, args)));
        assertEquals(List.of(JSONPatch.value("replace", API, List.of(arg("v", "2"), arg("profiling", "false")))), ops(r, 0));
    }

    @Test
    void argumentMapInsideALiteralObjectBecomesAList() {
        Result r = convert(NO_API_SERVER, List.of(), patch("p", null, JSONPatch.value("add", K + "/clusterConfiguration/apiServer",
                Map.of("extraArgs", Map.of("v", "2")))));
        assertEquals(List.of(JSONPatch.value("add", K + "/clusterConfiguration/apiServer",
                Map.of("extraArgs", List.of(arg("v", "2"))))), ops(r, 0));
    }

    @Test
    void mapVariableIsRenderedAsAListByRange() {
        List<ClusterClassVariable> vars = List.of(ClusterClassVariable.of("args", JSONSchemaProps.builder("object").build()));
        Result r = convert(WITH_ARGS, vars, patch("p", null, JSONPatch.variable("add", API, "args")));
        assertEquals(List.of(JSONPatch.template("add", API, "{{- range $k, $v := .args }}\n- name: {{ $k | toJson }}\n"
                + "  value: {{ if kindIs \"string\" $v }}{{ $v | toJson }}{{ else }}{{ $v | toJson | toJson }}{{ end }}\n"
                + "{{- end }}\n")), ops(r, 0));
    }

    @Test
    void timeoutForControlPlaneInWholeSecondsMovesToBothTimeouts() {
        Map<String, Object> template = kcpt(Map.of("apiServer", Map.of("certSANs", List.of("a"))));
        Map<String, Object> withTimeouts = Map.of("apiVersion", "controlplane.cluster.x-k8s.io/v1beta2",
                "kind", "KubeadmControlPlaneTemplate", "spec", Map.of("template", Map.of("spec", Map.of("kubeadmConfigSpec",
                        Map.of("initConfiguration", Map.of("timeouts", Map.of("kubeletHealthCheckSeconds", 40)),
                                "joinConfiguration", Map.of("timeouts", Map.of("kubeletHealthCheckSeconds", 40)))))));
        Result r = convert(withTimeouts, List.of(), patch("t", null,
                JSONPatch.value("add", K + "/clusterConfiguration/apiServer/timeoutForControlPlane", "4m30s")));
        assertEquals("", errors(r));
        assertEquals(List.of(
                JSONPatch.value("add", K + "/initConfiguration/timeouts/controlPlaneComponentHealthCheckSeconds", 270L),
                JSONPatch.value("add", K + "/joinConfiguration/timeouts/controlPlaneComponentHealthCheckSeconds", 270L)), ops(r, 0));

        Result fraction = convert(template, List.of(), patch("t", null,
                JSONPatch.value("add", K + "/clusterConfiguration/apiServer/timeoutForControlPlane", "1500ms")));
        assertEquals(1, fraction.problems().size());
        assertTrue(fraction.problems().get(0).message().contains("only a literal duration of whole seconds"), errors(fraction));
        Result variable = convert(template, List.of(), patch("t", null,
                JSONPatch.variable("add", K + "/clusterConfiguration/apiServer/timeoutForControlPlane", "timeout")));
        assertEquals(1, variable.problems().size(), errors(variable));
    }

    @Test
    void removedFieldsAreLocatedErrors() {
        Result r = convert(WITH_ARGS, List.of(),
                patch("net", null, JSONPatch.value("add", K + "/clusterConfiguration/networking/dnsDomain", "example.org")),
                patch("ver", null, JSONPatch.value("add", K + "/clusterConfiguration/kubernetesVersion", "v1.34.1")));
        assertEquals(2, r.problems().size(), errors(r));
        assertEquals("patch 'net' definition 0 op 0: add " + K + "/clusterConfiguration/networking/dnsDomain on"
                + " KubeadmControlPlaneTemplate: " + K + "/clusterConfiguration/networking does not exist in v1beta2 (taken from"
                + " the Cluster's spec.clusterNetwork) (output controlplane.cluster.x-k8s.io/v1beta2)", r.problems().get(0).message());
        assertEquals("clusterClass.patches[1].definitions[0].jsonPatches[0].path", r.problems().get(1).path());
    }

    @Test
    void renamedKcptFieldsGetTheirNewPathAndTheirMissingParentsAreCreatedFirst() {
        Result r = convert(WITH_ARGS, List.of(), patch("p", null,
                JSONPatch.value("add", "/spec/template/spec/rolloutStrategy", Map.of("type", "RollingUpdate")),
                JSONPatch.value("add", "/spec/template/spec/machineTemplate/nodeDrainTimeout", "5m")));
        assertEquals("", errors(r));
        assertEquals(List.of(
                ClusterClassPatch.of("p-v1beta2-parents", CREATOR_DESCRIPTION, null, PatchDefinition.of(CP2,
                        JSONPatch.value("add", "/spec/template/spec/rollout", Map.of()),
                        JSONPatch.value("add", "/spec/template/spec/machineTemplate", Map.of("spec", Map.of("deletion", Map.of()))))),
                ClusterClassPatch.of("p", null, null, PatchDefinition.of(CP2,
                        JSONPatch.value("add", "/spec/template/spec/rollout/strategy", Map.of("type", "RollingUpdate")),
                        JSONPatch.value("add", "/spec/template/spec/machineTemplate/spec/deletion/nodeDrainTimeoutSeconds", 300L)))),
                r.patches());
    }

    @Test
    void missingApiServerIsCreatedByAPatchWithTheSameEnabledIf() {
        String enabledIf = "{{ if .oidc }}true{{ end }}";
        Result r = convert(NO_API_SERVER, List.of(), patch("oidc", enabledIf,
                JSONPatch.value("add", API + "/a", "1"), JSONPatch.value("add", API + "/b", "2")));
        assertEquals("", errors(r));
        assertEquals(List.of(
                ClusterClassPatch.of("oidc-v1beta2-parents", CREATOR_DESCRIPTION, enabledIf, PatchDefinition.of(CP2,
                        JSONPatch.value("add", K + "/clusterConfiguration/apiServer", Map.of("extraArgs", List.of())))),
                ClusterClassPatch.of("oidc", null, enabledIf, PatchDefinition.of(CP2,
                        JSONPatch.value("add", API + "/-", arg("a", "1")),
                        JSONPatch.value("add", API + "/-", arg("b", "2"))))), r.patches());
        assertTrue(r.rewrites().contains("patch 'oidc-v1beta2-parents' inserted before patch 'oidc': add " + K
                + "/clusterConfiguration/apiServer {extraArgs: []} to template 'control-plane' when 'oidc' is enabled: it adds"
                + " into it, and v1beta2 templates carry no empty object or list"), r.rewrites().toString());
    }

    @Test
    void aContainerNeededByAnAlwaysEnabledPatchIsCreatedAlways() {
        Result r = convert(NO_API_SERVER, List.of(),
                patch("more", "{{ if .x }}true{{ end }}", JSONPatch.value("add", API + "/b", "2")),
                patch("base", null, JSONPatch.value("add", API + "/a", "1")));
        assertEquals("", errors(r));
        assertEquals(List.of("more-v1beta2-parents", "more", "base"), r.patches().stream().map(ClusterClassPatch::name).toList());
        assertEquals(null, r.patches().get(0).enabledIf());
        assertEquals(List.of(JSONPatch.value("add", API + "/-", arg("b", "2"))), ops(r, 1));
        assertEquals(List.of(JSONPatch.value("add", API + "/-", arg("a", "1"))), ops(r, 2));
    }

    @Test
    void conditionalPatchesAddingIntoOneMissingListShareACreatorEnabledWhenAnyIs() {
        Result r = convert(NO_API_SERVER, List.of(),
                patch("etcdDefrag", "{{ if .a }}true{{ end }}", JSONPatch.value("add", K + "/files/-", Map.of("path", "/a"))),
                patch("proxy", "{{ if .p }}{{ if or .p.http .p.https }}true{{ end }}{{ end }}",
                        JSONPatch.value("add", K + "/files/-", Map.of("path", "/b"))));
        assertEquals("", errors(r));
        assertEquals(ClusterClassPatch.of("etcdDefrag-v1beta2-parents", CREATOR_DESCRIPTION,
                "{{ if or (.a) (and (.p) (or .p.http .p.https)) }}true{{ end }}",
                PatchDefinition.of(CP2, JSONPatch.value("add", K + "/files", List.of()))), r.patches().get(0));
        assertEquals(List.of(JSONPatch.value("add", K + "/files/-", Map.of("path", "/a"))), ops(r, 1));
        assertEquals(List.of(JSONPatch.value("add", K + "/files/-", Map.of("path", "/b"))), ops(r, 2));
    }

    @Test
    void aParentAddedByAnEarlierPatchWithoutTheListGetsTheListCreatedAfterIt() {
        String enabledIf = "{{ if .oidc }}true{{ end }}";
        Result r = convert(NO_API_SERVER, List.of(),
                patch("sans", null, JSONPatch.value("add", K + "/clusterConfiguration/apiServer", Map.of("certSANs", List.of("a")))),
                patch("oidc", enabledIf, JSONPatch.value("add", API + "/a", "1")));
        assertEquals("", errors(r));
        assertEquals(List.of("sans", "oidc-v1beta2-parents", "oidc"), r.patches().stream().map(ClusterClassPatch::name).toList());
        assertEquals(ClusterClassPatch.of("oidc-v1beta2-parents", CREATOR_DESCRIPTION, enabledIf,
                PatchDefinition.of(CP2, JSONPatch.value("add", API, List.of()))), r.patches().get(1));

        Result holding = convert(NO_API_SERVER, List.of(),
                patch("base", null, JSONPatch.value("add", K + "/clusterConfiguration/apiServer", Map.of("extraArgs", Map.of("v", "2")))),
                patch("oidc", enabledIf, JSONPatch.value("add", API + "/a", "1")));
        assertEquals("", errors(holding));
        assertEquals(List.of("base", "oidc"), holding.patches().stream().map(ClusterClassPatch::name).toList());

        Result fromTemplate = convert(NO_API_SERVER, List.of(),
                patch("base", null, JSONPatch.template("add", K + "/clusterConfiguration/apiServer", "{{ .api | toJson }}")),
                patch("oidc", enabledIf, JSONPatch.value("add", API + "/a", "1")));
        assertEquals(1, fromTemplate.problems().size(), errors(fromTemplate));
        assertEquals("clusterClass.patches[1].definitions[0].jsonPatches[0].path", fromTemplate.problems().get(0).path());
        assertTrue(errors(fromTemplate).contains("is not known"), errors(fromTemplate));
    }

    @Test
    void conditionsThatCannotBeCombinedGetACreatorEach() {
        String ovn = "{{ eq .lb \"ovn\" }}";
        Result r = convert(NO_API_SERVER, List.of(),
                patch("a", ovn, JSONPatch.value("add", K + "/files/-", Map.of("path", "/a"))),
                patch("b", "{{ if .b }}true{{ end }}", JSONPatch.value("add", K + "/files/-", Map.of("path", "/b"))));
        assertEquals("", errors(r));
        assertEquals(List.of(
                ClusterClassPatch.of("a-v1beta2-parents", CREATOR_DESCRIPTION, ovn, PatchDefinition.of(CP2,
                        JSONPatch.value("add", K + "/files", List.of()))),
                ClusterClassPatch.of("a-v1beta2-parents-2", CREATOR_DESCRIPTION, "{{ if .b }}true{{ end }}", PatchDefinition.of(CP2,
                        JSONPatch.value("add", K + "/files", List.of())))), r.patches().subList(0, 2));
        assertEquals(List.of("a-v1beta2-parents", "a-v1beta2-parents-2", "a", "b"),
                r.patches().stream().map(ClusterClassPatch::name).toList());
    }

    @Test
    void infrastructurePatchesStayAsTheyAre() {
        PatchSelector infra = PatchSelector.infrastructureCluster("infrastructure.cluster.x-k8s.io/v1beta1", "OpenStackClusterTemplate");
        ClusterClassPatch p = ClusterClassPatch.of("lb", null, null,
                PatchDefinition.of(infra, JSONPatch.value("add", "/spec/template/spec/apiServerLoadBalancer/enabled", true)));
        Map<String, Object> openStack = Map.of("apiVersion", "infrastructure.cluster.x-k8s.io/v1beta1",
                "kind", "OpenStackClusterTemplate", "spec", Map.of("template", Map.of("spec", Map.of())));
        // the template has no apiServerLoadBalancer: the same in both outputs, so nothing is created for it
        Result r = PatchConversion.convert(List.of(p), List.of(), List.of(new Target(Role.INFRASTRUCTURE_CLUSTER, null, "cluster",
                openStack)));
        assertEquals(List.of(p), r.patches());
        assertTrue(r.rewrites().isEmpty());
        assertFalse(r.hasErrors());
    }

    @Test
    void kubeletExtraArgsOfTheWorkerTemplateAreAppended() {
        PatchSelector workers = PatchSelector.machineDeploymentClass("bootstrap.cluster.x-k8s.io/v1beta1", "KubeadmConfigTemplate",
                "default-worker");
        Map<String, Object> kct = Map.of("apiVersion", "bootstrap.cluster.x-k8s.io/v1beta2", "kind", "KubeadmConfigTemplate",
                "spec", Map.of("template", Map.of("spec", Map.of("joinConfiguration",
                        Map.of("nodeRegistration", Map.of("name", "x"))))));
        String kubelet = "/spec/template/spec/joinConfiguration/nodeRegistration/kubeletExtraArgs";
        ClusterClassPatch p = ClusterClassPatch.of("kubelet", null, null,
                PatchDefinition.of(workers, JSONPatch.value("add", kubelet + "/max-pods", "200")));
        Result r = PatchConversion.convert(List.of(p), List.of(),
                List.of(new Target(Role.MACHINE_DEPLOYMENT_CLASS, "default-worker", "worker", kct)));
        assertEquals("", errors(r));
        assertEquals(List.of(
                ClusterClassPatch.of("kubelet-v1beta2-parents", CREATOR_DESCRIPTION, null, PatchDefinition.of(
                        PatchSelector.machineDeploymentClass("bootstrap.cluster.x-k8s.io/v1beta2", "KubeadmConfigTemplate",
                                "default-worker"), JSONPatch.value("add", kubelet, List.of()))),
                ClusterClassPatch.of("kubelet", null, null, PatchDefinition.of(
                        PatchSelector.machineDeploymentClass("bootstrap.cluster.x-k8s.io/v1beta2", "KubeadmConfigTemplate",
                                "default-worker"), JSONPatch.value("add", kubelet + "/-", arg("max-pods", "200"))))),
                r.patches());
    }

    @Test
    void anAppendInV1beta2FormStaysAndCountsForTheDuplicateCheck() {
        Result r = convert(WITH_ARGS, List.of(), patch("p", null,
                JSONPatch.value("add", API + "/-", arg("v", "2")), JSONPatch.value("add", API + "/v", "4")));
        assertEquals(JSONPatch.value("add", API + "/-", arg("v", "2")), ops(r, 0).get(0));
        assertEquals(1, r.problems().size(), errors(r));
        assertEquals("clusterClass.patches[0].definitions[0].jsonPatches[1].path", r.problems().get(0).path());
    }

    @Test
    void unknownVariableTypeGetsATypeTestingTemplate() {
        Result r = convert(WITH_ARGS, List.of(), patch("p", null, JSONPatch.variable("add", API + "/x", "undeclared.a-b[1]")));
        assertEquals(List.of(new JSONPatch("add", API + "/-", null, new JSONPatchValue(null, "name: \"x\"\nvalue: {{ $v := (index"
                + " . \"undeclared\" \"a-b\" 1) }}{{ if kindIs \"string\" $v }}{{ $v | toJson }}{{ else }}{{ $v | toJson | toJson }}"
                + "{{ end }}\n", Map.of()), Map.of())), ops(r, 0));
    }
}
