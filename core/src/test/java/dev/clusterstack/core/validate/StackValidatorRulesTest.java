package dev.clusterstack.core.validate;

import dev.clusterstack.core.definition.Definitions;
import dev.clusterstack.core.definition.StackDefinition;
import dev.clusterstack.core.problem.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One broken definition per rule of {@link StackValidator}, each a variant of
 * {@code definition/valid/minimal.yaml} (or of the 28-line head shared by the files) with exactly
 * one mistake. Every case asserts the complete list of problems as printed: file, line and column
 * of the offending field, the model path and the exact message, and that nothing else is reported.
 */
class StackValidatorRulesTest {
    private static final String DASH = " must match [a-z0-9]+ (lower-case letters and digits, no dash:"
            + " the operator splits release names on '-')";
    private static final String SCHEMA = "clusterClass.variables[0].schema.openAPIV3Schema";
    private static final String JP = "clusterClass.patches[0].definitions[0].jsonPatches[0]";
    private static final String SCHEMA_REPLICAS = "clusterClass.variables[0].schema.openAPIV3Schema";
    private static final String OWN = " (a clusterstack rule, not Cluster API's)";
    private static final String CP_FILES = "templates[3].spec.template.spec.kubeadmConfigSpec.files";

    static Stream<Arguments> rules() {
        return Stream.of(
                // computed names, template names per kind
                rule("template-metadata-name", "14:7: error: templates[0].metadata.name: the chart computes the"
                        + " object's name ({{ .Release.Name }}-{{ .Chart.Version }}-cluster): give the suffix as"
                        + " templates[0].name; a metadata.name here would replace it" + OWN),
                rule("ref-ambiguous", "9:5: error: clusterClass.controlPlane.ref: 'control-plane' names 2 templates,"
                        + " say which: KubeadmControlPlaneTemplate/control-plane, OpenStackMachineTemplate/control-plane",
                        "11:7: error: clusterClass.controlPlane.machineInfrastructure.ref: 'control-plane' names 2"
                        + " templates, say which: KubeadmControlPlaneTemplate/control-plane,"
                        + " OpenStackMachineTemplate/control-plane"),
                rule("ref-kind-unknown", "9:5: error: clusterClass.controlPlane.ref: no DockerMachineTemplate named"
                        + " 'control-plane'; 'control-plane' is a KubeadmControlPlaneTemplate"),
                // checks Cluster API, Helm or the operator would only make later
                rule("cel-invalid-rule", "16:15: error: " + SCHEMA_REPLICAS + ".x-kubernetes-validations[0].rule: not a"
                        + " valid CEL rule: mismatched input '<EOF>' expecting {'[', '{', '(', '.', '-', '!', 'true', 'false',"
                        + " 'null', NUM_FLOAT, NUM_INT, NUM_UINT, STRING, BYTES, IDENTIFIER}",
                        "17:15: error: " + SCHEMA_REPLICAS + ".x-kubernetes-validations[1].rule: not a valid CEL rule:"
                        + " found no matching overload for 'startsWith' applied to 'int.(string)' (candidates: string.(string))"),
                rule("cel-rule-fields", "15:9: error: " + SCHEMA_REPLICAS + ": additionalProperties and properties are"
                        + " mutually exclusive",
                        "27:36: error: " + SCHEMA_REPLICAS + ".x-kubernetes-validations[0].message: message must be"
                        + " non-empty if specified",
                        "28:36: error: " + SCHEMA_REPLICAS + ".x-kubernetes-validations[1].reason: 'InternalError' is not"
                        + " one of FieldValueDuplicate, FieldValueForbidden, FieldValueInvalid, FieldValueRequired",
                        "29:15: error: " + SCHEMA_REPLICAS + ".x-kubernetes-validations[2].message: message must be"
                        + " specified if rule contains line breaks",
                        "24:21: error: " + SCHEMA_REPLICAS + ".properties.names.items.x-kubernetes-validations[0].rule:"
                        + " oldSelf cannot be used on the uncorrelatable portion of the schema within " + SCHEMA_REPLICAS
                        + ".properties.names.items (the items of a list)"),
                rule("json-patch-path-missing", "15:29: error: clusterClass.patches[0].definitions[0].jsonPatches[0].path:"
                        + " '/spec/template/spec/kubeadmConfigSpec/format': template 'control-plane'"
                        + " (KubeadmControlPlaneTemplate) has no /spec/template/spec/kubeadmConfigSpec/format (after the"
                        + " patches before this one): Cluster API fails to replace a path that does not exist",
                        "16:25: error: clusterClass.patches[0].definitions[0].jsonPatches[1].path:"
                        + " '/spec/template/spec/kubeadmConfigSpec/verbosity/level' runs through a number at"
                        + " /spec/template/spec/kubeadmConfigSpec/verbosity/level in template 'control-plane'"
                        + " (KubeadmControlPlaneTemplate): Cluster API cannot apply it",
                        "17:25: warning: clusterClass.patches[0].definitions[0].jsonPatches[2].path:"
                        + " '/spec/template/spec/kubeadmConfigSpec/clusterConfiguration/imageRepository': template"
                        + " 'control-plane' (KubeadmControlPlaneTemplate) has no"
                        + " /spec/template/spec/kubeadmConfigSpec/clusterConfiguration, the parent this patch adds to;"
                        + " Cluster API fails unless a CRD default of KubeadmControlPlaneTemplate creates it (CRD defaults"
                        + " are not known to this check)"),
                rule("addon-chart-version-semver", "17:27: error: addons[0].chart.version: 'latest' is not a SemVer version"
                        + " as Helm requires (MAJOR[.MINOR[.PATCH]][-PRERELEASE][+BUILD], an optional leading v)"),
                rule("md-bootstrap-wrong-kind", "15:13: error: clusterClass.workers.machineDeployments[0].template.bootstrap"
                        + ".ref: 'cluster' is a DockerClusterTemplate (infrastructure.cluster.x-k8s.io), but this reference"
                        + " needs a bootstrap template (bootstrap.cluster.x-k8s.io)" + OWN,
                        "17:13: error: clusterClass.workers.machineDeployments[0].template.infrastructure.ref:"
                        + " 'control-plane' is a KubeadmControlPlaneTemplate (controlplane.cluster.x-k8s.io), but this"
                        + " reference needs an infrastructure machine template (infrastructure.cluster.x-k8s.io)" + OWN),
                rule("field-wrong-level", "16:7: error: templates[1].spec.preKubeadmCommands: 'preKubeadmCommands' is not"
                        + " a field at this level (it would pass through as an unknown field and Cluster API would drop or"
                        + " refuse it), did you mean 'templates[1].spec.template.spec.kubeadmConfigSpec.preKubeadmCommands'?"),
                rule("helm-escape", "15:7: error: clusterClass.patches[0].enabledIf: holds the Helm escape"
                        + " {{ `{{ if .user }}true{{ end }}` }}, left from a hand-written chart: the chart is written for"
                        + " you and escapes every literal, so write the Go template itself ({{ if .user }}true{{ end }})",
                        "31:17: warning: templates[1].spec.template.spec.kubeadmConfigSpec.files[0].content: holds the Helm"
                        + " escape {{ `{{ ds.meta_data.local_hostname }}` }}, left from a hand-written chart: the chart is"
                        + " written for you and escapes every literal, so write the Go template itself"
                        + " ({{ ds.meta_data.local_hostname }})"),
                // names of the stack
                rule("provider-dash", "1:1: error: provider: 'dock-er'" + DASH),
                rule("name-dash", "2:1: error: name: 's-cs'" + DASH),
                rule("provider-missing", "2:1: error: provider: a provider is required (openstack, docker, ...: [a-z0-9]+)"),
                // Kubernetes versions
                rule("kubernetes-version-invalid",
                        "4:5: error: kubernetesVersions[0].version: '1.32' is not a full Kubernetes version such as 1.32.5"),
                rule("kubernetes-minor-twice", "6:5: error: kubernetesVersions[2].version: Kubernetes 1.32 is given twice"
                        + " (also kubernetesVersions[0]): one version per minor, each minor is its own cluster stack"),
                // variables
                rule("variable-name-twice",
                        "32:7: error: clusterClass.variables[1].name: variable 'imageRepository' is declared twice"),
                rule("variable-name-builtin", "30:7: error: clusterClass.variables[0].name: 'builtin' is reserved by"
                        + " Cluster API for its built-in variables"),
                rule("variable-name-identifier", "30:7: error: clusterClass.variables[0].name: 'image-repository' must be"
                        + " a Go template identifier ([A-Za-z_][A-Za-z0-9_]*) so patches can read it" + OWN),
                // variable schemas
                rule("schema-type-unknown", "33:11: error: " + SCHEMA + ".type: 'int' is not a schema type: use one of"
                        + " object, array, string, integer, number, boolean"),
                rule("schema-type-missing", "32:9: error: " + SCHEMA + ".type: a type is required"),
                rule("schema-default-type",
                        "34:11: error: " + SCHEMA + ".default: default \"3\" is a string, the schema type is integer"),
                rule("schema-example-type",
                        "34:11: error: " + SCHEMA + ".example: example \"three\" is a string, the schema type is integer"),
                rule("schema-enum-value-type",
                        "34:25: error: " + SCHEMA + ".enum[1]: enum value 2 is an integer, the schema type is string"),
                rule("schema-default-not-in-enum",
                        "34:11: error: " + SCHEMA + ".default: default huge is not one of the enum values [small, large]"),
                rule("schema-enum-duplicate", "34:32: error: " + SCHEMA + ".enum[2]: enum value small is listed twice"),
                rule("schema-enum-empty", "34:11: error: " + SCHEMA + ".enum: an enum needs at least one value"),
                rule("schema-array-without-items", "32:9: error: " + SCHEMA + ".items: an array schema needs items"),
                rule("schema-nested-property",
                        "37:13: error: " + SCHEMA + ".properties.noProxy.items: an array schema needs items"),
                rule("schema-required-missing",
                        "36:11: error: " + SCHEMA + ".required: required property 'https' is not among the properties"
                                + " (a clusterstack rule, not Cluster API's)"),
                rule("schema-bad-pattern", "34:11: error: " + SCHEMA + ".pattern: not a valid regular expression:"
                        + " Unclosed character class near index 4"),
                rule("schema-default-pattern", "35:11: error: " + SCHEMA + ".default: default \"Example.COM\" does not"
                        + " match the pattern ^[a-z.]+$"),
                rule("schema-min-max", "34:11: error: " + SCHEMA + ".minimum: minimum 5 is greater than maximum 3"),
                rule("schema-default-object",
                        "39:13: error: " + SCHEMA + ".default.port: default \"3128\" is a string, the schema type is integer",
                        "40:13: error: " + SCHEMA + ".default.hppt: default has property 'hppt' that the schema does not declare",
                        "38:11: error: " + SCHEMA + ".default: default lacks required property 'http'"),
                // patches
                rule("patch-name-twice", "41:7: error: clusterClass.patches[1].name: patch name 'repo' is used twice"),
                rule("patch-definitions-and-external",
                        "33:7: error: clusterClass.patches[0]: give either 'definitions' or 'external', exactly one"),
                rule("patch-neither",
                        "33:7: error: clusterClass.patches[0]: give either 'definitions' or 'external', exactly one"),
                rule("selector-wrong-kind", "35:11: error: clusterClass.patches[0].definitions[0].selector: no template"
                        + " of the class has apiVersion controlplane.cluster.x-k8s.io/v1beta1 and kind KubeadmConfigTemplate"
                        + " in the matched roles: this patch would never apply" + OWN),
                rule("selector-wrong-role", "35:11: error: clusterClass.patches[0].definitions[0].selector: no template"
                        + " of the class has apiVersion bootstrap.cluster.x-k8s.io/v1beta1 and kind KubeadmConfigTemplate"
                        + " in the matched roles: this patch would never apply" + OWN),
                rule("selector-matches-nothing", "38:13: error: clusterClass.patches[0].definitions[0].selector"
                        + ".matchResources: matches nothing: set controlPlane, infrastructureCluster, machineDeploymentClass"
                        + " or machinePoolClass"),
                rule("selector-unknown-md-class", "40:41: error: clusterClass.patches[0].definitions[0].selector"
                        + ".matchResources.machineDeploymentClass.names[1]: no machine deployment class named 'gpu-worker'"),
                rule("json-patches-empty", "39:11: error: clusterClass.patches[0].definitions[0].jsonPatches: at least"
                        + " one JSON patch is required"),
                // JSON patches
                rule("json-patch-op", "40:15: error: " + JP + ".op: 'move' is not supported: use add, replace or remove"),
                rule("json-patch-path-not-spec", "41:15: error: " + JP + ".path: '/metadata/labels/team' must start with"
                        + " /spec/ (Cluster API patches only the spec)"),
                rule("json-patch-array-index", "41:15: error: " + JP + ".path: '/spec/template/spec/kubeadmConfigSpec/files/2':"
                        + " array index 2 is not allowed, only 0 (prepend) or - (append)"),
                rule("json-patch-dash-not-last", "41:15: error: " + JP + ".path:"
                        + " '/spec/template/spec/kubeadmConfigSpec/files/-/content': '-' may only be the last segment"),
                rule("json-patch-empty-segment", "41:15: error: " + JP + ".path: '/spec/template//spec' has an empty segment"),
                rule("json-patch-tilde", "41:15: error: " + JP + ".path: '/spec/template/metadata/annotations/a~b':"
                        + " '~' must be escaped as ~0 and '/' as ~1"),
                rule("json-patch-value-and-valueFrom",
                        "40:15: error: " + JP + ": give either 'value' or 'valueFrom', exactly one"),
                rule("json-patch-no-value", "40:15: error: " + JP + ": give either 'value' or 'valueFrom', exactly one"),
                rule("json-patch-remove-with-value", "40:15: error: " + JP + ": 'remove' takes neither value nor valueFrom"),
                rule("json-patch-valueFrom-both",
                        "42:15: error: " + JP + ".valueFrom: give either 'variable' or 'template', exactly one"),
                rule("valueFrom-variable-undeclared", "43:17: error: " + JP + ".valueFrom.variable: 'imageRepostory' is not"
                        + " a declared variable, did you mean 'imageRepository'?"),
                rule("valueFrom-variable-unknown", "43:17: error: " + JP + ".valueFrom.variable: 'registry.mirror' is not"
                        + " a declared variable nor builtin.*"),
                // Go templates evaluated by Cluster API and the operator
                rule("enabledIf-unclosed-action", "34:7: error: clusterClass.patches[0].enabledIf: not a valid Go template:"
                        + " unclosed action '{{' on line 1 (missing '}}')"),
                rule("template-unclosed-string", "43:17: error: " + JP + ".valueFrom.template: not a valid Go template:"
                        + " unclosed string literal in the action on line 1"),
                rule("template-if-without-end", "43:17: error: " + JP + ".valueFrom.template: not a valid Go template:"
                        + " 'if' is never closed with {{ end }}"),
                rule("template-stray-end", "43:17: error: " + JP + ".valueFrom.template: not a valid Go template:"
                        + " 'end' without if/range/with/define on line 1"),
                rule("naming-strategy-template", "30:5: error: clusterClass.infrastructureNamingStrategy.template: not a"
                        + " valid Go template: unclosed action '{{' on line 1 (missing '}}')"),
                // classes and references
                rule("md-class-twice", "29:9: error: clusterClass.workers.machineDeployments[1].class: machine deployment"
                        + " class 'default-worker' is defined twice"),
                rule("dangling-ref", "32:13: error: clusterClass.workers.machineDeployments[1].template.bootstrap.ref:"
                        + " no template named 'workers', did you mean 'worker'?"),
                rule("dangling-ref-no-hint", "32:13: error: clusterClass.workers.machineDeployments[1].template.bootstrap"
                        + ".ref: no template named 'gpu-bootstrap'; templates: cluster, control-plane, machine, worker"),
                // templates
                rule("template-name-invalid", "14:5: error: templates[4].name: 'Extra_Object' must be a lower-case DNS label"
                        + " of at most 40 characters (it becomes the suffix of the object name)" + OWN),
                rule("template-name-twice", "14:5: error: templates[4].name: template name 'machine' is used twice"),
                rule("template-apiversion",
                        "15:5: error: templates[4].apiVersion: 'v1beta1' must be <group>/<version> (or v1 for core objects)"),
                rule("template-reserved-text", "10:5: error: templates[2]: contains the reserved text"
                        + " 'clusterstackxreleasexprefixx9d41c7' or 'clusterstackxreleasexnamespacex9d41c7'" + OWN),
                // kubeadm files
                rule("file-path-relative", "19:17: error: " + CP_FILES + "[0].path: 'etc/motd' must be an absolute path" + OWN),
                rule("file-path-dotdot",
                        "19:17: error: " + CP_FILES + "[0].path: '/etc/kubernetes/../motd' must not contain '..'" + OWN),
                rule("file-path-twice",
                        "23:17: error: " + CP_FILES + "[2].path: file /etc/motd is written twice on the same node" + OWN),
                rule("file-path-twice-worker", "25:16: error: templates[3].spec.template.spec.files[1].path:"
                        + " file /etc/motd is written twice on the same node" + OWN),
                rule("file-content-and-contentFrom",
                        "19:17: error: " + CP_FILES + "[0]: give either 'content' or 'contentFrom', not both"),
                rule("file-encoding",
                        "21:17: error: " + CP_FILES + "[0].encoding: 'base-64' is not one of base64, gzip, gzip+base64"),
                rule("file-permissions",
                        "21:17: error: " + CP_FILES + "[0].permissions: 'rw-r--r--' is not an octal mode such as 0644" + OWN),
                rule("kubeadm-format", "21:13: error: templates[3].spec.template.spec.kubeadmConfigSpec.format:"
                        + " 'cloud-init' is not one of cloud-config, ignition"),
                // addons
                rule("addon-name-invalid",
                        "30:5: error: addons[0].name: 'CNI' must be a lower-case DNS label (it names the addon's folder)"),
                rule("addon-name-twice", "32:5: error: addons[1].name: addon 'cni' is defined twice"),
                rule("addon-chart-fields", "32:7: error: addons[0].chart.name: a chart name is required",
                        "31:5: error: addons[0].chart.version: a chart version is required"),
                rule("addon-chart-missing",
                        "30:5: error: addons[0].chart: the addon's chart (name, version, repository) is required"),
                rule("addon-repository-scheme", "34:7: error: addons[0].chart.repository: 'helm.cilium.io' must be an"
                        + " http(s)://, oci:// or file:// address"),
                rule("addon-overwrite-template", "32:5: error: addons[0].overwrite: not a valid Go template:"
                        + " unclosed action '{{' on line 3 (missing '}}')"),
                rule("addon-stage-hook", "34:9: error: addons[0].stages[1].hook: 'BeforeClusterDelete' is not one of"
                        + " AfterControlPlaneInitialized, BeforeClusterUpgrade, AfterClusterUpgrade"),
                rule("addon-stage-action", "34:9: error: addons[0].stages[0].action: 'install' is not one of apply, delete"),
                rule("addon-layout", "29:1: error: addonLayout: 'umbrella' is not one of staged, legacy"),
                rule("addon-values-template", "30:1: error: addonValues: not a valid Go template: unclosed action '{{'"
                        + " on line 2 (missing '}}')"),
                rule("empty-entries", "30:7: error: clusterClass.variables[0]: empty list item: expected a mapping",
                        "34:6: error: clusterClass.patches[0]: empty list item: expected a mapping",
                        "37:5: error: addons[0]: empty list item: expected a mapping",
                        "38:4: error: addons[1]: empty list item: expected a mapping",
                        "41:14: error: addons[2].stages[0]: empty list item: expected a mapping"));
    }

