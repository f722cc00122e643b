package dev.clusterstack.core.render.v1beta2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clusterstack.core.crd.CrdSchemas;

import java.util.List;

/**
 * Whether a JSON patch path exists in a CRD's {@code openAPIV3Schema}: each segment is a property, a key of a map
 * ({@code additionalProperties}), an index or {@code -} of a list, or anything below
 * {@code x-kubernetes-preserve-unknown-fields}.
 */
final class SchemaPaths {
    private SchemaPaths() {
    }

    /** Why the path does not exist in the schema of apiVersion/kind, or null when it does (or no schema is known). */
    static String missing(CrdSchemas crds, String apiVersion, String kind, List<String> path) {
        if (crds == null) {
            return null;
        }
        JsonNode schema = crds.openApiSchema(apiVersion, kind).orElse(null);
        if (schema == null) {
            return null;
        }
        JsonNode node = schema;
        for (int i = 0; i < path.size(); i++) {
            String seg = path.get(i);
            String at = KubeadmPaths.pointer(path.subList(0, i));
            JsonNode props = node.path("properties");
            if (props.has(seg)) {
                node = props.get(seg);
            } else if (node.path("items").isObject()) {
                if (!seg.equals("-") && !seg.matches("[0-9]+")) {
                    return (at.isEmpty() ? "/" : at) + " is a list: '" + seg + "' is not an index";
                }
                node = node.get("items");
            } else if (node.path("additionalProperties").isObject()) {
                node = node.get("additionalProperties");
            } else if (node.path("additionalProperties").asBoolean(false)
                    || node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                return null;
            } else if (props.isEmpty() && !node.has("type")) {
                return null;
            } else if (!props.isEmpty() || "object".equals(node.path("type").asText())) {
                return (at.isEmpty() ? "the object" : at) + " has no field '" + seg + "'";
            } else {
                return at + " is a " + node.path("type").asText("value") + ": nothing lies below it";
            }
        }
        return null;
    }
}
