package dev.clusterstack.core.render.v1beta2;

import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.JSONPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.JSONPatchValue;
import dev.clusterstack.core.model.clusterclass.ClusterClassVariable;
import dev.clusterstack.core.model.clusterclass.JSONSchemaProps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value of an argument patch in v1beta2's {@code {name, value}} form. Cluster API renders
 * {@code valueFrom.template} with Go's text/template and sprig's hermetic functions and reads the output as YAML
 * (core/reconcilers/topology/cluster/patches/inline/json_patch_generator.go, renderValueTemplate), and hands
 * templates the variables decoded from JSON, so numbers are float64 (calculateTemplateData there). The templates
 * written here use only {@code toJson} and {@code kindIs}, both in sprig's hermetic set.
 */
final class ArgValues {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern INDEXED = Pattern.compile("([^\\[\\]]+)((?:\\[[0-9]+])*)");
    /** A template that is one action ending in {@code toJson}: its output is one JSON value on one line. */
    private static final Pattern ONE_JSON_ACTION = Pattern.compile("\\s*\\{\\{-?\\s*((?:(?!}}).)*?\\|\\s*(?:toJson|mustToJson))"
            + "\\s*-?}}\\s*", Pattern.DOTALL);

    private ArgValues() {
    }

    /** A value that could not be converted, with why. */
    static final class NotConvertible extends Exception {
        private static final long serialVersionUID = 1L;

        NotConvertible(String message) {
            super(message, null, false, false);
        }
    }

    /** The converted op's value part: a literal {@code value} or a {@code valueFrom}. */
    record Value(Object value, JSONPatchValue valueFrom) {
        JSONPatch op(String op, String path) {
            return new JSONPatch(op, path, value, valueFrom, Map.of());
        }
    }

