package dev.clusterstack.core.definition;

import com.marcnuri.helm.Helm;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.addon.Addon;
import dev.clusterstack.core.model.kubeadm.KubeadmControlPlaneTemplate;
import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.render.AddonCharts;
import dev.clusterstack.core.render.ClusterClassChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.clusterstack.core.definition.DefinitionErrorsTest.minimal;
import static dev.clusterstack.core.definition.DefinitionErrorsTest.withFile;
import static dev.clusterstack.core.definition.DefinitionErrorsTest.withKubeadmConfigSpec;
import static dev.clusterstack.core.definition.DefinitionErrorsTest.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stack text files: copied byte for byte unless named {@code *.ftl}, then evaluated with FreeMarker;
 * values files reach the addon chart as written; addon chart names.
 */
class TextFilesTest {
    private static final String FILE = "templates[1].spec.template.spec.kubeadmConfigSpec.files[0]";
    private static final String SCRIPT = """
            #!/bin/bash
            # Kubernetes [=kubernetes.version] is not replaced here: this file is no template
            ARGS=(--kubeconfig /etc/kubernetes/admin.conf "$@")
            echo "${#ARGS[@]} arguments: ${ARGS[@]}" [[ -n "${ARGS[0]}" ]] {{ not helm }}
            kubectl "${ARGS[@]}" get nodes
            """;

    @Test
    void aScriptWithShellArraysIsCopiedByteForByteAndReachesTheNodeThroughHelm(@TempDir Path dir) throws IOException {
        Path file = write(dir, "stack.yaml", withFile("source: files/kubectl.sh"));
        write(dir, "files/kubectl.sh", SCRIPT);
        StackDefinition.Loaded loaded = StackDefinition.load(file, "stack.yaml");
        assertEquals(List.of("files/kubectl.sh:2:14: warning: " + FILE + ".source: 'files/kubectl.sh' is copied as it is,"
                + " so '[=' here stays text; to evaluate FreeMarker in it, name the file files/kubectl.sh.ftl (this"
                + " project's rule)"), loaded.warnings().stream().map(Problem::toString).toList());
        ClusterStack stack = loaded.stack();
        var cp = (KubeadmControlPlaneTemplate) stack.releases().get(0).content().template("control-plane").orElseThrow();
        assertEquals(SCRIPT, cp.kubeadmConfigSpec().files().get(0).content());

        Path chart = dir.resolve("chart");
        ClusterClassChart.write(stack, stack.releases().get(0), "v1", chart);
        String rendered = new Helm(chart).template().withName("docker-scs-1-32").withNamespace("ns").call();
        assertEquals(SCRIPT, fileContent(rendered), "Helm prints the script as written");
    }

    @Test
    void aFileNamedFtlIsATemplate(@TempDir Path dir) throws IOException {
        Path file = write(dir, "stack.yaml", withFile("source: files/motd.txt.ftl"));
        write(dir, "files/motd.txt.ftl", "Kubernetes [=kubernetes.version][#if kubernetes.minor gte 32] (new)[/#if]"
                + " [#noparse]\"${ARGS[@]}\"[/#noparse] ${HOME}\n");
        StackDefinition.Loaded loaded = StackDefinition.load(file, "stack.yaml");
        assertEquals(List.of(), loaded.warnings());
        var cp = (KubeadmControlPlaneTemplate) loaded.stack().releases().get(0).content().template("control-plane").orElseThrow();
        assertEquals("Kubernetes 1.32.5 (new) \"${ARGS[@]}\" ${HOME}\n", cp.kubeadmConfigSpec().files().get(0).content());
    }

    @Test
    void aShellArrayInATemplateIsASyntaxErrorWithAHintAtItsPlaceInTheProject(@TempDir Path project) throws IOException {
        Path dir = project.resolve("src/main/clusterstack");
        Path file = write(dir, "stack.yaml", withFile("source: files/kubectl.sh.ftl"));
        write(dir, "files/kubectl.sh.ftl", "#!/bin/bash\n# for Kubernetes [=kubernetes.version]\nkubectl \"${ARGS[@]}\"\n");
        assertEquals(List.of("src/main/clusterstack/files/kubectl.sh.ftl:3:18: error: " + FILE + ".source: template syntax:"
                        + " Encountered \"]\" (line 3, column 18 of the text); FreeMarker reads '[#' and '[@' as the start"
                        + " of its own tags (a"
                        + " shell \"${ARGS[@]}\" too): keep such text as text with [#noparse]...[/#noparse] around it, or"
                        + " name the file without .ftl to copy it as it is"),
                Definitions.printed(file, "src/main/clusterstack/stack.yaml"));
    }

    @Test
    void aShellArrayInAStringValueIsTextUnlessTheValueIsATemplate(@TempDir Path dir) throws IOException {
        Path file = write(dir, "stack.yaml", withKubeadmConfigSpec("""
                            preKubeadmCommands:
                              - ARGS=(-v); echo "${ARGS[@]}"
                """));
        var cp = (KubeadmControlPlaneTemplate) StackDefinition.load(file, "stack.yaml").stack().releases().get(0).content()
                .template("control-plane").orElseThrow();
        assertEquals(List.of("ARGS=(-v); echo \"${ARGS[@]}\""), cp.kubeadmConfigSpec().preKubeadmCommands());

        Files.writeString(file, Files.readString(file).replace("echo \"${ARGS[@]}\"", "echo [=kubernetes.tag] \"${ARGS[@]}\""));
        assertEquals(List.of("stack.yaml:20:17: error: templates[1].spec.template.spec.kubeadmConfigSpec.preKubeadmCommands[0]:"
                + " template syntax: Encountered \"]\" (line 1, column 44 of the text); FreeMarker reads '[#' and '[@' as"
                + " the start of its own tags (a shell \"${ARGS[@]}\" too): keep such text as text with"
                + " [#noparse]...[/#noparse] around it"), Definitions.printed(file, "stack.yaml"));
    }

