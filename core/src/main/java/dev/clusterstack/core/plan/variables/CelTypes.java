package dev.clusterstack.core.plan.variables;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.common.values.NullValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How Kubernetes presents a variable schema and its values to CEL: the declared type of a schema node
 * (SchemaDeclType), the escaping of property names, and a JSON value converted under its schema
 * (UnstructuredToVal).
 */
final class CelTypes {
    private static final Set<String> RESERVED = Set.of("true", "false", "null", "in", "as", "break", "const",
            "continue", "else", "for", "function", "if", "import", "let", "loop", "package", "namespace", "return",
            "var", "void", "while");
    private static final Pattern EXPAND = Pattern.compile("(__|[-./]|[^a-zA-Z0-9-./_])");

    private CelTypes() {
    }

    /** The CEL type Kubernetes declares for a schema (SchemaDeclType), {@code null} when it declares none. */
    static CelType declType(Schema s, String name, Map<String, CelType> structs, Set<String> formats) {
        if (s.intOrString) {
            return SimpleType.DYN;
        }
        switch (s.type) {
            case "integer":
                return SimpleType.INT;
            case "number":
                return SimpleType.DOUBLE;
            case "boolean":
                return SimpleType.BOOL;
            case "string":
                if (List.of("byte", "duration", "date", "date-time", "datetime").contains(s.format)) {
                    formats.add(s.format);
                }
                return SimpleType.STRING;
            case "array": {
                CelType items = s.items == null ? null : declType(s.items, name + ".@idx", structs, formats);
                return ListType.create(items == null ? SimpleType.DYN : items);
            }
            case "object": {
                if (s.additionalProperties != null) {
                    CelType values = declType(s.additionalProperties, name + ".@elem", structs, formats);
                    return values == null ? null : MapType.create(SimpleType.STRING, values);
                }
                Map<String, CelType> fields = new LinkedHashMap<>();
                for (Map.Entry<String, Schema> p : s.properties.entrySet()) {
                    String escaped = escape(p.getKey());
                    if (escaped == null) {
                        continue;
                    }
                    CelType t = declType(p.getValue(), name + "." + escaped, structs, formats);
                    if (t != null) {
                        fields.put(escaped, t);
                    }
                }
                StructType struct = StructType.create(name, ImmutableSet.copyOf(fields.keySet()),
                        f -> Optional.ofNullable(fields.get(f)));
                structs.put(name, struct);
                return struct;
            }
            default:
                return null;
        }
    }

    /** Kubernetes' escaping of property names for CEL; {@code null} when the name cannot be accessed. */
    static String escape(String ident) {
        if (ident.isEmpty() || Character.isDigit(ident.charAt(0)) && ident.charAt(0) <= '9') {
            return null;
        }
        if (RESERVED.contains(ident)) {
            return "__" + ident + "__";
        }
        Matcher m = EXPAND.matcher(ident);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String r = switch (m.group()) {
                case "__" -> "__underscores__";
                case "." -> "__dot__";
                case "-" -> "__dash__";
                case "/" -> "__slash__";
                default -> null;
            };
            if (r == null) {
                return null;
            }
            m.appendReplacement(b, Matcher.quoteReplacement(r));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** A JSON value as CEL sees it under a schema (Kubernetes' UnstructuredToVal). */
    static Object toCel(Schema s, JsonNode v) {
        if (JsonValues.isNull(v)) {
            return NullValue.NULL_VALUE;
        }
        if (s == null || s.intOrString || s.type.isEmpty()) {
            return natural(v);
        }
        switch (s.type) {
            case "integer":
                return v.isNumber() ? v.asLong() : natural(v);
            case "number":
                return v.isNumber() ? v.asDouble() : natural(v);
            case "array": {
                if (!v.isArray()) {
                    return natural(v);
                }
                List<Object> list = new ArrayList<>(v.size());
                v.forEach(i -> list.add(toCel(s.items, i)));
                return list;
            }
            case "object": {
                if (!v.isObject()) {
                    return natural(v);
                }
                Map<String, Object> map = new LinkedHashMap<>();
                if (s.additionalProperties != null) {
                    v.fields().forEachRemaining(e -> map.put(e.getKey(), toCel(s.additionalProperties, e.getValue())));
                    return map;
                }
                for (Map.Entry<String, Schema> p : s.properties.entrySet()) {
                    JsonNode child = v.get(p.getKey());
                    String escaped = escape(p.getKey());
                    if (child != null && escaped != null) {
                        map.put(escaped, toCel(p.getValue(), child));
                    }
                }
                return map;
            }
            default:
                return natural(v);
        }
    }

    private static Object natural(JsonNode v) {
        if (JsonValues.isNull(v)) {
            return NullValue.NULL_VALUE;
        }
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isNumber()) {
            return OpenApiValidator.isWhole(v) ? (Object) v.asLong() : (Object) v.asDouble();
        }
        if (v.isArray()) {
            List<Object> list = new ArrayList<>(v.size());
            v.forEach(i -> list.add(natural(i)));
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        v.fields().forEachRemaining(e -> map.put(e.getKey(), natural(e.getValue())));
        return map;
    }
}
