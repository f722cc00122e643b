package dev.clusterstack.core.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Converts a Kubernetes structural schema ({@code openAPIV3Schema}) into the JSON Schema draft 4 document
 * {@link CrdSchemas} validates with; the rules of the conversion are listed in {@link CrdSchemas}.
 */
final class StructuralSchemaConverter {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> COPIED_KEYWORDS = List.of("enum", "minimum", "maximum", "exclusiveMinimum",
      "exclusiveMaximum", "minLength", "maxLength", "pattern", "minItems", "maxItems", "uniqueItems",
      "minProperties", "maxProperties", "multipleOf", "required");

  private final boolean strictUnknownFields;

  StructuralSchemaConverter(boolean strictUnknownFields) {
    this.strictUnknownFields = strictUnknownFields;
  }

  ObjectNode convertRoot(JsonNode openApi) {
    ObjectNode root = convert(openApi, false);
    ObjectNode properties = root.has("properties") ? (ObjectNode) root.get("properties") : root.putObject("properties");
    properties.set("apiVersion", NODES.objectNode().put("type", "string"));
    properties.set("kind", NODES.objectNode().put("type", "string"));
    properties.set("metadata", looseMetadata());
    return root;
  }

  private static boolean isIntOrStringAnyOf(JsonNode anyOf) {
    if (!anyOf.isArray() || anyOf.size() != 2) {
      return false;
    }
    Set<String> types = new TreeSet<>();
    for (JsonNode child : anyOf) {
      if (child.size() != 1 || !child.path("type").isTextual()) {
        return false;
      }
      types.add(child.path("type").asText());
    }
    return types.equals(Set.of("integer", "string"));
  }

  private static ObjectNode looseMetadata() {
    ObjectNode metadata = NODES.objectNode().put("type", "object");
    ObjectNode properties = metadata.putObject("properties");
    for (String field : List.of("name", "namespace", "generateName")) {
      properties.putObject(field).put("type", "string");
    }
    for (String field : List.of("labels", "annotations")) {
      ObjectNode map = properties.putObject(field);
      map.put("type", "object");
      map.putObject("additionalProperties").put("type", "string");
    }
    return metadata;
  }

  /**
   * @param valueValidation true inside allOf/anyOf/oneOf/not, where Kubernetes forbids field definitions and the
   *                        unknown-field rule must not apply
   */
  private ObjectNode convert(JsonNode k8s, boolean valueValidation) {
    ObjectNode out = NODES.objectNode();
    if (k8s == null || !k8s.isObject()) {
      return out;
    }
    boolean intOrString = k8s.path("x-kubernetes-int-or-string").asBoolean(false);
    boolean preserveUnknown = k8s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    boolean embedded = k8s.path("x-kubernetes-embedded-resource").asBoolean(false);
    boolean nullable = k8s.path("nullable").asBoolean(false);

    List<String> types = new ArrayList<>();
    if (intOrString) {
      types.add("integer");
      types.add("string");
    } else if (k8s.path("type").isTextual()) {
      types.add(k8s.path("type").asText());
    }
    if (nullable && !types.isEmpty()) {
      types.add("null");
    }
    if (types.size() == 1) {
      out.put("type", types.get(0));
    } else if (!types.isEmpty()) {
      ArrayNode array = out.putArray("type");
      types.forEach(array::add);
    }

    for (String keyword : COPIED_KEYWORDS) {
      if (k8s.has(keyword)) {
        out.set(keyword, k8s.get(keyword).deepCopy());
      }
    }
    if (nullable && out.path("enum").isArray()) {
      ((ArrayNode) out.get("enum")).addNull();
    }
    if (out.path("required").isArray()) {
      // the API server applies a property's default before validating, so a defaulted field is never missing
      ArrayNode required = (ArrayNode) out.get("required");
      for (int i = required.size() - 1; i >= 0; i--) {
        if (k8s.path("properties").path(required.get(i).asText()).has("default")) {
          required.remove(i);
        }
      }
      if (required.isEmpty()) {
        out.remove("required"); // draft 4 requires at least one entry
      }
    }

    for (String keyword : List.of("allOf", "anyOf", "oneOf")) {
      if (intOrString && "anyOf".equals(keyword) && isIntOrStringAnyOf(k8s.path(keyword))) {
        continue; // [{type: integer}, {type: string}] repeats the type above and would only triple each error
      }
      if (k8s.path(keyword).isArray()) {
        ArrayNode array = out.putArray(keyword);
        for (JsonNode child : k8s.get(keyword)) {
          array.add(convert(child, true));
        }
      }
    }
    if (k8s.path("not").isObject()) {
      out.set("not", convert(k8s.get("not"), true));
    }

    JsonNode properties = k8s.path("properties");
    if (properties.isObject()) {
      ObjectNode converted = out.putObject("properties");
      Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        converted.set(field.getKey(), convert(field.getValue(), valueValidation));
      }
    }
    if (k8s.path("items").isObject()) {
      out.set("items", convert(k8s.get("items"), valueValidation));
    }

    JsonNode additional = k8s.path("additionalProperties");
    if (additional.isBoolean()) {
      out.put("additionalProperties", additional.asBoolean());
    } else if (additional.isObject()) {
      out.set("additionalProperties", convert(additional, valueValidation));
    } else if (properties.isObject() && !preserveUnknown && !valueValidation && strictUnknownFields) {
      out.put("additionalProperties", false);
    }

    if (embedded) {
      ObjectNode props = out.has("properties") ? (ObjectNode) out.get("properties") : out.putObject("properties");
      if (!props.has("apiVersion")) {
        props.putObject("apiVersion").put("type", "string");
      }
      if (!props.has("kind")) {
        props.putObject("kind").put("type", "string");
      }
      props.set("metadata", looseMetadata());
    }
    return out;
  }
}