    private static final String VALUES = """
            # cilium for the docker stack
            cilium:
              ipam:
                mode: "kubernetes"   # quoted as upstream writes it
              hubble:
                relay:
                  enabled: 'true'
              extraConfig:
              k8sServiceHost: ~
            """;

    @Test
    void aValuesFileReachesTheAddonChartAsWrittenAndIsStillReadAsValues(@TempDir Path dir) throws IOException {
        Path file = write(dir, "stack.yaml", minimal() + """
                addons:
                  - name: cni
                    chart: {name: cilium, version: 1.16.6, repository: "https://helm.cilium.io/"}
                    valuesFile: addons/cni/values.yaml
                  - name: metrics-server
                    chartName: Metrics-Server
                    chart: {name: metrics-server, version: 3.12.2, repository: "https://kubernetes-sigs.github.io/metrics-server/"}
                    valuesFile: addons/metrics-server/values.yaml.ftl
                    overwriteFile: addons/metrics-server/overwrite.yaml
                """);
        write(dir, "addons/cni/values.yaml", VALUES);
        write(dir, "addons/metrics-server/values.yaml.ftl", "# for [=kubernetes.tag]\nmetrics-server:\n  image:\n"
                + "    tag: \"v[=kubernetes.minorDot]\"   # kept as text\n");
        String overwrite = "values: |\n  metrics-server:\n    commonLabels:\n      cluster: \"{{ .Cluster.metadata.name }}\"\n"
                + "      note: \"[=not evaluated]\"\n";
        write(dir, "addons/metrics-server/overwrite.yaml", overwrite);
        StackDefinition.Loaded loaded = StackDefinition.load(file, "stack.yaml");
        assertEquals(List.of("addons/metrics-server/overwrite.yaml:5:14: warning: addons[1].overwriteFile:"
                + " 'addons/metrics-server/overwrite.yaml' is copied as it is, so '[=' here stays text; to evaluate"
                + " FreeMarker in it, name the file addons/metrics-server/overwrite.yaml.ftl (this project's rule)"),
                loaded.warnings().stream().map(Problem::toString).toList());
        ClusterStack stack = loaded.stack();
        Map<String, String> files = AddonCharts.archiveFiles(stack, stack.releases().get(0), "v1");
        assertEquals(VALUES, files.get("cni/values.yaml"), "comments, quoting and empty values kept");
        assertEquals("# for v1.32.5\nmetrics-server:\n  image:\n    tag: \"v1.32\"   # kept as text\n",
                files.get("metrics-server/values.yaml"), "a *.ftl values file: evaluated, then as written");
        assertEquals(overwrite, files.get("metrics-server/overwrite.yaml"));

        Addon cni = stack.releases().get(0).content().addons().get(0);
        Map<String, Object> ipam = new LinkedHashMap<>();
        ipam.put("mode", "kubernetes");
        Map<String, Object> hubble = Map.of("relay", Map.of("enabled", "true"));
        Map<String, Object> cilium = new LinkedHashMap<>();
        cilium.put("ipam", ipam);
        cilium.put("hubble", hubble);
        cilium.put("extraConfig", null);
        cilium.put("k8sServiceHost", null);
        assertEquals(Map.of("cilium", cilium), cni.values(), "the values are still read for the legacy layout and checks");

        assertEquals("cni", new Yaml().<Map<String, Object>>load(files.get("cni/Chart.yaml")).get("name"),
                "an addon chart is named like its addon");
        assertEquals("Metrics-Server", new Yaml().<Map<String, Object>>load(files.get("metrics-server/Chart.yaml")).get("name"));
    }

    @Test
    void anAddonChartNameWithAPathIsAnError(@TempDir Path dir) throws IOException {
        Path file = write(dir, "stack.yaml", minimal() + """
                addons:
                  - name: cni
                    chartName: ../cni
                    chart: {name: cilium, version: 1.16.6, repository: "https://helm.cilium.io/"}
                """);
        assertEquals(List.of("stack.yaml:17:5: error: addons[0].chartName: '../cni' is not a chart name: letters, digits,"
                        + " '.', '_' and '-', starting with a letter or digit (Helm refuses a name with a path; the rest is"
                        + " this project's rule)"),
                Definitions.printed(file, "stack.yaml"));
    }

    /** The content of the one file of the rendered KubeadmControlPlaneTemplate. */
    @SuppressWarnings("unchecked")
    private static String fileContent(String rendered) {
        for (Object doc : new Yaml().loadAll(rendered)) {
            if (doc instanceof Map<?, ?> m && "KubeadmControlPlaneTemplate".equals(m.get("kind"))) {
                Object spec = ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) m.get("spec"))
                        .get("template")).get("spec")).get("kubeadmConfigSpec");
                List<Map<String, Object>> files = (List<Map<String, Object>>) ((Map<String, Object>) spec).get("files");
                return (String) files.get(0).get("content");
            }
        }
        throw new AssertionError("no KubeadmControlPlaneTemplate in " + rendered);
    }
}