    private static Arguments rule(String file, String... expected) {
        String shown = "invalid/" + file + ".yaml";
        return Arguments.of(file, Arrays.stream(expected).map(e -> shown + ":" + e).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void reportsTheRuleAtTheOffendingField(String file, List<String> expected) {
        assertEquals(expected, Definitions.printed("invalid/" + file + ".yaml"));
    }

    @Test
    void theMinimalDefinitionIsValid() {
        var loaded = StackDefinition.load(Definitions.dir().resolve("valid/minimal.yaml"));
        assertEquals(List.of(), loaded.warnings());
        assertEquals("docker-scs-1-32", loaded.stack().releaseName(loaded.stack().releases().get(0).kubernetesVersion()));
    }

    @Test
    void builtinVariablesNeedNoDeclaration() {
        var loaded = StackDefinition.load(Definitions.dir().resolve("valid/builtin-variable.yaml"));
        assertEquals(List.of(), loaded.warnings());
        var patch = loaded.stack().releases().get(0).content().clusterClass().patches().get(0);
        assertEquals("builtin.cluster.name", patch.definitions().get(0).jsonPatches().get(0).valueFrom().variable());
    }

    @Test
    void aCoreObjectWithApiVersionV1IsAccepted() {
        var loaded = StackDefinition.load(Definitions.dir().resolve("valid/core-object.yaml"));
        assertEquals("v1", loaded.stack().releases().get(0).content().template("settings").orElseThrow().apiVersion());
    }

    @Test
    void addonValuesInTheStagedLayoutIsAWarningNotAnError() {
        var loaded = StackDefinition.load(Definitions.dir().resolve("valid/staged-addon-values.yaml"), "staged-addon-values.yaml");
        assertEquals(List.of("staged-addon-values.yaml:16:1: warning: addonValues: only the legacy addon layout uses"
                + " addonValues; the staged layout ignores it"), loaded.warnings().stream().map(Problem::toString).toList());
    }

    @Test
    void fiveMistakesComeBackAsFiveProblemsAtOnce() {
        List<Problem> problems = Definitions.rejected("invalid/all-at-once.yaml");
        assertEquals(5, problems.size(), problems::toString);
        assertEquals(List.of("provider", "clusterClass.controlPlane.ref", "clusterClass.variables[0].name",
                "clusterClass.patches[0].definitions[0].jsonPatches[0].path", "addons[0].chart.repository"),
                problems.stream().map(Problem::path).toList());
        assertEquals(List.of(2, 18, 20, 30, 33), problems.stream().map(p -> p.location().line()).toList());
        assertEquals(List.of(1, 5, 7, 25, 44), problems.stream().map(p -> p.location().column()).toList());
        assertTrue(problems.stream().allMatch(p -> p.isError() && p.kubernetesVersion() == null
                && p.location().file().equals("invalid/all-at-once.yaml")));
        assertTrue(problems.get(1).message().endsWith("did you mean 'control-plane'?"), problems.get(1).message());
    }

    @Test
    void aProblemOfOneVersionOnlyNamesThatVersion() {
        assertEquals(List.of("invalid/one-version-only.yaml:19:15: error: clusterClass.patches[0].definitions[0]"
                        + ".jsonPatches[0].path: '/spec/template/spec/kubeadmConfigSpec/files/1': array index 1 is not"
                        + " allowed, only 0 (prepend) or - (append) (Kubernetes 1.31.9)"),
                Definitions.printed("invalid/one-version-only.yaml"));
    }

    @Test
    void validatingAModelWithoutFileHasNoLocation() {
        var loaded = StackDefinition.load(Definitions.dir().resolve("valid/minimal.yaml"));
        var stack = loaded.stack();
        var release = stack.releases().get(0);
        var broken = new dev.clusterstack.core.model.ClusterStack("docker-ce", stack.name(), List.of(release));
        List<Problem> problems = StackValidator.validate(broken);
        assertEquals(1, problems.size());
        assertNull(problems.get(0).location());
        assertEquals("error: provider: 'docker-ce'" + DASH, problems.get(0).toString());
    }
    @Test
    void requiredBesideAnArrayTypeIsAcceptedAsClusterApiDoesWithAWarning() {
        var loaded = StackDefinition.load(Definitions.dir().resolve("valid/schema-required-on-array.yaml"),
                "schema-required-on-array.yaml");
        assertEquals(List.of("schema-required-on-array.yaml:22:11: warning: clusterClass.variables[0].schema"
                + ".openAPIV3Schema.required: has no effect on a schema of type array: Cluster API applies required to"
                + " objects only (to require fields of the items, put required under items)"),
                loaded.warnings().stream().map(Problem::toString).toList());
    }

    @Test
    void theStagedLayoutWarningNamesAddonValuesFileAtItsLineOnce() {
        var loaded = StackDefinition.load(Definitions.dir().resolve("valid/staged-values-file/stack.yaml"), "stack.yaml");
        assertEquals(List.of("stack.yaml:16:1: warning: addonValuesFile: only the legacy addon layout uses"
                + " addonValuesFile; the staged layout ignores it"), loaded.warnings().stream().map(Problem::toString).toList());
    }
}
