package dev.clusterstack.core.definition;

import dev.clusterstack.core.model.kubeadm.KubeadmControlPlaneTemplate;
import dev.clusterstack.core.render.ClusterClassChart;
import dev.clusterstack.core.problem.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Errors of reading a definition before validation: YAML syntax and structure, binding onto the
 * model (unknown fields with hints, wrong scalar types, list versus mapping), FreeMarker, and the
 * text files named by {@code files[].source}. Each asserts every problem as printed, with file, line
 * and column.
 */
class DefinitionErrorsTest {
    private static final String CP_FILE = "templates[3].spec.template.spec.kubeadmConfigSpec.files[0]";

    static Stream<Arguments> cases() {
        return Stream.of(
                // unknown fields: strict records, and near misses of records that keep unknown fields
                error("unknown-field-hint", "29:1: error: addon: unknown field 'addon', did you mean 'addons'?"),
                error("unknown-field-nested", "22:5: error: clusterClass.workers.machineDeployment: unknown field"
                        + " 'machineDeployment', did you mean 'machineDeployments'?"),
                error("unknown-field-no-hint", "29:1: error: colour: unknown field 'colour'; known fields: provider, name,"
                        + " description, values, kubernetesVersions, clusterApi, clusterClass, templates, addonLayout,"
                        + " addonValues, addonValuesFile, addons, nodeImages, orcImage, features, compatibility"),
                // scalar types and shapes
                error("wrong-scalar-type",
                        "31:17: error: clusterClass.variables[0].required: expected true or false, found a string"),
                error("wrong-number-type", "34:22: error: clusterClass.variables[0].schema.openAPIV3Schema.maxLength:"
                        + " expected a whole number, found a string"),
                error("list-vs-mapping", "3:21: error: kubernetesVersions: expected a list, found a string"),
                error("mapping-vs-list", "15:19: error: clusterClass.infrastructure: expected a mapping, found a list"),
                // YAML itself
                error("duplicate-key", "17:5: error: templates[4].kind: duplicate key 'kind' (first on line 15)"),
                error("invalid-yaml", "13:1: error: invalid YAML: while scanning a quoted scalar (started on line 9,"
                        + " column 10): found unexpected end of stream"),
                error("bad-indentation", "8:4: error: invalid YAML: while parsing a block mapping (started on line 6,"
                        + " column 3): expected <block end>, but found '<block mapping start>'"),
                error("yaml-helm-escape", "13:21: error: invalid YAML: while scanning for the next token: found"
                        + " character '`' that cannot start any token. (Do not use ` for indentation) (hint: quote a value"
                        + " that starts with '{{', e.g. enabledIf: '{{ .x }}'; and drop the Helm escape {{ `...` }}: the"
                        + " chart escapes every literal for you, write the Go template itself)"),
                error("empty", "1:1: error: the file is empty"),
                error("comment-only", "1:1: error: the file is empty"),
                error("not-a-mapping", "1:1: error: the stack definition must be a mapping, found a list"),
                // FreeMarker in strings
                error("freemarker-evaluation", "15:24: error: templates[2].spec.template.spec.customImage: template"
                        + " evaluation: 'kubernetes.tga' is null or missing (line 1, column 16 of the text)"),
                error("freemarker-syntax", "15:24: error: templates[2].spec.template.spec.customImage: template syntax:"
                        + " Unexpected end of file reached. You have an unclosed #if. Check if the FreeMarker end-tags are"
                        + " present, and aren't malformed. (Note that FreeMarker end-tags must have # or @ after the /"
                        + " character.) (line 1, column 40 of the text)"),
                // files[].source
                error("file-source-missing", "20:25: error: " + CP_FILE + ".source: file not found: files/motd.txt"),
                error("file-source-outside", "20:25: error: " + CP_FILE + ".source: '../valid/minimal.yaml' must be a path"
                        + " inside the definition's folder invalid"),
                error("file-source-and-content",
                        "21:17: error: " + CP_FILE + ".source: give either 'content' or 'source', not both"));
    }

