package dev.clusterstack.core.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The variable rules, one schema change at a time, with hand-written expectations. */
class VariableRulesTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> schemaCases() {
        return Stream.of(
                Arguments.of("type changed", "{type: string}", "{type: integer}",
                        List.of("type-changed v: type changed from string to integer")),
                Arguments.of("enum value removed", "{type: string, enum: [a, b, c]}", "{type: string, enum: [a, c]}",
                        List.of("enum-narrowed v: enum values \"b\" are removed")),
                Arguments.of("enum value added is fine", "{type: string, enum: [a]}", "{type: string, enum: [a, b]}", List.of()),
                Arguments.of("enum added", "{type: string}", "{type: string, enum: [a]}",
                        List.of("enum-narrowed v: an enum is added: only [\"a\"] are allowed now")),
                Arguments.of("minimum raised", "{type: integer, minimum: 1}", "{type: integer, minimum: 2}",
                        List.of("bounds-tightened v: minimum was 1 is now 2")),
                Arguments.of("minimum lowered is fine", "{type: integer, minimum: 2}", "{type: integer, minimum: 1}", List.of()),
                Arguments.of("maximum added", "{type: integer}", "{type: integer, maximum: 10}",
                        List.of("bounds-tightened v: maximum was absent is now 10")),
                Arguments.of("maxLength lowered", "{type: string, maxLength: 63}", "{type: string, maxLength: 20}",
                        List.of("bounds-tightened v: maxLength was 63 is now 20")),
                Arguments.of("pattern added", "{type: string}", "{type: string, pattern: '^[a-z]+$'}",
                        List.of("bounds-tightened v: pattern was absent is now \"^[a-z]+$\"")),
                Arguments.of("minItems raised on array", "{type: array, items: {type: string}}",
                        "{type: array, minItems: 1, items: {type: string}}",
                        List.of("bounds-tightened v: minItems was absent is now 1")),
                Arguments.of("exclusiveMaximum set", "{type: number, maximum: 5}", "{type: number, maximum: 5, exclusiveMaximum: true}",
                        List.of("bounds-tightened v: exclusiveMaximum is now true")),
                Arguments.of("default changed", "{type: string, default: a}", "{type: string, default: b}",
                        List.of("default-changed v: default was \"a\" is now \"b\"")),
                Arguments.of("validation added", "{type: string}",
                        "{type: string, x-kubernetes-validations: [{rule: 'self.size() > 1'}]}",
                        List.of("validation-added v: x-kubernetes-validations rule \"self.size() > 1\" is added")),
                Arguments.of("same validation is fine", "{type: string, x-kubernetes-validations: [{rule: 'self != \"\"'}]}",
                        "{type: string, x-kubernetes-validations: [{rule: 'self != \"\"', message: changed}]}", List.of()),
                Arguments.of("nested property removed", "{type: object, properties: {a: {type: string}, b: {type: string}}}",
                        "{type: object, properties: {a: {type: string}}}",
                        List.of("variable-removed v.b: property b is removed; clusters that set it fail validation")),
                Arguments.of("nested property removed under preserve-unknown-fields is fine",
                        "{type: object, properties: {a: {type: string}}}",
                        "{type: object, x-kubernetes-preserve-unknown-fields: true}", List.of()),
                Arguments.of("nested property now required without default",
                        "{type: object, properties: {a: {type: string}}}",
                        "{type: object, required: [a], properties: {a: {type: string}}}",
                        List.of("variable-required v.a: property a is now required and has no default")),
                Arguments.of("nested property now required with a default: only the added default is reported",
                        "{type: object, properties: {a: {type: string}}}",
                        "{type: object, required: [a], properties: {a: {type: string, default: x}}}",
                        List.of("default-changed v.a: default was absent is now \"x\"")),
                Arguments.of("array items walked", "{type: array, items: {type: object, properties: {port: {type: integer}}}}",
                        "{type: array, items: {type: object, properties: {port: {type: integer, maximum: 1024}}}}",
                        List.of("bounds-tightened v[*].port: maximum was absent is now 1024")),
                Arguments.of("additionalProperties walked", "{type: object, additionalProperties: {type: string}}",
                        "{type: object, additionalProperties: {type: string, enum: [x]}}",
                        List.of("enum-narrowed v{*}: an enum is added: only [\"x\"] are allowed now")),
                Arguments.of("additionalProperties dropped", "{type: object, additionalProperties: {type: string}}",
                        "{type: object}",
                        List.of("variable-removed v{*}: additional properties are no longer allowed")),
                Arguments.of("description only is fine", "{type: string, description: a}", "{type: string, description: b}",
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaCases")
    void schemaRules(String name, String current, String desired, List<String> expected) {
        List<Hit> hits = VariableRules.compare(vars(new ClassView.Variable("v", false, yaml(current))),
                vars(new ClassView.Variable("v", false, yaml(desired))));
        assertEquals(expected, hits.stream().map(h -> h.rule().id() + " " + h.path() + ": " + h.message()).toList(), name);
    }

    @Test
    void removedVariable() {
        List<Hit> hits = VariableRules.compare(vars(new ClassView.Variable("legacy", false, yaml("{type: string}"))), vars());
        assertEquals(List.of("variable-removed legacy: variable legacy is removed; clusters that set it fail with"
                + " \"variable is not defined\""), hits.stream().map(h -> h.rule().id() + " " + h.path() + ": " + h.message()).toList());
    }

    @Test
    void requiredVariables() {
        // a new optional variable and a new required one with a default pass; a new required one without default fails
        List<Hit> hits = VariableRules.compare(vars(new ClassView.Variable("a", false, yaml("{type: string}"))),
                vars(new ClassView.Variable("a", true, yaml("{type: string}")),
                        new ClassView.Variable("b", false, yaml("{type: string}")),
                        new ClassView.Variable("c", true, yaml("{type: string, default: x}")),
                        new ClassView.Variable("d", true, yaml("{type: string}"))));
        assertEquals(List.of("variable-required a", "variable-required d"),
                hits.stream().map(h -> h.rule().id() + " " + h.path()).toList());
    }

    static Map<String, ClassView.Variable> vars(ClassView.Variable... variables) {
        Map<String, ClassView.Variable> out = new LinkedHashMap<>();
        for (ClassView.Variable v : variables) {
            out.put(v.name(), v);
        }
        return out;
    }

    static JsonNode yaml(String text) {
        try {
            return new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
