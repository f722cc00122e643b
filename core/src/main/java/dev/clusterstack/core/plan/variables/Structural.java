package dev.clusterstack.core.plan.variables;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Kubernetes' structural schema operations on a value: defaulting and pruning (unknown field detection). */
final class Structural {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Structural() {
    }

    /**
     * Structural defaulting ({@code structuraldefaulting.Default}) of a value that is wrapped as the property of an
     * object: a missing or null value gets the schema's default; then, recursively, a missing or null property gets
     * its default and properties, additional properties and array items are defaulted. Returns a new tree (the input
     * is not changed), with object keys sorted as Go's {@code json.Marshal} writes them.
     */
    static JsonNode defaultValue(Schema s, JsonNode value) {
        JsonNode v = JsonValues.isNull(value) ? null : value.deepCopy();
        if (v == null && s.defaultValue != null) {
            v = s.defaultValue.deepCopy();
        }
        if (v == null) {
            return NODES.nullNode();
        }
        applyDefaults(v, s);
        return normalize(v);
    }

    private static void applyDefaults(JsonNode x, Schema s) {
        if (s == null) {
            return;
        }
        if (x instanceof ObjectNode o) {
            for (Map.Entry<String, Schema> p : s.properties.entrySet()) {
                Schema prop = p.getValue();
                if (prop.defaultValue == null || prop.defaultValue.isNull()) {
                    continue;
                }
                JsonNode current = o.get(p.getKey());
                if (current == null || current.isNull()) {
                    o.set(p.getKey(), prop.defaultValue.deepCopy());
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Schema prop = s.properties.get(e.getKey());
                if (prop != null) {
                    applyDefaults(e.getValue(), prop);
                } else if (s.additionalProperties != null) {
                    applyDefaults(e.getValue(), s.additionalProperties);
                }
            }
        } else if (x instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                JsonNode item = a.get(i);
                if (item.isNull() && s.items != null && s.items.defaultValue != null && !s.items.defaultValue.isNull()) {
                    a.set(i, s.items.defaultValue.deepCopy());
                    item = a.get(i);
                }
                applyDefaults(item, s.items);
            }
        }
    }

    /** Object keys sorted, whole floating point numbers as integers: the JSON Go writes for a decoded value. */
    static JsonNode normalize(JsonNode v) {
        if (v.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            v.fields().forEachRemaining(e -> sorted.put(e.getKey(), normalize(e.getValue())));
            ObjectNode o = NODES.objectNode();
            sorted.forEach(o::set);
            return o;
        }
        if (v.isArray()) {
            ArrayNode a = NODES.arrayNode(v.size());
            v.forEach(i -> a.add(normalize(i)));
            return a;
        }
        if (v.isFloatingPointNumber()) {
            double d = v.asDouble();
            if (d == Math.rint(d) && Math.abs(d) < 9.0E15) {
                return NODES.numberNode((long) d);
            }
        }
        return v;
    }

    /**
     * The paths of the fields structural pruning ({@code pruning.PruneWithOptions}) would drop, sorted, relative to
     * the value (the {@code variableValue.} prefix Cluster API trims is already gone; an index stays as
     * {@code variableValue[0]...} as in Cluster API).
     */
    static List<String> unknownFields(Schema s, JsonNode value) {
        List<String> out = new ArrayList<>();
        prune(value, s, "variableValue", out);
        Collections.sort(out);
        List<String> trimmed = new ArrayList<>(out.size());
        for (String p : out) {
            trimmed.add(p.startsWith("variableValue.") ? p.substring("variableValue.".length()) : p);
        }
        return trimmed;
    }

    /** Whether pruning would drop a field (as {@link #unknownFields}, without building paths). */
    static boolean hasUnknownFields(Schema s, JsonNode value) {
        return drops(value, s);
    }

    private static boolean drops(JsonNode x, Schema s) {
        if (s != null && s.preserveUnknownFields) {
            return skipDrops(x, s);
        }
        if (x == null) {
            return false;
        }
        if (x.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = x.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Schema prop = s == null ? null : s.properties.get(e.getKey());
                if (prop != null) {
                    if (drops(e.getValue(), prop)) {
                        return true;
                    }
                } else if (s != null && s.additionalProperties != null) {
                    if (drops(e.getValue(), s.additionalProperties)) {
                        return true;
                    }
                } else {
                    return true;
                }
            }
        } else if (x.isArray()) {
            for (JsonNode item : x) {
                if (drops(item, s == null ? null : s.items)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean skipDrops(JsonNode x, Schema s) {
        if (s == null || x == null) {
            return false;
        }
        if (x.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = x.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Schema prop = s.properties.get(e.getKey());
                if (prop != null) {
                    if (drops(e.getValue(), prop)) {
                        return true;
                    }
                } else if (s.additionalProperties != null && drops(e.getValue(), s.additionalProperties)) {
                    return true;
                }
            }
        } else if (x.isArray()) {
            for (JsonNode item : x) {
                if (skipDrops(item, s.items)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void prune(JsonNode x, Schema s, String path, List<String> out) {
        if (s != null && s.preserveUnknownFields) {
            skipPrune(x, s, path, out);
            return;
        }
        if (x == null) {
            return;
        }
        if (x.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = x.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = path + "." + e.getKey();
                Schema prop = s == null ? null : s.properties.get(e.getKey());
                if (prop != null) {
                    prune(e.getValue(), prop, child, out);
                } else if (s != null && s.additionalProperties != null) {
                    prune(e.getValue(), s.additionalProperties, child, out);
                } else {
                    out.add(child);
                }
            }
        } else if (x.isArray()) {
            for (int i = 0; i < x.size(); i++) {
                prune(x.get(i), s == null ? null : s.items, path + "[" + i + "]", out);
            }
        }
    }

    private static void skipPrune(JsonNode x, Schema s, String path, List<String> out) {
        if (s == null || x == null) {
            return;
        }
        if (x.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = x.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Schema prop = s.properties.get(e.getKey());
                if (prop != null) {
                    prune(e.getValue(), prop, path + "." + e.getKey(), out);
                } else if (s.additionalProperties != null) {
                    prune(e.getValue(), s.additionalProperties, path + "." + e.getKey(), out);
                }
            }
        } else if (x.isArray()) {
            for (int i = 0; i < x.size(); i++) {
                skipPrune(x.get(i), s.items, path + "[" + i + "]", out);
            }
        }
    }
}
