package dev.clusterstack.core.plan.variables;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Cluster API's (v1.14) defaulting and validation of a Cluster's variable values against the variables of its
 * ClusterClass ({@code internal/topology/variables}): structural defaulting, schema validation as the API server's
 * validator does it, unknown fields, {@code x-kubernetes-validations} CEL rules, and the checks Cluster API makes
 * on the variable definitions themselves.
 *
 * <p>The static methods compile the definitions on each call through a small cache keyed by the definitions;
 * {@link #compile(List)} gives a {@link Compiled} object to reuse (schemas read, patterns and CEL programs compiled
 * once). Findings carry Cluster API's field paths and messages ({@code field.Error}'s text without the path).
 */
public final class ClusterVariables {
    private static final int CACHE_SIZE = 64;
    private static final Map<List<VariableDefinition>, Compiled> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<VariableDefinition>, Compiled> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    /** The last definitions list asked for (by identity) and its compiled form: a caller that passes the same list saves hashing it. */
    private static List<VariableDefinition> lastDefinitions;
    private static Compiled lastCompiled;

    private ClusterVariables() {
    }

    /**
     * The result of defaulting.
     *
     * @param values the defaulted values: the given values in their order, then the variables created from a
     *               top-level default in definition order; objects with keys sorted as Cluster API writes them. When
     *               there are errors, the given values unchanged.
     * @param findings the errors (empty when defaulting succeeded)
     */
    public record Result(List<VariableValue> values, List<VariableFinding> findings) {
        public Result {
            values = List.copyOf(values);
            findings = List.copyOf(findings);
        }
    }

    /**
     * Cluster API's defaulting: createMissing=true for Cluster-level values (a missing variable is created only from a
     * top-level default), false for overrides (defaulted, never created). fieldPath e.g. "spec.topology.variables".
     */
    public static Result defaultValues(List<VariableDefinition> definitions, List<VariableValue> values, String fieldPath,
                                       boolean createMissing) {
        return compile(definitions).defaultValues(values, fieldPath, createMissing);
    }

    /**
     * Cluster API's validation: validateRequired=true for Cluster-level values, false for overrides. Undefined
     * variables, schema (type, enum, pattern, min/max, lengths, items, uniqueItems, required properties, unknown
     * fields pruned = refused, x-kubernetes-preserve-unknown-fields, int-or-string), the reserved name
     * {@code builtin}, and x-kubernetes-validations CEL rules.
     */
    public static List<VariableFinding> validate(List<VariableDefinition> definitions, List<VariableValue> values,
                                                 String fieldPath, boolean validateRequired) {
        return compile(definitions).validate(values, fieldPath, validateRequired);
    }

    /**
     * Cluster API's checks of the ClusterClass variable definitions ({@code ValidateClusterClassVariables}): names
     * (unique, not empty, not {@code builtin}, no dot), schema types, {@code properties} and
     * {@code additionalProperties} together, defaults, examples and enum values valid against their schema (CEL rules
     * included), and the {@code x-kubernetes-validations} rules themselves. Field paths start {@code spec.variables}.
     */
    public static List<VariableFinding> validateDefinitions(List<VariableDefinition> definitions) {
        return DefinitionValidator.validate(definitions, "spec.variables");
    }

    /** The definitions compiled once (schemas read, patterns and CEL programs compiled), to default and validate often. */
    public static Compiled compile(List<VariableDefinition> definitions) {
        Objects.requireNonNull(definitions, "definitions");
        synchronized (CACHE) {
            if (definitions == lastDefinitions) {
                return lastCompiled;
            }
            Compiled c = CACHE.get(definitions);
            if (c == null) {
                List<VariableDefinition> key = List.copyOf(definitions);
                c = new Compiled(key);
                CACHE.put(key, c);
            }
            lastDefinitions = definitions;
            lastCompiled = c;
            return c;
        }
    }

    /** Variable definitions compiled for repeated defaulting and validation; thread-safe. */
    public static final class Compiled {
        private final Map<String, Definition> byName = new LinkedHashMap<>();

        private Compiled(List<VariableDefinition> definitions) {
            for (VariableDefinition d : definitions) {
                byName.put(d.name(), new Definition(d));
            }
        }