    private static Arguments error(String file, String... expected) {
        String shown = "invalid/" + file + ".yaml";
        return Arguments.of(file, Arrays.stream(expected).map(e -> shown + ":" + e).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsTheErrorWhereItIs(String file, List<String> expected) {
        assertEquals(expected, Definitions.printed("invalid/" + file + ".yaml"));
    }

    @Test
    void fiveBindingMistakesComeBackAtOnceForAllVersions() {
        List<Problem> problems = Definitions.rejected("invalid/all-at-once-binding.yaml");
        assertEquals(List.of(
                "invalid/all-at-once-binding.yaml:6:5: error: kubernetesVersions[1].version: '1.33' is not a full"
                        + " Kubernetes version such as 1.32.5",
                "invalid/all-at-once-binding.yaml:11:7: error: templates[0].spec.templte: unknown field 'templte',"
                        + " did you mean 'template'?",
                "invalid/all-at-once-binding.yaml:21:17: error: clusterClass.variables[0].required: expected true or"
                        + " false, found a string",
                "invalid/all-at-once-binding.yaml:23:12: error: clusterClass.patches: expected a list, found a mapping",
                "invalid/all-at-once-binding.yaml:27:13: error: addons[0].stages: expected a list, found a string"),
                problems.stream().map(Problem::toString).toList());
    }

    @Test
    void aVersionEntryWithoutVersionPointsAtTheEntry(@TempDir Path dir) throws IOException {
        Path file = write(dir, "stack.yaml", minimal().replace("  - version: 1.32.5\n", "  - nodeImage: ubuntu-2404\n"));
        assertEquals(List.of("stack.yaml:4:5: error: kubernetesVersions[0].version: 'null' is not a full Kubernetes"
                + " version such as 1.32.5"), Definitions.printed(file, "stack.yaml"));
    }

    @Test
    void aProblemOfTheHeaderIsReportedOnce(@TempDir Path dir) throws IOException {
        Path file = write(dir, "stack.yaml", minimal().replace("  - version: 1.32.5\n", "  - version: 1.32.5\n    values: 5\n"));
        assertEquals(List.of("stack.yaml:5:13: error: kubernetesVersions[0].values: expected a mapping, found a number (5)"),
                Definitions.printed(file, "stack.yaml"));
    }

    @Test
    void nonUtf8BytesAreReportedWithLineAndColumn(@TempDir Path dir) throws IOException {
        byte[] head = "provider: docker\nname: sc".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "s\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 1 + tail.length];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xE9; // 'é' in Latin-1
        System.arraycopy(tail, 0, bytes, head.length + 1, tail.length);
        Path file = Files.write(dir.resolve("stack.yaml"), bytes);
        assertEquals(List.of("stack.yaml:2:9: error: not valid UTF-8 (byte 0xe9 at offset 25); save the file as UTF-8"),
                Definitions.printed(file, "stack.yaml"));
    }

    /** The file entry of {@link #withFile(String)}: the control plane is the second template. */
    private static final String INLINE_FILE = "templates[1].spec.template.spec.kubeadmConfigSpec.files[0]";

    @Test
    void nonUtf8BytesInASourceFileNameThatFile(@TempDir Path dir) throws IOException {
        Path file = write(dir, "stack.yaml", withFile("source: files/motd.txt"));
        Files.createDirectories(dir.resolve("files"));
        Files.write(dir.resolve("files/motd.txt"), new byte[] {'o', 'k', '\n', 'k', (byte) 0xFF, '\n'});
        assertEquals(List.of("files/motd.txt:2:2: error: " + INLINE_FILE + ".source: not valid UTF-8 (byte 0xff at offset 4);"
                + " save the file as UTF-8"), Definitions.printed(file, "stack.yaml"));
    }

    @Test
    void freeMarkerErrorsInASourceFileNameTheFileAndTheSpotInIt(@TempDir Path dir) throws IOException {
        Path file = write(dir, "stack.yaml", withFile("source: files/motd.txt.ftl"));
        write(dir, "files/motd.txt.ftl", "Kubernetes [=kubernetes.version]\non [=stack.flavour]\n");
        assertEquals(List.of("files/motd.txt.ftl:2:6: error: " + INLINE_FILE + ".source: template evaluation:"
                + " 'stack.flavour' is null or missing (line 2, column 6 of the text)"),
                Definitions.printed(file, "stack.yaml"));
    }

    @Test
    void aSymlinkLeavingTheFolderIsRefused(@TempDir Path dir) throws IOException {
        Path outside = write(dir, "secret.txt", "not part of the stack\n");
        Path stack = Files.createDirectories(dir.resolve("stack"));
        Path file = write(stack, "stack.yaml", withFile("source: files/motd.txt"));
        Files.createDirectories(stack.resolve("files"));
        Files.createSymbolicLink(stack.resolve("files/motd.txt"), outside);
        assertEquals(List.of("stack.yaml:21:25: error: " + INLINE_FILE + ".source: 'files/motd.txt' is a link that leaves"
                + " the definition's folder"), Definitions.printed(file, "stack.yaml"));
    }

    @Test
    void aSymlinkInsideTheFolderIsFollowed(@TempDir Path dir) throws IOException {
        Path file = write(dir, "stack.yaml", withFile("source: files/motd.txt.ftl"));
        write(dir, "shared/motd.txt", "hello from [=kubernetes.minorDot]\n");
        Files.createDirectories(dir.resolve("files"));
        Files.createSymbolicLink(dir.resolve("files/motd.txt.ftl"), Path.of("../shared/motd.txt"));
        var loaded = StackDefinition.load(file);
        var cp = (KubeadmControlPlaneTemplate) loaded.stack().releases().get(0).content().template("control-plane").orElseThrow();
        assertEquals("hello from 1.32\n", cp.kubeadmConfigSpec().files().get(0).content());
    }

    @Test
    void valuesAndOverwriteFilesAreReportedAtTheirFields(@TempDir Path dir) throws IOException {
        Path file = write(dir, "stack.yaml", minimal() + """
                addonValuesFile: ../values.yaml
                addons:
                  - name: cni
                    chart: {name: cilium, version: 1.16.6, repository: "https://helm.cilium.io/"}
                    valuesFile: addons/cni-values.yaml
                    overwriteFile: addons/cni-overwrite.yaml
                """);
        assertEquals(List.of(
                "stack.yaml:15:1: error: addonValuesFile: '../values.yaml' must be a path inside the definition's folder "
                        + dir.getFileName(),
                "stack.yaml:19:5: error: addons[0].valuesFile: file not found: addons/cni-values.yaml",
                "stack.yaml:20:5: error: addons[0].overwriteFile: file not found: addons/cni-overwrite.yaml"),
                Definitions.printed(file, "stack.yaml"));
    }

    @Test
    void mergeKeysAreMergedNotPassedOn(@TempDir Path dir) throws IOException {
        Path file = write(dir, "stack.yaml", minimal().replace("    kind: KubeadmControlPlaneTemplate\n", """
                    kind: KubeadmControlPlaneTemplate
                    spec:
                      template:
                        spec:
                          kubeadmConfigSpec:
                            joinConfiguration:
                              nodeRegistration: &registration
                                criSocket: unix:///run/containerd/containerd.sock
                                name: join
                            initConfiguration:
                              nodeRegistration:
                                <<: *registration
                                name: init
                """));
        var loaded = StackDefinition.load(file);
        var release = loaded.stack().releases().get(0);
        var cp = (KubeadmControlPlaneTemplate) release.content().template("control-plane").orElseThrow();
        var init = cp.kubeadmConfigSpec().initConfiguration().nodeRegistration();
        assertEquals("init", init.name(), "a key of the mapping wins over the merged one");
        assertEquals("unix:///run/containerd/containerd.sock", init.criSocket());
        assertTrue(init.extra().isEmpty(), init.extra()::toString);
        String rendered = ClusterClassChart.render(loaded.stack(), release, "v1")
                .get("templates/kubeadmcontrolplanetemplate-control-plane.yaml");
        assertFalse(rendered.contains("<<"), rendered);
    }

    @Test
    void theDockerStackLoadsWithItsTextFileEvaluatedAndEverythingElseLiteral() {
        Path file = Definitions.dir().resolve("../stacks/docker/stack.yaml").normalize();
        var loaded = StackDefinition.load(file);
        assertEquals(List.of(), loaded.warnings());
        assertEquals(List.of(file.toAbsolutePath(), file.getParent().resolve("files/motd.txt.ftl").toAbsolutePath()),
                loaded.inputs());
        var r132 = loaded.stack().releases().get(1);
        var cp = (KubeadmControlPlaneTemplate) r132.content().template("control-plane").orElseThrow();
        assertEquals("Node of the docker scs stack, Kubernetes 1.32.5.\nShell stays shell: ${HOSTNAME} `uname -r`"
                + " {{ not helm }}\n", cp.kubeadmConfigSpec().files().get(0).content());
        assertEquals("{{ local_hostname }}", cp.kubeadmConfigSpec().initConfiguration().nodeRegistration().name());
    }

    static String minimal() {
        return """
                provider: docker
                name: scs
                kubernetesVersions:
                  - version: 1.32.5
                clusterClass:
                  infrastructure:
                    ref: cluster
                  controlPlane:
                    ref: control-plane
                templates:
                  - name: cluster
                    kind: DockerClusterTemplate
                  - name: control-plane
                    kind: KubeadmControlPlaneTemplate
                """;
    }

    /** The minimal definition with one file on control plane nodes: {@code - path: /etc/motd} on line 20, {@code line} on 21. */
    static String withFile(String line) {
        return withKubeadmConfigSpec("""
                            files:
                              - path: /etc/motd
                """ + "                " + line + "\n");
    }

    /** The minimal definition with {@code lines} (indented by 12) under the control plane's kubeadmConfigSpec, from line 19. */
    static String withKubeadmConfigSpec(String lines) {
        return minimal().replace("    kind: KubeadmControlPlaneTemplate\n", """
                    kind: KubeadmControlPlaneTemplate
                    spec:
                      template:
                        spec:
                          kubeadmConfigSpec:
                """ + lines);
    }

    static Path write(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