    /** The {@code {name, value}} item for one argument set by {@code op}. */
    static Value item(String name, JSONPatch op, List<ClusterClassVariable> variables) throws NotConvertible {
        if (op.valueFrom() == null) {
            if (!(op.value() instanceof String s)) {
                throw new NotConvertible("the value " + describe(op.value()) + " is not a string: v1beta1 extraArgs are a"
                        + " map of strings (Cluster API's schema refuses anything else) and v1beta2's value is a string;"
                        + " quote it");
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", name);
            item.put("value", s);
            return new Value(item, null);
        }
        return new Value(null, new JSONPatchValue(null, "name: " + json(name) + "\nvalue: " + valueExpression(op, variables)
                + "\n", Map.of()));
    }

    /** The YAML value (a template action) of an argument's value, from a variable or a one-action template. */
    private static String valueExpression(JSONPatch op, List<ClusterClassVariable> variables) throws NotConvertible {
        JSONPatchValue from = op.valueFrom();
        if (from.variable() != null && !from.variable().isEmpty()) {
            String expr = goExpression(from.variable());
            String type = variableType(from.variable(), variables);
            if (type == null) {
                return "{{ $v := " + expr + " }}{{ if kindIs \"string\" $v }}{{ $v | toJson }}{{ else }}{{ $v | toJson | toJson }}{{ end }}";
            }
            return switch (type) {
                case "string" -> "{{ " + expr + " | toJson }}";
                case "integer", "number", "boolean" -> "{{ " + expr + " | toJson | toJson }}";
                default -> throw new NotConvertible("variable '" + from.variable() + "' is of type " + type
                        + ": an argument's value is a string (v1beta1's extraArgs and v1beta2's {name, value} alike)");
            };
        }
        String template = from.template() == null ? "" : from.template();
        Matcher m = ONE_JSON_ACTION.matcher(template);
        if (!m.matches()) {
            throw new NotConvertible("valueFrom.template is not one {{ ... | toJson }} action, so its output cannot be"
                    + " placed into {name, value} exactly; write it as one action that ends in '| toJson'");
        }
        return "{{ " + m.group(1).strip() + " }}";
    }

    /** The {@code valueFrom.template} rendering a whole argument map variable as a {@code {name, value}} list. */
    static JSONPatchValue listOfMapVariable(String variable) {
        String expr = goExpression(variable);
        return new JSONPatchValue(null, "{{- range $k, $v := " + expr + " }}\n- name: {{ $k | toJson }}\n"
                + "  value: {{ if kindIs \"string\" $v }}{{ $v | toJson }}{{ else }}{{ $v | toJson | toJson }}{{ end }}\n"
                + "{{- end }}\n", Map.of());
    }

    /** A literal argument map as a list, in the map's order; every value must be a string. */
    static List<Map<String, Object>> listOfMap(Object value) throws NotConvertible {
        if (!(value instanceof Map<?, ?> m)) {
            throw new NotConvertible("the value " + describe(value) + " is not a map of arguments");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new NotConvertible("argument '" + e.getKey() + "' has the value " + describe(e.getValue())
                        + ", not a string; quote it");
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", String.valueOf(e.getKey()));
            item.put("value", s);
            out.add(item);
        }
        return out;
    }

    /**
     * A Go template expression for a Cluster API variable path ({@code a.b}, {@code a[0].b}): dotted fields when
     * every segment is an identifier, else {@code index}.
     */
    static String goExpression(String variable) {
        List<Object> parts = new ArrayList<>();
        boolean plain = true;
        for (String seg : variable.split("\\.")) {
            Matcher m = INDEXED.matcher(seg);
            if (!m.matches()) {
                parts.add(seg);
                plain = false;
                continue;
            }
            parts.add(m.group(1));
            plain &= IDENTIFIER.matcher(m.group(1)).matches();
            if (!m.group(2).isEmpty()) {
                plain = false;
                for (String i : m.group(2).substring(1, m.group(2).length() - 1).split("]\\[")) {
                    parts.add(Integer.valueOf(i));
                }
            }
        }
        if (plain) {
            StringBuilder b = new StringBuilder();
            parts.forEach(p -> b.append('.').append(p));
            return b.toString();
        }
        StringBuilder b = new StringBuilder("(index .");
        for (Object p : parts) {
            b.append(' ').append(p instanceof Integer ? p.toString() : json((String) p));
        }
        return b.append(')').toString();
    }

    /** The OpenAPI type at a variable path, from the class's variables (or Cluster API's builtins), or null. */
    static String variableType(String variable, List<ClusterClassVariable> variables) {
        if (variable.startsWith("builtin.")) {
            if (variable.endsWith(".replicas")) {
                return "integer";
            }
            return variable.startsWith("builtin.cluster.network.pods") || variable.startsWith("builtin.cluster.network.services")
                    ? variable.matches(".*\\[[0-9]+]$") ? "string" : "array" : "string";
        }
        String[] segs = variable.split("\\.");
        Matcher first = INDEXED.matcher(segs[0]);
        if (!first.matches()) {
            return null;
        }
        JSONSchemaProps schema = null;
        for (ClusterClassVariable v : variables) {
            if (v != null && first.group(1).equals(v.name())) {
                schema = v.openAPIV3Schema();
            }
        }
        schema = indexed(schema, first.group(2));
        for (int i = 1; i < segs.length && schema != null; i++) {
            Matcher m = INDEXED.matcher(segs[i]);
            if (!m.matches()) {
                return null;
            }
            JSONSchemaProps next = schema.properties().get(m.group(1));
            schema = indexed(next != null ? next : schema.additionalProperties(), m.group(2));
        }
        return schema == null ? null : schema.type();
    }

    private static JSONSchemaProps indexed(JSONSchemaProps schema, String indexes) {
        JSONSchemaProps s = schema;
        for (int i = 0; s != null && i < indexes.length(); i++) {
            if (indexes.charAt(i) == '[') {
                s = s.items();
            }
        }
        return s;
    }

    /** A JSON string literal (also a YAML double-quoted scalar and a Go string literal). */
    static String json(String s) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String describe(Object value) {
        return value == null ? "null" : value instanceof String s ? json(s) : value.toString();
    }
}
