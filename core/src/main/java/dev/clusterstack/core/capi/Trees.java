package dev.clusterstack.core.capi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One conversion of one object: the tree helpers the field mappings share, the apiVersion lookup for contract
 * references, and what the conversion had to leave behind ({@link ApiConversion.Result#lost()}).
 */
final class Trees {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    final List<String> lost = new ArrayList<>();
    final Function<String, String> apiVersions;
    final String namespace;

    Trees(Function<String, String> apiVersions, String namespace) {
        this.apiVersions = apiVersions;
        this.namespace = namespace;
    }

    /** The child object at {@code key}, or null when absent or not an object. */
    static ObjectNode obj(JsonNode parent, String key) {
        return parent != null && parent.get(key) instanceof ObjectNode o ? o : null;
    }

    /** The child object at {@code key}, created (at the end) when absent. */
    static ObjectNode ensure(ObjectNode parent, String key) {
        ObjectNode o = obj(parent, key);
        if (o == null) {
            o = parent.putObject(key);
        }
        return o;
    }

    static List<ObjectNode> items(JsonNode parent, String key) {
        List<ObjectNode> out = new ArrayList<>();
        if (parent != null && parent.get(key) instanceof ArrayNode a) {
            a.forEach(i -> {
                if (i instanceof ObjectNode o) {
                    out.add(o);
                }
            });
        }
        return out;
    }

    /** Replaces {@code oldKey} by {@code newKey} with {@code value} at the same position (at the end if absent). */
    static void replace(ObjectNode node, String oldKey, String newKey, JsonNode value) {
        if (!node.has(oldKey)) {
            if (value != null) {
                node.set(newKey, value);
            }
            return;
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals(oldKey)) {
                if (value != null) {
                    fields.put(newKey, value);
                }
            } else if (!e.getKey().equals(newKey)) {
                fields.put(e.getKey(), e.getValue());
            }
        }
        node.removeAll();
        node.setAll(fields);
    }

    /** Renames a field in place, keeping its value and position. */
    static void rename(ObjectNode node, String oldKey, String newKey) {
        if (node != null && node.has(oldKey)) {
            replace(node, oldKey, newKey, node.get(oldKey));
        }
    }

    /** Removes {@code key} when it holds an empty object (v1beta2's omitted zero-value structs). */
    static void dropIfEmpty(ObjectNode parent, String key) {
        if (parent != null && parent.get(key) instanceof ObjectNode o && o.isEmpty()) {
            parent.remove(key);
        }
    }

    /** Moves a value from one parent to another under a new name, converting it; nothing when absent. */
    static boolean move(ObjectNode from, String fromKey, ObjectNode to, String toKey, Function<JsonNode, JsonNode> convert) {
        if (from == null || !from.has(fromKey)) {
            return false;
        }
        JsonNode value = convert.apply(from.remove(fromKey));
        if (value != null) {
            to.set(toKey, value);
        }
        return true;
    }

    /** A duration field ({@code nodeDrainTimeout: 5m}) as whole seconds ({@code ...Seconds: 300}). */
    static JsonNode seconds(JsonNode duration, String field) {
        if (duration == null || duration.isNull()) {
            return null;
        }
        try {
            return NODES.numberNode((int) GoDuration.toSeconds(duration.asText()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }

    /** Whole seconds as the duration the API server writes ({@code 300} gives {@code 5m0s}). */
    static JsonNode duration(JsonNode seconds) {
        return seconds == null || seconds.isNull() ? null : NODES.textNode(GoDuration.fromSeconds(seconds.asLong()));
    }

    /** Cluster API's {@code ConvertToArgs}: a map of arguments as a list sorted by name, then value. */
    static JsonNode argList(JsonNode map) {
        if (map == null || !map.isObject()) {
            return map;
        }
        List<String[]> args = new ArrayList<>();
        map.fields().forEachRemaining(e -> args.add(new String[]{e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()}));
        args.sort(Comparator.<String[], String>comparing(a -> a[0]).thenComparing(a -> a[1]));
        ArrayNode out = NODES.arrayNode();
        for (String[] a : args) {
            out.addObject().put("name", a[0]).put("value", a[1]);
        }
        return out;
    }

    /** Cluster API's {@code ConvertFromArgs}: a list of arguments as a map, a later duplicate name winning. */
    static JsonNode argMap(JsonNode list) {
        if (list == null || !list.isArray()) {
            return list;
        }
        ObjectNode out = NODES.objectNode();
        for (JsonNode a : list) {
            out.put(a.path("name").asText(), a.path("value").asText(""));
        }
        return out;
    }

    /** Notes a field that the target version cannot hold. */
    void lose(String path, String why) {
        lost.add(path + ": " + why);
    }

    static String group(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** A v1beta1 object reference as a v1beta2 contract-versioned one ({@code apiGroup}, {@code kind}, {@code name}). */
    static ObjectNode contractRef(JsonNode ref) {
        ObjectNode out = NODES.objectNode();
        out.put("apiGroup", group(ref.path("apiVersion").asText("")));
        out.put("kind", ref.path("kind").asText(""));
        out.put("name", ref.path("name").asText(""));
        return out;
    }

    /**
     * A v1beta2 contract-versioned reference as a v1beta1 object reference: the apiVersion comes from the lookup (Cluster
     * API asks the CRD of the group and kind), the namespace is the object's.
     */
    ObjectNode objectRef(JsonNode ref, String field) {
        String groupKind = ref.path("kind").asText("") + "." + ref.path("apiGroup").asText("");
        String apiVersion = apiVersions.apply(groupKind);
        if (apiVersion == null) {
            throw new IllegalArgumentException(field + ": no apiVersion known for " + groupKind + " (Cluster API reads it"
                    + " from the CRD; give it to the conversion)");
        }
        ObjectNode out = NODES.objectNode();
        out.put("apiVersion", apiVersion);
        out.put("kind", ref.path("kind").asText(""));
        out.put("name", ref.path("name").asText(""));
        if (!namespace.isEmpty()) {
            out.put("namespace", namespace);
        }
        return out;
    }
}
