package dev.clusterstack.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Applies the {@code default}s of an {@code openAPIV3Schema} to an object as the Kubernetes API server does
 * (structural defaulting): at every object level, a property that is absent (or null where the schema is not
 * nullable) gets a copy of its {@code default}; then defaulting goes on into {@code properties},
 * {@code additionalProperties} and {@code items} of what exists, newly defaulted values included. {@code metadata}
 * at the root is left alone.
 */
final class StructuralDefaults {
    private StructuralDefaults() {
    }

    static void apply(JsonNode object, JsonNode schema) {
        apply(object, schema, true);
    }

    private static void apply(JsonNode x, JsonNode s, boolean root) {
        if (x == null || s == null || !s.isObject()) {
            return;
        }
        if (x instanceof ObjectNode o) {
            JsonNode properties = s.get("properties");
            if (properties != null && properties.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> p = it.next();
                    JsonNode def = p.getValue().get("default");
                    if (def == null || root && p.getKey().equals("metadata")) {
                        continue;
                    }
                    JsonNode present = o.get(p.getKey());
                    boolean nullable = p.getValue().path("nullable").asBoolean(false);
                    if (present == null || present.isNull() && !nullable) {
                        o.set(p.getKey(), def.deepCopy());
                    }
                }
            }
            JsonNode additional = s.get("additionalProperties");
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (root && name.equals("metadata")) {
                    continue;
                }
                JsonNode prop = properties == null ? null : properties.get(name);
                if (prop != null) {
                    apply(o.get(name), prop, false);
                } else if (additional != null && additional.isObject()) {
                    apply(o.get(name), additional, false);
                }
            }
        } else if (x instanceof ArrayNode a) {
            JsonNode items = s.get("items");
            if (items != null && items.isObject()) {
                for (JsonNode item : a) {
                    apply(item, items, false);
                }
            }
        }
    }
}
