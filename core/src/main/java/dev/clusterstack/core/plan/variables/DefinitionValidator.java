package dev.clusterstack.core.plan.variables;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cluster API's checks of ClusterClass variable definitions ({@code ValidateClusterClassVariables} of
 * {@code clusterclass_variable_validation.go}): variable names, the schema's structure (types, items), defaults
 * valid against their schema (no unknown fields, schema, CEL rules), examples and enum values valid against their
 * schema, {@code properties} and {@code additionalProperties} not together, and the {@code x-kubernetes-validations}
 * rules themselves (they compile, messages, reasons, field paths, no {@code oldSelf} inside arrays). Not done: CEL
 * cost estimates, and labels/annotations of {@code x-metadata}/{@code metadata}.
 */
final class DefinitionValidator {
    private static final List<String> VALID_TYPES = List.of("array", "boolean", "integer", "number", "object", "string");
    private static final List<String> VALID_REASONS = List.of("FieldValueDuplicate", "FieldValueForbidden",
            "FieldValueInvalid", "FieldValueRequired");

    private DefinitionValidator() {
    }

    static List<VariableFinding> validate(List<VariableDefinition> definitions, String fieldPath) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (VariableDefinition d : definitions) {
            if (!names.add(d.name())) {
                errors.add(new FieldError(FieldError.Type.INVALID, fieldPath + "[" + d.name() + "].name", d.name(),
                        "variable name must be unique. Variable with name " + GoText.quote(d.name())
                                + " is defined more than once"));
            }
        }
        List<VariableFinding> out = new ArrayList<>();
        for (VariableDefinition d : definitions) {
            String path = fieldPath + "[" + d.name() + "]";
            if (d.name().isEmpty()) {
                errors.add(new FieldError(FieldError.Type.REQUIRED, path + ".name", null, "variable name must be defined"));
            }
            if (d.name().equals("builtin")) {
                errors.add(new FieldError(FieldError.Type.INVALID, path + ".name", d.name(),
                        "\"builtin\" is a reserved variable name"));
            }
            if (d.name().contains(".")) {
                errors.add(new FieldError(FieldError.Type.INVALID, path + ".name", d.name(),
                        "variable name cannot contain \".\""));
            }
            errors.forEach(e -> out.add(e.toFinding()));
            errors.clear();
            validateRootSchema(d, path + ".schema.openAPIV3Schema", out);
        }
        return List.copyOf(out);
    }

    private static void validateRootSchema(VariableDefinition d, String path, List<VariableFinding> out) {
        Schema schema = new Schema(d.schema());
        List<FieldError> structural = new ArrayList<>();
        validateStructural(schema, path, false, "object fields", structural);
        if (!structural.isEmpty()) {
            structural.forEach(e -> out.add(e.toFinding()));
            return;
        }
        CelRules rules = schema.hasRules() ? new CelRules(schema) : null;
        List<VariableFinding> defaults = new ArrayList<>();
        validateDefaults(schema, path, rules, defaults);
        if (!defaults.isEmpty()) {
            out.addAll(defaults);
            return;
        }
        validateSchema(schema, path, rules, null, out);
    }

    /** The structural schema checks ({@code structuralschema.ValidateStructural}) that apply to variable schemas. */
    private static void validateStructural(Schema s, String path, boolean inJunctor, String what, List<FieldError> out) {
        if (inJunctor) {
            if (!s.type.isEmpty()) {
                out.add(new FieldError(FieldError.Type.FORBIDDEN, path + ".type", null, "must be empty to be structural"));
            }
            if (s.defaultValue != null) {
                out.add(new FieldError(FieldError.Type.FORBIDDEN, path + ".default", null, "must be undefined to be structural"));
            }
            if (!s.rules.isEmpty()) {
                out.add(new FieldError(FieldError.Type.FORBIDDEN, path + ".x-kubernetes-validations", null,
                        "must be empty to be structural"));
            }
        } else {
            if (s.intOrString && !s.type.isEmpty()) {
                out.add(new FieldError(FieldError.Type.INVALID, path + ".type", s.type,
                        "must be empty if x-kubernetes-int-or-string is true"));
            } else if (s.type.isEmpty() && !s.intOrString && !s.preserveUnknownFields) {
                out.add(new FieldError(FieldError.Type.REQUIRED, path + ".type", null, "must not be empty for specified " + what));
            }
            if (s.type.equals("array") && s.items == null) {
                out.add(new FieldError(FieldError.Type.REQUIRED, path + ".items", null, "must be specified"));
            }
        }
        for (Map.Entry<String, Schema> p : s.properties.entrySet()) {
            validateStructural(p.getValue(), path + ".properties[" + p.getKey() + "]", inJunctor, "object fields", out);
        }
        if (s.additionalProperties != null) {
            validateStructural(s.additionalProperties, path + ".additionalProperties", inJunctor, "object fields", out);
        }
        if (s.items != null) {
            validateStructural(s.items, path + ".items", inJunctor, "array items", out);
        }
        for (int i = 0; i < s.allOf.size(); i++) {
            validateStructural(s.allOf.get(i), path + ".allOf[" + i + "]", true, what, out);
        }
        for (int i = 0; i < s.anyOf.size(); i++) {
            validateStructural(s.anyOf.get(i), path + ".anyOf[" + i + "]", true, what, out);
        }
        for (int i = 0; i < s.oneOf.size(); i++) {
            validateStructural(s.oneOf.get(i), path + ".oneOf[" + i + "]", true, what, out);
        }
        if (s.not != null) {
            validateStructural(s.not, path + ".not", true, what, out);
        }
    }

    /** {@code structuraldefaulting.ValidateDefaults}: pruned, valid against the schema, then the CEL rules. */
    private static void validateDefaults(Schema s, String path, CelRules rules, List<VariableFinding> out) {
        if (s.defaultValue != null && !s.defaultValue.isNull()) {
            String at = path + ".default";
            if (!Structural.unknownFields(s, s.defaultValue).isEmpty()) {
                out.add(FieldError.verbatim(FieldError.Type.INVALID, at, OpenApiValidator.goValue(s.defaultValue),
                        "must not have unknown fields").toFinding());
            } else {
                List<FieldError> errors = OpenApiValidator.validateShowingParts(s, s.defaultValue, at);
                if (!errors.isEmpty()) {
                    errors.forEach(e -> out.add(e.toFinding()));
                } else if (rules != null) {
                    rules.validateSchemaValue(s, s.defaultValue, at, out);
                }
            }
        }
        if (s.items != null) {
            validateDefaults(s.items, path + ".items", rules, out);
        }
        for (Map.Entry<String, Schema> p : s.properties.entrySet()) {
            validateDefaults(p.getValue(), path + ".properties[" + p.getKey() + "]", rules, out);
        }
    }

    private static void validateSchema(Schema s, String path, CelRules rules, String uncorrelatable,
                                       List<VariableFinding> out) {
        if (!s.type.isEmpty() && !VALID_TYPES.contains(s.type)) {
            StringBuilder supported = new StringBuilder("supported values: ");
            for (int i = 0; i < VALID_TYPES.size(); i++) {
                supported.append(i == 0 ? "" : ", ").append(GoText.quote(VALID_TYPES.get(i)));
            }
            out.add(new FieldError(FieldError.Type.NOT_SUPPORTED, path + ".type", s.type, supported.toString()).toFinding());
            return;
        }
        List<VariableFinding> schemaErrors = new ArrayList<>();
        if (s.patternError != null) {
            schemaErrors.add(new FieldError(FieldError.Type.INVALID, path, "",
                    "failed to build schema validator: invalid pattern " + GoText.quote(s.pattern) + ": " + s.patternError)
                    .toFinding());
        }
        if (s.example != null && !s.example.isNull()) {
            OpenApiValidator.validateShowingParts(s, s.example, path + ".example").forEach(e -> schemaErrors.add(e.toFinding()));
        }
        for (int i = 0; i < s.enumValues.size(); i++) {
            JsonNode e = s.enumValues.get(i);
            if (!e.isNull()) {
                OpenApiValidator.validateShowingParts(s, e, path + ".enum[" + i + "]").forEach(x -> schemaErrors.add(x.toFinding()));
            }
        }
        if (s.additionalProperties != null && !s.properties.isEmpty()) {
            schemaErrors.add(new FieldError(FieldError.Type.FORBIDDEN, path, null,
                    "additionalProperties and properties are mutually exclusive").toFinding());
        }
        List<VariableFinding> below = new ArrayList<>();
        if (s.additionalProperties != null) {
            validateSchema(s.additionalProperties, path + ".additionalProperties", rules, uncorrelatable, below);
        }
        for (Map.Entry<String, Schema> p : s.properties.entrySet()) {
            validateSchema(p.getValue(), path + ".properties[" + p.getKey() + "]", rules, uncorrelatable, below);
        }
        if (s.items != null) {
            validateSchema(s.items, path + ".items", rules, uncorrelatable == null ? path + ".items" : uncorrelatable, below);
        }
        out.addAll(schemaErrors);
        out.addAll(below);
        if (s.rules.isEmpty()) {
            return;
        }
        List<VariableFinding> ruleErrors = new ArrayList<>();
        for (int i = 0; i < s.rules.size(); i++) {
            Schema.Rule r = s.rules.get(i);
            String at = path + ".x-kubernetes-validations[" + i + "]";
            String rule = r.rule().trim();
            String message = r.message().trim();
            if (rule.isEmpty()) {
                ruleErrors.add(new FieldError(FieldError.Type.REQUIRED, at + ".rule", null, "rule is not specified").toFinding());
            } else if (!r.message().isEmpty() && message.isEmpty()) {
                ruleErrors.add(new FieldError(FieldError.Type.INVALID, at + ".message", r.message(),
                        "message must be non-empty if specified").toFinding());
            } else if (r.message().length() > 2048) {
                ruleErrors.add(new FieldError(FieldError.Type.INVALID, at + ".message", r.message().substring(0, 10) + "...",
                        "message must have a maximum length of 2048 characters").toFinding());
            } else if (message.contains("\n") || message.contains("\r")) {
                ruleErrors.add(new FieldError(FieldError.Type.INVALID, at + ".message", r.message(),
                        "message must not contain line breaks").toFinding());
            } else if ((rule.contains("\n") || rule.contains("\r")) && message.isEmpty()) {
                ruleErrors.add(new FieldError(FieldError.Type.REQUIRED, at + ".message", null,
                        "message must be specified if rule contains line breaks").toFinding());
            }
            if (!r.messageExpression().isEmpty() && r.messageExpression().trim().isEmpty()) {
                ruleErrors.add(new FieldError(FieldError.Type.REQUIRED, at + ".messageExpression", null,
                        "messageExpression must be non-empty if specified").toFinding());
            }
            if (r.reason() != null && !VALID_REASONS.contains(r.reason())) {
                StringBuilder supported = new StringBuilder("supported values: ");
                for (int j = 0; j < VALID_REASONS.size(); j++) {
                    supported.append(j == 0 ? "" : ", ").append(GoText.quote(VALID_REASONS.get(j)));
                }
                ruleErrors.add(new FieldError(FieldError.Type.NOT_SUPPORTED, at + ".reason", r.reason(), supported.toString())
                        .toFinding());
            }
            if (!r.fieldPath().isEmpty() && r.fieldPath().trim().isEmpty()) {
                ruleErrors.add(new FieldError(FieldError.Type.INVALID, at + ".fieldPath", r.fieldPath(),
                        "fieldPath must be non-empty if specified").toFinding());
            }
        }
        if (!ruleErrors.isEmpty() || rules == null) {
            out.addAll(ruleErrors);
            return;
        }
        boolean celErrors = false;
        for (String[] problem : rules.compileProblems(s)) {
            int i = Integer.parseInt(problem[0]);
            String at = path + ".x-kubernetes-validations[" + i + "]";
            Schema.Rule r = s.rules.get(i);
            if (problem[1].equals("oldSelf")) {
                if (uncorrelatable != null) {
                    celErrors = true;
                    out.add(new FieldError(FieldError.Type.INVALID, at + ".rule", r.rule(),
                            "oldSelf cannot be used on the uncorrelatable portion of the schema within " + uncorrelatable)
                            .toFinding());
                }
            } else {
                celErrors = true;
                out.add(new FieldError(FieldError.Type.INVALID, at + "." + problem[1],
                        problem[1].equals("rule") ? r.rule() : r.messageExpression(), problem[2]).toFinding());
            }
        }
        if (celErrors) {
            return;
        }
        if (s.example != null && !s.example.isNull()) {
            rules.validateSchemaValue(s, s.example, path + ".example", out);
        }
        for (int i = 0; i < s.enumValues.size(); i++) {
            if (!s.enumValues.get(i).isNull()) {
                rules.validateSchemaValue(s, s.enumValues.get(i), path + ".enum[" + i + "]", out);
            }
        }
    }
}
