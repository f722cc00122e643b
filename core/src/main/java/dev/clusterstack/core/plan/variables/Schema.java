package dev.clusterstack.core.plan.variables;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A variable schema ({@code JSONSchemaProps} of Cluster API: the fields it has, nothing else), read once from its
 * JSON tree. Properties keep their order in the tree.
 */
final class Schema {
    final JsonNode source;
    final String type;
    final String format;
    final String pattern;
    final Pattern compiledPattern;
    final String patternError;
    final List<JsonNode> enumValues;
    final Long maximum;
    final boolean exclusiveMaximum;
    final Long minimum;
    final boolean exclusiveMinimum;
    final Long maxLength;
    final Long minLength;
    final Long maxItems;
    final Long minItems;
    final boolean uniqueItems;
    final Long maxProperties;
    final Long minProperties;
    final List<String> required;
    final Map<String, Schema> properties;
    final Schema additionalProperties;
    final Schema items;
    final List<Schema> allOf;
    final List<Schema> oneOf;
    final List<Schema> anyOf;
    final Schema not;
    final boolean preserveUnknownFields;
    final boolean intOrString;
    final JsonNode defaultValue;
    final JsonNode example;
    final List<Rule> rules;

    /** One {@code x-kubernetes-validations} entry. */
    record Rule(String rule, String message, String messageExpression, String fieldPath, String reason) {
    }

    Schema(JsonNode n) {
        source = n;
        type = text(n, "type");
        format = text(n, "format");
        pattern = text(n, "pattern");
        Pattern p = null;
        String pe = null;
        if (!pattern.isEmpty()) {
            try {
                p = Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                pe = e.getDescription();
            }
        }
        compiledPattern = p;
        patternError = pe;
        List<JsonNode> en = new ArrayList<>();
        n.path("enum").forEach(e -> {
            if (!e.isMissingNode()) {
                en.add(e);
            }
        });
        enumValues = List.copyOf(en);
        maximum = number(n, "maximum");
        exclusiveMaximum = n.path("exclusiveMaximum").asBoolean(false);
        minimum = number(n, "minimum");
        exclusiveMinimum = n.path("exclusiveMinimum").asBoolean(false);
        maxLength = number(n, "maxLength");
        minLength = number(n, "minLength");
        maxItems = number(n, "maxItems");
        minItems = number(n, "minItems");
        uniqueItems = n.path("uniqueItems").asBoolean(false);
        maxProperties = number(n, "maxProperties");
        minProperties = number(n, "minProperties");
        List<String> req = new ArrayList<>();
        n.path("required").forEach(r -> req.add(r.asText()));
        required = List.copyOf(req);
        Map<String, Schema> props = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            props.put(e.getKey(), new Schema(e.getValue()));
        }
        properties = Collections.unmodifiableMap(props);
        additionalProperties = n.path("additionalProperties").isObject() ? new Schema(n.get("additionalProperties")) : null;
        items = n.path("items").isObject() ? new Schema(n.get("items")) : null;
        allOf = list(n, "allOf");
        oneOf = list(n, "oneOf");
        anyOf = list(n, "anyOf");
        not = n.path("not").isObject() ? new Schema(n.get("not")) : null;
        preserveUnknownFields = n.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        intOrString = n.path("x-kubernetes-int-or-string").asBoolean(false);
        defaultValue = n.has("default") ? n.get("default") : null;
        example = n.has("example") ? n.get("example") : null;
        List<Rule> rs = new ArrayList<>();
        n.path("x-kubernetes-validations").forEach(r -> rs.add(new Rule(text(r, "rule"), text(r, "message"),
                text(r, "messageExpression"), text(r, "fieldPath"), r.hasNonNull("reason") ? r.get("reason").asText() : null)));
        rules = List.copyOf(rs);
    }

    /** Whether this schema or one below it has {@code x-kubernetes-validations}. */
    boolean hasRules() {
        if (!rules.isEmpty()) {
            return true;
        }
        for (Schema s : properties.values()) {
            if (s.hasRules()) {
                return true;
            }
        }
        return (additionalProperties != null && additionalProperties.hasRules()) || (items != null && items.hasRules());
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    private static Long number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isNumber() ? null : v.asLong();
    }

    private static List<Schema> list(JsonNode n, String field) {
        List<Schema> out = new ArrayList<>();
        n.path(field).forEach(s -> out.add(new Schema(s)));
        return List.copyOf(out);
    }
}
