package dev.clusterstack.core.plan.variables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cluster API's own test cases for variable defaulting and validation
 * ({@code internal/topology/variables/*_test.go} of v1.14.0), ported as data: the YAML files next to this class in the
 * test resources name the Go test function and case of each entry; inputs and expectations are the Go test's.
 * Errors are checked as the Go tests' {@code checkErrors} checks them: the same number, in order, each with the
 * field path, the error type and the text the Go test expects in the message (where the data explains a known
 * wording difference of cel-java, the named parts of that text).
 */
class ClusterApiVariableCasesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> defaulting() {
        return cases("cluster-variable-defaulting.yaml");
    }

    static Stream<Arguments> validation() {
        return cases("cluster-variable-validation.yaml");
    }

    static Stream<Arguments> definitions() {
        return cases("clusterclass-variable-validation.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defaulting")
    void defaultsAsClusterApi(String name, JsonNode c) throws IOException {
        ClusterVariables.Result result = ClusterVariables.defaultValues(definitions(c), values(c),
                c.path("fieldPath").asText("spec.topology.variables"), c.path("createMissing").asBoolean());
        assertErrors(c, result.findings());
        if (c.has("want")) {
            List<String> want = new ArrayList<>();
            c.get("want").forEach(w -> want.add(w.get("name").asText() + "=" + w.get("raw").asText()));
            List<String> got = new ArrayList<>();
            for (VariableValue v : result.values()) {
                got.add(v.name() + "=" + JSON.writeValueAsString(v.value()));
            }
            assertEquals(want, got, name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validation")
    void validatesAsClusterApi(String name, JsonNode c) throws IOException {
        List<VariableFinding> findings = ClusterVariables.validate(definitions(c), values(c),
                c.path("fieldPath").asText("spec.topology.variables"), c.path("validateRequired").asBoolean());
        assertErrors(c, findings);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("definitions")
    void validatesDefinitionsAsClusterApi(String name, JsonNode c) throws IOException {
        assertErrors(c, ClusterVariables.validateDefinitions(definitions(c)));
    }

    @Test
    void portsEnoughCases() {
        long count = defaulting().count() + validation().count() + definitions().count();
        assertTrue(count >= 40, "ported cases: " + count);
    }

    private static void assertErrors(JsonNode c, List<VariableFinding> findings) {
        JsonNode want = c.path("wantErrors");
        String got = String.join("\n", findings.stream().map(VariableFinding::toString).toList());
        assertEquals(want.size(), findings.size(), "errors of " + c.get("name").asText() + ":\n" + got);
        boolean compact = c.path("values").findValuesAsText("raw").stream().anyMatch(r -> r.contains(" "))
                || c.path("compareWithoutSpaces").asBoolean();
        for (int i = 0; i < want.size(); i++) {
            JsonNode w = want.get(i);
            VariableFinding f = findings.get(i);
            assertEquals(Severity.ERROR, f.severity(), got);
            assertEquals(w.get("field").asText(), f.field(), got);
            assertTrue(f.message().startsWith(w.get("type").asText()), "type " + w.get("type").asText() + ":\n" + got);
            List<String> parts = new ArrayList<>();
            if (w.has("keyParts")) {
                // a known wording difference (explained in the data): parts of the Go text are checked
                w.get("keyParts").forEach(p -> parts.add(p.asText()));
                parts.forEach(p -> assertTrue(w.get("contains").asText().contains(p), "key part of the Go text: " + p));
            } else {
                parts.add(w.get("contains").asText());
            }
            for (String part : parts) {
                String contains = part;
                String message = f.message();
                if (compact) {
                    contains = contains.replace(" ", "");
                    message = message.replace(" ", "");
                }
                assertTrue(message.contains(contains), "expected to contain: " + contains + "\ngot:\n" + got);
            }
        }
    }

    private static List<VariableDefinition> definitions(JsonNode c) {
        List<VariableDefinition> out = new ArrayList<>();
        c.path("definitions").forEach(d -> out.add(new VariableDefinition(d.get("name").asText(),
                d.path("required").asBoolean(), d.get("schema"))));
        return out;
    }

    private static List<VariableValue> values(JsonNode c) throws IOException {
        List<VariableValue> out = new ArrayList<>();
        for (JsonNode v : c.path("values")) {
            out.add(new VariableValue(v.get("name").asText(), JSON.readTree(v.get("raw").asText())));
        }
        return out;
    }

    private static Stream<Arguments> cases(String file) {
        try (InputStream in = ClusterApiVariableCasesTest.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + file);
            }
            JsonNode root = YAML.readTree(in);
            List<Arguments> out = new ArrayList<>();
            root.get("cases").forEach(c -> out.add(Arguments.of(c.get("test").asText() + ": " + c.get("name").asText(), c)));
            return out.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
