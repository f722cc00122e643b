package dev.clusterstack.core.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.KubernetesRelease;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.junit.jupiter.api.Tag;

/**
 * Every rendered object of the sample stacks validates against the {@code openAPIV3Schema} of its
 * real CRD in {@code ../shared/crds} (Cluster API v1.10 for v1beta1 objects, v1.14 for the v1beta2 releases' objects
 * (the first folder that has an apiVersion and kind gives its schema), CAPO v0.12 and v0.14): types, enums, required
 * fields and patterns through a JSON schema validator, and fields the schema does not know (which the
 * API server would prune) by a structural walk. Objects without a CRD there (the ORC Image) are skipped.
 */
@Tag("shared")
class SampleStackCrdTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(SampleStacks.OPENSTACK, List.of("cluster-api-v1.10.10", "cluster-api-v1.14.0",
                        "cluster-api-provider-openstack-v0.12.7")),
                Arguments.of(SampleStacks.OPENSTACK, List.of("cluster-api-v1.10.10", "cluster-api-v1.14.0",
                        "cluster-api-provider-openstack-v0.14.7")),
                Arguments.of(SampleStacks.DOCKER, List.of("cluster-api-v1.10.10", "cluster-api-v1.14.0")));
    }

    @ParameterizedTest(name = "{0} against {1}")
    @MethodSource("cases")
    void renderedObjectsMatchTheirCrds(Path definition, List<String> crdFolders, @TempDir Path tmp) throws IOException {
        Path crds = SampleStacks.shared().resolve("crds");
        Map<String, Map<String, Object>> schemas = new HashMap<>();
        for (String folder : crdFolders) {
            try (Stream<Path> files = Files.list(crds.resolve(folder))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                    for (Map<String, Object> crd : SampleStacks.documents(Files.readString(f))) {
                        collectSchemas(crd, schemas);
                    }
                }
            }
        }
        ClusterStack stack = SampleStacks.load(definition);
        List<String> problems = new ArrayList<>();
        int validated = 0;
        for (KubernetesRelease release : stack.releases()) {
            String releaseName = SampleStacks.releaseName(stack, release);
            Path chart = SampleStacks.writeChart(stack, release, tmp.resolve(releaseName));
            for (Map<String, Object> o : SampleStacks.documents(SampleStacks.template(chart, releaseName, null))) {
                String key = o.get("apiVersion") + "/" + o.get("kind");
                Map<String, Object> schema = schemas.get(key);
                if (schema == null) {
                    assertEquals("Image", o.get("kind"), "no CRD for " + key);
                    continue;
                }
                String what = releaseName + " " + o.get("kind") + " " + Compare.at(o, "metadata", "name");
                Schema validator = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
                        .getSchema(JSON.valueToTree(withoutMetadata(schema)));
                Map<String, Object> body = new HashMap<>(o);
                body.remove("metadata");
                for (Error e : validator.validate(JSON.valueToTree(body))) {
                    problems.add(what + ": " + e);
                }
                unknownFields(body, schema, "", what, problems);
                validated++;
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(validated >= 5 * stack.releases().size() - 1, "objects validated: " + validated);
    }

    @SuppressWarnings("unchecked")
    private static void collectSchemas(Map<String, Object> crd, Map<String, Map<String, Object>> out) {
        if (!"CustomResourceDefinition".equals(crd.get("kind"))) {
            return;
        }
        String group = (String) Compare.at(crd, "spec", "group");
        String kind = (String) Compare.at(crd, "spec", "names", "kind");
        for (Map<String, Object> v : (List<Map<String, Object>>) Compare.at(crd, "spec", "versions")) {
            out.putIfAbsent(group + "/" + v.get("name") + "/" + kind, (Map<String, Object>) Compare.at(v, "schema", "openAPIV3Schema"));
        }
    }

    /**
     * The schema as the API server applies it to an object: metadata is checked by the server itself
     * (the CRD schema only says {@code type: object}), and a required property with a default is
     * defaulted before validation (CAPO's {@code allowAllInClusterTraffic}, {@code identityRef.type}).
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutMetadata(Map<String, Object> schema) {
        Map<String, Object> copy = Compare.copy(schema);
        Object props = copy.get("properties");
        if (props instanceof Map<?, ?> p) {
            ((Map<String, Object>) p).remove("metadata");
        }
        dropDefaultedRequired(copy);
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static void dropDefaultedRequired(Object node) {
        if (node instanceof Map<?, ?> m) {
            if (m.get("required") instanceof List<?> required && m.get("properties") instanceof Map<?, ?> props) {
                List<Object> kept = new ArrayList<>(required);
                kept.removeIf(r -> props.get(r) instanceof Map<?, ?> p && p.containsKey("default"));
                ((Map<String, Object>) m).put("required", kept);
                if (kept.isEmpty()) {
                    m.remove("required");
                }
            }
            m.values().forEach(SampleStackCrdTest::dropDefaultedRequired);
        } else if (node instanceof List<?> l) {
            l.forEach(SampleStackCrdTest::dropDefaultedRequired);
        }
    }

    @SuppressWarnings("unchecked")
    private static void unknownFields(Object value, Map<String, Object> schema, String path, String what, List<String> problems) {
        if (schema == null || Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields"))) {
            return;
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> props = (Map<String, Object>) schema.get("properties");
            Object additional = schema.get("additionalProperties");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String child = path + "." + e.getKey();
                if (props != null && props.containsKey(String.valueOf(e.getKey()))) {
                    unknownFields(e.getValue(), (Map<String, Object>) props.get(String.valueOf(e.getKey())), child, what, problems);
                } else if (additional instanceof Map<?, ?> a) {
                    unknownFields(e.getValue(), (Map<String, Object>) a, child, what, problems);
                } else if (!Boolean.TRUE.equals(additional)) {
                    problems.add(what + ": " + child + " is not a field of the CRD schema");
                }
            }
        } else if (value instanceof List<?> l && schema.get("items") instanceof Map<?, ?> items) {
            for (int i = 0; i < l.size(); i++) {
                unknownFields(l.get(i), (Map<String, Object>) items, path + "[" + i + "]", what, problems);
            }
        }
    }
}
