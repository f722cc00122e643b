package dev.clusterstack.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.clusterstack.core.plan.ClusterApiCasesTest.CASES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cluster API's TestApply (engine_test.go) and builtin variable cases (variables_test.go), ported as data
 * ({@code capi/engine-apply.yaml}, {@code capi/variables-builtins.yaml}): a ClusterClass fixture with the case's
 * patches and a Cluster are planned; the planned objects must hold the values the Go test expects.
 */
class ClusterApiPlanCasesTest {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(CASES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                JsonNode doc = YAML.readTree(f.toFile());
                if (!doc.path("kind").asText().equals("plan")) {
                    continue;
                }
                JsonNode fixture = doc.path("fixture").isTextual()
                        ? YAML.readTree(CASES.resolve(doc.path("fixture").asText()).toFile()).path("fixture") : doc.path("fixture");
                for (JsonNode c : doc.path("cases")) {
                    out.add(Arguments.of(doc.path("function").asText() + ": " + c.path("name").asText(), fixture, c));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void clusterApiPlanCase(String name, JsonNode fixture, JsonNode c) throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).readValues(fixture.path("class").asText())) {
            while (it.hasNext()) {
                JsonNode o = (JsonNode) it.next();
                if (o.path("kind").asText().equals("ClusterClass")) {
                    ((ObjectNode) o.path("spec")).set("patches", c.path("patches"));
                }
                objects.add(o);
            }
        }
        String cluster = c.has("cluster") ? c.path("cluster").asText() : fixture.path("cluster").asText();
        Plan plan = Planner.plan(ClassSource.of("fixture", objects), ClusterFile.parse(cluster, "cluster.yaml"),
                PlanOptions.defaults(work));
        if (c.path("wantErr").asBoolean()) {
            assertTrue(!plan.errors().isEmpty(), "an error");
            return;
        }
        assertEquals(List.of(), plan.errors(), () -> "errors: " + plan.findings());
        for (Map.Entry<String, JsonNode> role : iterable(c.path("expected"))) {
            ObjectNode o = plan.objectNode(role.getKey());
            assertTrue(o != null, () -> "no object " + role.getKey() + " in " + plan.roles());
            for (Map.Entry<String, JsonNode> field : iterable(role.getValue())) {
                JsonNode got = o.at(field.getKey());
                JsonNode want = field.getValue();
                if (want.isNull()) {
                    assertTrue(got.isMissingNode() || got.isNull(), () -> role.getKey() + " " + field.getKey() + ": want absent, got " + got);
                } else {
                    assertTrue(!(got instanceof MissingNode) && ClusterApiCasesTest.jsonEquals(want, got),
                            () -> role.getKey() + " " + field.getKey() + ": want " + want + " got " + got + "\n" + o.toPrettyString());
                }
            }
        }
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        node.fields().forEachRemaining(out::add);
        return out;
    }
}
