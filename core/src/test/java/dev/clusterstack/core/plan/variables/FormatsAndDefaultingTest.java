package dev.clusterstack.core.plan.variables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * String formats as the API server checks them (kube-openapi's {@code strfmt}: Go's {@code net.ParseCIDR},
 * {@code net.ParseIP}, {@code url.ParseRequestURI}, the UUID patterns, RFC 3339), and defaulting corners of
 * Kubernetes' structural defaulting. Expected values written by hand from those definitions.
 */
class FormatsAndDefaultingTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} {1} valid={2}")
    @CsvSource({
        "cidr, 10.8.0.0/20, true",
        "cidr, 10.8.0.0/33, false",
        "cidr, 10.8.0.0, false",
        "cidr, fd00::/64, true",
        "cidr, fd00::/129, false",
        "ipv4, 192.168.0.1, true",
        "ipv4, 192.168.0.256, false",
        "ipv4, 01.2.3.4, false",
        "ipv6, ::1, true",
        "ipv6, 2001:db8::8a2e:370:7334, true",
        "ipv6, ::ffff:192.0.2.1, true",
        "ipv6, 2001:db8:::1, false",
        "ipv6, 192.168.0.1, false",
        "uuid, 7c9e6679-7425-40de-944b-e07fc1f90ae7, true",
        "uuid4, 7c9e6679-7425-40de-944b-e07fc1f90ae7, true",
        "uuid4, 7c9e6679-7425-30de-944b-e07fc1f90ae7, false",
        "uuid4, not-a-uuid, false",
        "uri, https://example.com/a, true",
        "uri, /relative/path, true",
        "uri, not a URI, false",
        "date, 2024-02-29, true",
        "date, 2024-02-30, false",
        "date-time, 2024-02-29T10:00:00Z, true",
        "date-time, 2024-02-29 10:00, false",
        "date-time, 2024-02-29 10:00:00Z, false",
        "byte, aGVsbG8=, true",
        "byte, not base64!, false",
        "int32, anything, true",
    })
    void formats(String format, String value, boolean valid) throws IOException {
        List<VariableFinding> findings = ClusterVariables.validate(
                List.of(new VariableDefinition("v", false, YAML.readTree("{type: string, format: " + format + "}"))),
                List.of(new VariableValue("v", JSON.getNodeFactory().textNode(value))), "spec.topology.variables", false);
        assertEquals(valid ? List.of() : List.of(new VariableFinding(Severity.ERROR, "spec.topology.variables[v].value",
                "Invalid value: " + GoText.quote(JSON.writeValueAsString(value)) + ": must be of type " + format + ": "
                        + GoText.quote(value))), findings);
    }

    private static List<String> defaulted(String schemaYaml, String valueJson, boolean createMissing) throws IOException {
        JsonNode schema = YAML.readTree(schemaYaml);
        List<VariableValue> values = valueJson == null ? List.of()
                : List.of(new VariableValue("v", JSON.readTree(valueJson)));
        ClusterVariables.Result r = ClusterVariables.defaultValues(List.of(new VariableDefinition("v", false, schema)),
                values, "spec.topology.variables", createMissing);
        assertEquals(List.of(), r.findings());
        return r.values().stream().map(v -> {
            try {
                return v.name() + "=" + JSON.writeValueAsString(v.value());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    @Test
    void aNullValueGetsTheTopLevelDefault() throws IOException {
        assertEquals(List.of("v=3"), defaulted("{type: integer, default: 3}", "null", true));
    }

    @Test
    void aNullPropertyGetsItsDefaultAndNestedDefaultsFollowADefaultedObject() throws IOException {
        String schema = """
                type: object
                properties:
                  a: {type: string, default: x}
                  b:
                    type: object
                    default: {}
                    properties:
                      c: {type: integer, default: 1}
                  d:
                    type: object
                    properties:
                      e: {type: integer, default: 2}
                """;
        // d is absent and has no default of its own: its nested default does not apply
        assertEquals(List.of("v={\"a\":\"x\",\"b\":{\"c\":1},\"z\":true}"), defaulted(schema, "{\"z\":true,\"a\":null}", true));
    }

    @Test
    void arrayItemsAreDefaulted() throws IOException {
        String schema = """
                type: array
                items:
                  type: object
                  properties:
                    size: {type: integer, default: 20}
                    name: {type: string}
                """;
        assertEquals(List.of("v=[{\"name\":\"b\",\"size\":20},{\"name\":\"c\",\"size\":5}]"),
                defaulted(schema, "[{\"name\":\"b\"},{\"size\":5,\"name\":\"c\"}]", false));
    }

    @Test
    void anOverrideIsNeverCreated() throws IOException {
        assertEquals(List.of(), defaulted("{type: integer, default: 3}", null, false));
    }
}
