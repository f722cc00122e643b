package dev.clusterstack.core.render.v1beta2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clusterstack.core.crd.CrdSchemas;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether a JSON patch path exists in a CRD's {@code openAPIV3Schema}: each segment is a property, a key of a map
 * ({@code additionalProperties}), an index or {@code -} of a list, or anything below
 * {@code x-kubernetes-preserve-unknown-fields}.
 */
public final class SchemaPaths {
    private SchemaPaths() {
    }

    /**
     * Every JSON patch path of a ClusterClass object (as rendered, in either API version) that the CRD schema of its
     * selector's apiVersion and kind does not have, as {@code spec.patches[i] (name).definitions[d].jsonPatches[o].path}
     * and why; kinds without a schema in {@code crds} are not checked.
     */
    public static List<String[]> missingPaths(Map<String, Object> clusterClass, CrdSchemas crds) {
        List<String[]> out = new ArrayList<>();
        List<?> patches = clusterClass.get("spec") instanceof Map<?, ?> spec && spec.get("patches") instanceof List<?> l ? l : List.of();
        for (int p = 0; p < patches.size(); p++) {
            Map<?, ?> patch = patches.get(p) instanceof Map<?, ?> m ? m : Map.of();
            List<?> defs = patch.get("definitions") instanceof List<?> l ? l : List.of();
            for (int d = 0; d < defs.size(); d++) {
                Map<?, ?> def = defs.get(d) instanceof Map<?, ?> m ? m : Map.of();
                Map<?, ?> selector = def.get("selector") instanceof Map<?, ?> m ? m : Map.of();
                List<?> ops = def.get("jsonPatches") instanceof List<?> l ? l : List.of();
                for (int o = 0; o < ops.size(); o++) {
                    Object path = ops.get(o) instanceof Map<?, ?> m ? m.get("path") : null;
                    String why = path instanceof String s ? missing(crds, String.valueOf(selector.get("apiVersion")),
                            String.valueOf(selector.get("kind")), KubeadmPaths.segments(s)) : null;
                    if (why != null) {
                        out.add(new String[] {"spec.patches[" + p + "] (" + patch.get("name") + ").definitions[" + d
                                + "].jsonPatches[" + o + "].path", path + ": " + why + " in the CRD schema of "
                                + selector.get("kind") + " " + selector.get("apiVersion")});
                    }
                }
            }
        }
        return out;
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
