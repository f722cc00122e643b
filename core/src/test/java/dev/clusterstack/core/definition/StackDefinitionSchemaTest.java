package dev.clusterstack.core.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSON Schema of the definition format (draft-07, what yaml-language-server supports best), checked
 * with networknt json-schema-validator 2.x: it is a valid draft-07 schema, accepts the test stacks, rejects
 * what the loader rejects for its structure, and agrees with the loader's records field for field.
 */
class StackDefinitionSchemaTest {
    static final String RESOURCE = "/dev/clusterstack/core/definition/stack-definition.schema.json";
    private static JsonNode schemaNode;
    private static Schema schema;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = StackDefinitionSchemaTest.class.getResourceAsStream(RESOURCE)) {
            assertNotNull(in, RESOURCE);
            schemaNode = new ObjectMapper().readTree(in);
        }
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(schemaNode);
    }

    private static List<String> errors(Path yaml) throws IOException {
        return schema.validate(Files.readString(yaml), InputFormat.YAML).stream()
                .map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    @Test
    void isAValidDraft07Schema() {
        assertEquals("http://json-schema.org/draft-07/schema#", schemaNode.get("$schema").asText());
        Schema meta = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(SchemaLocation.of("http://json-schema.org/draft-07/schema#"));
        List<Error> errors = meta.validate(schemaNode);
        assertEquals(List.of(), errors.stream().map(Error::toString).toList());
    }

    @Test
    void acceptsTheDockerStack() throws IOException {
        assertEquals(List.of(), errors(Definitions.dir().resolve("../stacks/docker/stack.yaml").normalize()));
    }

    @Test
    void acceptsAnOrcImageAndAddonChartNames(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("stack.yaml"), """
                provider: openstack
                name: scs
                kubernetesVersions:
                  - version: 1.32.5
                    image: {url: "https://images.example/a.qcow2", sha256: 8bfad5cb331480a7530952d8d6ff41155c28b2941f8be7a3f0318ebd1569cf83}
                clusterClass:
                  infrastructure: {ref: cluster}
                  controlPlane: {ref: cp}
                addons:
                  - name: cni
                    chartName: CNI
                    chart: {name: cilium, version: 1.16.6, repository: "https://helm.cilium.io/"}
                orcImage:
                  name: ubuntu-capi-image-[=kubernetes.tag]
                  placement: file
                  url: "https://images.example/[=kubernetes.tag].qcow2"
                  spec: {managementPolicy: managed}
                """);
        assertEquals(List.of(), errors(file));
        Files.writeString(file, Files.readString(file).replace("placement: file", "placement: disk"));
        assertEquals(List.of("/orcImage/placement: does not have a value in the enumeration [\"chart\", \"file\"]"), errors(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"minimal.yaml", "builtin-variable.yaml", "core-object.yaml", "staged-addon-values.yaml",
            "template-name-per-kind.yaml", "schema-required-on-array.yaml", "staged-values-file/stack.yaml", "dev-templates.yaml",
            "argument-forms.yaml"})
    void acceptsTheValidDefinitions(String file) throws IOException {
        assertEquals(List.of(), errors(Definitions.dir().resolve("valid").resolve(file)));
    }

    @Test
    void rejectsAMisspelledTopLevelField() throws IOException {
        String text = Files.readString(Definitions.dir().resolve("valid/minimal.yaml"))
                .replace("clusterClass:", "clusterClas:");
        List<Error> errors = schema.validate(text, InputFormat.YAML);
        assertTrue(errors.stream().anyMatch(e -> "additionalProperties".equals(e.getKeyword())
                && e.getMessage().contains("clusterClas")), errors::toString);
        assertTrue(errors.stream().anyMatch(e -> "required".equals(e.getKeyword())
                && e.getMessage().contains("clusterClass")), errors::toString);
    }

    /**
     * Files of {@code definition/invalid} whose mistake is one of structure (unknown field, wrong type,
     * pattern, enum): the schema rejects them as the loader does. All other files there break rules the
     * schema cannot express (uniqueness, references, Go templates, ...) and must pass it: an editor
     * must not flag a definition the loader reads.
     */
    private static final Set<String> STRUCTURAL = Set.of(
            "unknown-field-hint", "unknown-field-no-hint", "wrong-scalar-type", "wrong-number-type", "list-vs-mapping",
            "mapping-vs-list", "provider-dash", "provider-missing", "name-dash", "kubernetes-version-invalid", "all-at-once",
            "all-at-once-binding", "schema-type-unknown", "schema-enum-empty", "json-patch-op", "file-encoding",
            "file-permissions", "kubeadm-format", "template-name-invalid", "addon-name-invalid", "addon-chart-fields",
            "addon-chart-missing", "addon-repository-scheme", "addon-stage-hook", "addon-stage-action", "addon-layout",
            "empty-entries", "not-a-mapping", "variable-name-identifier", "patch-neither", "patch-definitions-and-external",
            "selector-matches-nothing", "json-patches-empty", "file-path-relative");
    /** Files that are not YAML the schema could judge (syntax errors, empty, duplicate keys). */
    private static final Set<String> NOT_YAML = Set.of("invalid-yaml", "bad-indentation", "empty", "comment-only",
            "duplicate-key", "yaml-helm-escape");

    @Test
    void agreesWithTheLoaderOnWhichMistakesAreStructural() throws IOException {
        List<String> disagreements = new ArrayList<>();
        try (Stream<Path> files = Files.list(Definitions.dir().resolve("invalid"))) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString().replace(".yaml", "");
                if (NOT_YAML.contains(name)) {
                    continue;
                }
                List<String> errors = errors(f);
                if (STRUCTURAL.contains(name) == errors.isEmpty()) {
                    disagreements.add(name + (errors.isEmpty() ? ": accepted" : ": rejected with " + errors));
                }
            }
        }
        assertEquals(List.of(), disagreements);
    }

    @Test
    void everyPropertyHasADescriptionForEditorHover() {
        List<String> missing = new ArrayList<>();
        walk(schemaNode, "#", missing);
        assertEquals(List.of(), missing);
    }

    /** Walks every schema; the entries of a {@code properties} keyword are property schemas, not keywords. */
    private static void walk(JsonNode node, String at, List<String> missing) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), at + "/" + i, missing);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            boolean propertyMap = (e.getKey().equals("properties") || e.getKey().equals("definitions")) && e.getValue().isObject();
            if (!propertyMap) {
                walk(e.getValue(), at + "/" + e.getKey(), missing);
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ps = e.getValue().fields(); ps.hasNext(); ) {
                Map.Entry<String, JsonNode> p = ps.next();
                String where = at + "/" + e.getKey() + "/" + p.getKey();
                // conditions (if: {properties: {kind: {const: ...}}}) are matchers, not documentation
                if (e.getKey().equals("properties") && !at.endsWith("/if") && !p.getValue().has("description")) {
                    missing.add(where);
                }
                walk(p.getValue(), where, missing);
            }
        }
    }

    @Test
    void describesExactlyTheFieldsTheLoaderReads() {
        assertEquals(names(DefinitionFile.class), keys(schemaNode.get("properties")));
        JsonNode versions = schemaNode.at("/properties/kubernetesVersions/items/properties");
        assertEquals(names(DefinitionFile.VersionEntry.class), keys(versions));
        assertEquals(names(DefinitionFile.AddonEntry.class), keys(schemaNode.at("/definitions/addon/properties")));
        assertEquals(names(dev.clusterstack.core.model.addon.ChartDependency.class),
                keys(schemaNode.at("/definitions/addon/properties/chart/properties")));
        assertEquals(names(dev.clusterstack.core.model.addon.AddonStage.class),
                keys(schemaNode.at("/definitions/addon/properties/stages/items/properties")));
        for (String kind : List.of("KubeadmControlPlaneTemplate", "KubeadmConfigTemplate", "OpenStackClusterTemplate",
                "OpenStackMachineTemplate", "DockerClusterTemplate", "DockerMachineTemplate", "DevClusterTemplate", "DevMachineTemplate")) {
            assertFalse(schemaNode.at("/definitions/" + kind).isMissingNode(), kind);
            assertEquals(kind, schemaNode.at("/definitions/" + kind + "/properties/kind/const").asText());
        }
    }

    private static Set<String> names(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> keys(JsonNode object) {
        Set<String> out = new TreeSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
