package dev.clusterstack.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Cluster API's own unit test cases, ported as data ({@code src/test/resources/dev/clusterstack/core/plan/capi/*.yaml},
 * each file naming the Go test function it comes from): the plan's Go template evaluation (through Helm's engine),
 * value calculation and variable paths must give what Cluster API's tests expect.
 */
class ClusterApiCasesTest {
    static final Path CASES = Path.of("src/test/resources/dev/clusterstack/core/plan/capi");
    private static final YAMLMapper YAML = new YAMLMapper();

    @TempDir
    static Path work;

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(CASES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                JsonNode doc = YAML.readTree(f.toFile());
                String kind = doc.path("kind").asText();
                if (kind.equals("plan")) {
                    continue; // run by ClusterApiPlanCasesTest
                }
                for (JsonNode c : doc.path("cases")) {
                    out.add(Arguments.of(doc.path("function").asText() + ": " + c.path("name").asText(), kind, c));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void clusterApiCase(String name, String kind, JsonNode c) throws Exception {
        Map<String, JsonNode> variables = variables(c.path("variables"));
        switch (kind) {
            case "renderValueTemplate" -> {
                GoTemplates.Result r = render(c.path("template").asText(), variables);
                if (c.path("wantErr").asBoolean()) {
                    assertNotNull(r.error(), "an error");
                    return;
                }
                assertNotNull(r.output(), () -> "no output: " + r.error());
                assertJsonEquals(c.path("want"), PatchValues.parseTemplateOutput(r.output()));
            }
            case "patchIsEnabled" -> {
                String enabledIf = c.path("enabledIf").asText();
                if (enabledIf.isEmpty()) {
                    assertTrue(c.path("want").asBoolean(), "an empty enabledIf is enabled");
                    return;
                }
                GoTemplates.Result r = render(enabledIf, variables);
                if (c.path("wantErr").asBoolean()) {
                    assertNotNull(r.error(), "an error");
                    return;
                }
                assertNotNull(r.output(), () -> "no output: " + r.error());
                assertEquals(c.path("want").asBoolean(), GoTemplates.isTrue(r.output()), r.output());
            }
            case "calculateValue" -> {
                try {
                    JsonNode v = PatchValues.calculateValue(c.path("patch"), variables, t -> render(t, variables));
                    if (c.path("wantErr").asBoolean()) {
                        fail("expected an error, got " + v);
                    }
                    assertJsonEquals(c.path("want"), v);
                } catch (PatchValues.ValueException e) {
                    assertTrue(c.path("wantErr").asBoolean(), "unexpected error: " + e.getMessage());
                    assertFalse(e.getMessage().isBlank());
                }
            }
            default -> fail("unknown case kind " + kind);
        }
    }

    static GoTemplates.Result render(String template, Map<String, JsonNode> variables) {
        return GoTemplates.render(List.of(new GoTemplates.Job(template, PatchValues.data(variables), -1)), work).get(0);
    }

    static Map<String, JsonNode> variables(JsonNode node) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (node instanceof ObjectNode o) {
            o.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        }
        return out;
    }

    /** JSON equality with numbers compared by value (YAML 3 and JSON 3.0 are the same JSON number). */
    static void assertJsonEquals(JsonNode want, JsonNode got) {
        assertTrue(jsonEquals(want, got), () -> "want " + want + " got " + got);
    }

    static boolean jsonEquals(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (var it = a.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!jsonEquals(a.get(k), b.get(k))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!jsonEquals(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