        /** See {@link ClusterVariables#defaultValues(List, List, String, boolean)}. */
        public Result defaultValues(List<VariableValue> values, String fieldPath, boolean createMissing) {
            List<VariableFinding> errors = duplicates(values, fieldPath);
            if (!errors.isEmpty()) {
                return new Result(values, errors);
            }
            Map<String, VariableValue> valuesIndex = new LinkedHashMap<>();
            values.forEach(v -> valuesIndex.put(v.name(), v));
            List<String> all = new ArrayList<>();
            values.forEach(v -> all.add(v.name()));
            byName.keySet().stream().filter(n -> !valuesIndex.containsKey(n)).forEach(all::add);
            List<VariableValue> out = new ArrayList<>();
            for (String name : all) {
                String path = fieldPath + "[" + name + "]";
                Definition d = byName.get(name);
                VariableValue current = valuesIndex.get(name);
                if (d == null) {
                    errors.add(new FieldError(FieldError.Type.INVALID, path, GoText.raw(current.value()),
                            "variable is not defined").toFinding());
                    continue;
                }
                if (current == null && (!createMissing || d.schema.defaultValue == null)) {
                    continue;
                }
                out.add(new VariableValue(name, Structural.defaultValue(d.schema, current == null ? null : current.value())));
            }
            return errors.isEmpty() ? new Result(out, List.of()) : new Result(values, errors);
        }

        /** See {@link ClusterVariables#validate(List, List, String, boolean)}. */
        public List<VariableFinding> validate(List<VariableValue> values, String fieldPath, boolean validateRequired) {
            List<VariableFinding> out = duplicates(values, fieldPath);
            if (!out.isEmpty()) {
                return out;
            }
            if (validateRequired) {
                for (Definition d : byName.values()) {
                    if (d.definition.required() && values.stream().noneMatch(v -> v.name().equals(d.definition.name()))) {
                        out.add(new FieldError(FieldError.Type.REQUIRED, fieldPath, null,
                                "required variable " + GoText.quote(d.definition.name()) + " must be set").toFinding());
                    }
                }
            }
            for (VariableValue v : values) {
                String path = fieldPath + "[" + v.name() + "]";
                Definition d = byName.get(v.name());
                if (d == null) {
                    out.add(new FieldError(FieldError.Type.INVALID, path, GoText.raw(v.value()), "variable is not defined")
                            .toFinding());
                    continue;
                }
                d.validate(v, path, out);
            }
            return List.copyOf(out);
        }

        private static List<VariableFinding> duplicates(List<VariableValue> values, String fieldPath) {
            List<VariableFinding> errors = new ArrayList<>();
            Map<String, Boolean> seen = new LinkedHashMap<>();
            for (VariableValue v : values) {
                if (seen.put(v.name(), Boolean.TRUE) != null) {
                    errors.add(new FieldError(FieldError.Type.INVALID, fieldPath + "[" + v.name() + "]",
                            GoText.raw(v.value()), "variable " + GoText.quote(v.name()) + " is set more than once")
                            .toFinding());
                }
            }
            return errors;
        }
    }

    /** One definition with its schema read and its CEL rules compiled. */
    static final class Definition {
        final VariableDefinition definition;
        final Schema schema;
        final CelRules rules;

        Definition(VariableDefinition definition) {
            this.definition = definition;
            this.schema = new Schema(definition.schema());
            this.rules = schema.hasRules() ? new CelRules(schema) : null;
        }

        /** {@code ValidateClusterVariable}: schema, then unknown fields, then CEL rules; each stage only if the previous passed. */
        void validate(VariableValue v, String path, List<VariableFinding> out) {
            JsonNode value = v.value();
            if (OpenApiValidator.isValid(schema, value)) {
                if (!Structural.hasUnknownFields(schema, value)) {
                    if (rules != null) {
                        int before = out.size();
                        rules.validate(schema, value, path + ".value", null, out);
                        if (out.size() > before) {
                            // the findings name the raw value: evaluate again with it (errors are the rare case)
                            out.subList(before, out.size()).clear();
                            rules.validate(schema, value, path + ".value", GoText.raw(value), out);
                        }
                    }
                    return;
                }
            }
            String raw = GoText.raw(value);
            List<FieldError> schemaErrors = OpenApiValidator.validate(schema, value, path + ".value", raw);
            if (!schemaErrors.isEmpty()) {
                schemaErrors.forEach(e -> out.add(e.toFinding()));
                return;
            }
            List<String> unknown = Structural.unknownFields(schema, value);
            if (!unknown.isEmpty()) {
                out.add(new FieldError(FieldError.Type.INVALID, path, raw, "failed validation: "
                        + GoText.quote(String.join(",", unknown)) + " field(s) are not specified in the variable schema"
                        + " of variable " + GoText.quote(v.name())).toFinding());
                return;
            }
            if (rules != null) {
                rules.validate(schema, value, path + ".value", raw, out);
            }
        }
    }
}
