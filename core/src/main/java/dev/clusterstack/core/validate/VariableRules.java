package dev.clusterstack.core.validate;

import dev.clusterstack.core.bind.Paths;
import dev.clusterstack.core.model.clusterclass.ClusterClassVariable;
import dev.clusterstack.core.model.clusterclass.JSONSchemaProps;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rules of {@code clusterClass.variables[]}: names, and schemas as Cluster API's structural schema
 * rules see them (types, items, defaults, examples and enums of the right type, patterns, CEL rules).
 */
final class VariableRules {
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> SCHEMA_TYPES = Set.of("object", "array", "string", "integer", "number", "boolean");

    private final Problems problems;

    VariableRules(Problems problems) {
        this.problems = problems;
    }

    /** Checks every variable and returns the declared names. */
    Set<String> variables(List<ClusterClassVariable> variables) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < variables.size(); i++) {
            ClusterClassVariable v = variables.get(i);
            String path = "clusterClass.variables[" + i + "]";
            if (!problems.present(v, path)) {
                continue;
            }
            if (v.name() == null || v.name().isEmpty()) {
                problems.error(path + ".name", "a variable name is required");
                continue;
            }
            if (v.name().equals("builtin")) {
                problems.error(path + ".name", "'builtin' is reserved by Cluster API for its built-in variables");
            } else if (v.name().contains(".")) {
                problems.error(path + ".name", "'" + v.name() + "': a variable name cannot contain '.'");
            } else if (!VARIABLE_NAME.matcher(v.name()).matches()) {
                problems.error(path + ".name", "'" + v.name() + "' must be a Go template identifier ([A-Za-z_][A-Za-z0-9_]*)"
                        + " so patches can read it" + Problems.OWN_RULE);
            }
            if (!names.add(v.name())) {
                problems.error(path + ".name", "variable '" + v.name() + "' is declared twice");
            }
            if (v.openAPIV3Schema() == null) {
                problems.error(path + ".schema.openAPIV3Schema", "a schema is required");
            } else {
                schema(v.openAPIV3Schema(), path + ".schema.openAPIV3Schema");
                CelRules.check(v.openAPIV3Schema(), path + ".schema.openAPIV3Schema", problems);
            }
        }
        return names;
    }

    private void schema(JSONSchemaProps s, String path) {
        if (s.type() != null && !SCHEMA_TYPES.contains(s.type())) {
            problems.error(path + ".type", "'" + s.type() + "' is not a schema type: use one of object, array, string,"
                    + " integer, number, boolean");
        }
        if (s.type() == null && !Boolean.TRUE.equals(s.intOrString()) && !Boolean.TRUE.equals(s.preserveUnknownFields())
                && s.anyOf().isEmpty() && s.oneOf().isEmpty() && s.allOf().isEmpty()) {
            problems.error(path + ".type", "a type is required");
        }
        if (!s.properties().isEmpty() && s.additionalProperties() != null) {
            problems.error(path, "additionalProperties and properties are mutually exclusive");
        }
        if ("array".equals(s.type()) && s.items() == null) {
            problems.error(path + ".items", "an array schema needs items");
        }
        if (s.defaultValue() != null) {
            typeCheck(s, s.defaultValue(), path + ".default", "default");
        }
        if (s.example() != null) {
            typeCheck(s, s.example(), path + ".example", "example");
        }
        if (s.enumValues() != null) {
            if (s.enumValues().isEmpty()) {
                problems.error(path + ".enum", "an enum needs at least one value");
            }
            Set<Object> seen = new HashSet<>();
            for (int i = 0; i < s.enumValues().size(); i++) {
                Object v = s.enumValues().get(i);
                typeCheck(s, v, path + ".enum[" + i + "]", "enum value");
                if (!seen.add(v)) {
                    problems.error(path + ".enum[" + i + "]", "enum value " + v + " is listed twice");
                }
            }
            if (s.defaultValue() != null && !s.enumValues().contains(s.defaultValue())
                    && !(s.defaultValue() instanceof Number n && s.enumValues().stream().anyMatch(x -> x instanceof Number xn
                    && xn.doubleValue() == n.doubleValue()))) {
                problems.error(path + ".default", "default " + s.defaultValue() + " is not one of the enum values "
                        + s.enumValues());
            }
        }
        if (s.pattern() != null) {
            try {
                Pattern.compile(s.pattern());
            } catch (RuntimeException e) {
                problems.error(path + ".pattern", "not a valid regular expression: " + e.getMessage().split("\n")[0]);
            }
        }
        required(s, path);
        if (s.minimum() != null && s.maximum() != null && s.minimum() > s.maximum()) {
            problems.error(path + ".minimum", "minimum " + s.minimum() + " is greater than maximum " + s.maximum());
        }
        s.properties().forEach((k, v) -> {
            if (v == null) {
                problems.error(Paths.child(path + ".properties", k), "empty schema");
            } else {
                schema(v, Paths.child(path + ".properties", k));
            }
        });
        if (s.items() != null) {
            schema(s.items(), path + ".items");
        }
        if (s.additionalProperties() != null) {
            schema(s.additionalProperties(), path + ".additionalProperties");
        }
    }

    /**
     * {@code required}: Cluster API (like the Kubernetes API server) accepts it on any schema and
     * applies it to objects only; a name missing from the properties of an object is this project's
     * own rule, and {@code required} beside a type that is not an object is only a warning.
     */
    private void required(JSONSchemaProps s, String path) {
        if (s.required().isEmpty()) {
            return;
        }
        if (s.type() != null && !"object".equals(s.type())) {
            problems.warning(path + ".required", "has no effect on a schema of type " + s.type() + ": Cluster API"
                    + " applies required to objects only" + ("array".equals(s.type())
                    ? " (to require fields of the items, put required under items)" : ""));
            return;
        }
        for (String r : s.required()) {
            if (!s.properties().containsKey(r) && s.additionalProperties() == null
                    && !Boolean.TRUE.equals(s.preserveUnknownFields())) {
                problems.error(path + ".required", "required property '" + r + "' is not among the properties"
                        + Problems.OWN_RULE);
            }
        }
    }

    private void typeCheck(JSONSchemaProps s, Object value, String path, String what) {
        if (s.type() == null) {
            return;
        }
        String actual = value instanceof String ? "string" : value instanceof Boolean ? "boolean"
                : value instanceof Long || value instanceof Integer || value instanceof java.math.BigInteger ? "integer"
                : value instanceof Number ? "number" : value instanceof Map ? "object" : value instanceof List ? "array" : "null";
        boolean ok = actual.equals(s.type()) || ("number".equals(s.type()) && "integer".equals(actual))
                || ("null".equals(actual) && Boolean.TRUE.equals(s.extra().get("nullable")))
                || (Boolean.TRUE.equals(s.intOrString()) && ("integer".equals(actual) || "string".equals(actual)));
        if (!ok) {
            problems.error(path, what + " " + (value instanceof String str ? "\"" + str + "\"" : String.valueOf(value)) + " is "
                    + ("integer".equals(actual) ? "an " : "a ") + actual + ", the schema type is " + s.type());
            return;
        }
        if ("object".equals(s.type()) && value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                JSONSchemaProps p = s.properties().get(String.valueOf(e.getKey()));
                if (p != null && e.getValue() != null) {
                    typeCheck(p, e.getValue(), Paths.child(path, String.valueOf(e.getKey())), what);
                } else if (p == null && s.additionalProperties() == null && !Boolean.TRUE.equals(s.preserveUnknownFields())
                        && !s.properties().isEmpty()) {
                    problems.error(Paths.child(path, String.valueOf(e.getKey())), what + " has property '" + e.getKey()
                            + "' that the schema does not declare");
                }
            }
            for (String r : s.required()) {
                if (!m.containsKey(r)) {
                    problems.error(path, what + " lacks required property '" + r + "'");
                }
            }
        }
        if ("array".equals(s.type()) && value instanceof List<?> l && s.items() != null) {
            for (int i = 0; i < l.size(); i++) {
                if (l.get(i) != null) {
                    typeCheck(s.items(), l.get(i), path + "[" + i + "]", what);
                }
            }
        }
        if ("string".equals(s.type()) && value instanceof String str && s.pattern() != null) {
            try {
                if (!Pattern.compile(s.pattern()).matcher(str).find()) {
                    problems.error(path, what + " \"" + str + "\" does not match the pattern " + s.pattern());
                }
            } catch (RuntimeException ignored) {
                // reported on the pattern itself
            }
        }
    }
}
