package dev.clusterstack.core.model.clusterclass;

import dev.clusterstack.core.bind.Extra;
import dev.clusterstack.core.bind.YamlName;
import dev.clusterstack.core.model.base.Copies;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI v3 subset Cluster API accepts for variable schemas ({@code JSONSchemaProps} of
 * cluster.x-k8s.io/v1beta1), including {@code x-kubernetes-validations} and {@code x-metadata}.
 * {@code default}, {@code example} and {@code enum} values are free trees;
 * {@code additionalProperties} is a schema. {@code minimum} and {@code maximum} are integers, as
 * Cluster API declares them ({@code int64}: a {@code 1.0} is refused by the ClusterClass CRD).
 */
public record JSONSchemaProps(String type,
                              String format,
                              String description,
                              @YamlName("default") Object defaultValue,
                              Object example,
                              @YamlName("enum") List<Object> enumValues,
                              Map<String, JSONSchemaProps> properties,
                              JSONSchemaProps additionalProperties,
                              List<String> required,
                              JSONSchemaProps items,
                              Long maxItems,
                              Long minItems,
                              Boolean uniqueItems,
                              Long maxLength,
                              Long minLength,
                              String pattern,
                              Long maximum,
                              Boolean exclusiveMaximum,
                              Long minimum,
                              Boolean exclusiveMinimum,
                              Long maxProperties,
                              Long minProperties,
                              List<JSONSchemaProps> allOf,
                              List<JSONSchemaProps> oneOf,
                              List<JSONSchemaProps> anyOf,
                              JSONSchemaProps not,
                              @YamlName("x-kubernetes-preserve-unknown-fields") Boolean preserveUnknownFields,
                              @YamlName("x-kubernetes-int-or-string") Boolean intOrString,
                              @YamlName("x-kubernetes-validations") List<ValidationRule> validations,
                              @YamlName("x-metadata") VariableSchemaMetadata xMetadata,
                              @Extra Map<String, Object> extra) {
    public JSONSchemaProps {
        enumValues = enumValues == null ? null : Copies.list(enumValues);
        properties = properties == null ? Map.of() : Copies.map(properties);
        required = Copies.list(required);
        allOf = Copies.list(allOf);
        oneOf = Copies.list(oneOf);
        anyOf = Copies.list(anyOf);
        validations = Copies.list(validations);
        extra = Copies.map(extra);
    }

    public static Builder builder(String type) {
        return new Builder().type(type);
    }

    public static JSONSchemaProps string(String description, Object defaultValue) {
        return builder("string").description(description).defaultValue(defaultValue).build();
    }

    public static JSONSchemaProps bool(String description, Boolean defaultValue) {
        return builder("boolean").description(description).defaultValue(defaultValue).build();
    }

    public static JSONSchemaProps integer(String description, Long defaultValue) {
        return builder("integer").description(description).defaultValue(defaultValue).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.type = type; b.format = format; b.description = description; b.defaultValue = defaultValue;
        b.example = example; b.enumValues = enumValues; b.properties = properties;
        b.additionalProperties = additionalProperties; b.required = required; b.items = items;
        b.maxItems = maxItems; b.minItems = minItems; b.uniqueItems = uniqueItems; b.maxLength = maxLength;
        b.minLength = minLength; b.pattern = pattern; b.maximum = maximum; b.exclusiveMaximum = exclusiveMaximum;
        b.minimum = minimum; b.exclusiveMinimum = exclusiveMinimum; b.maxProperties = maxProperties;
        b.minProperties = minProperties; b.allOf = allOf; b.oneOf = oneOf; b.anyOf = anyOf; b.not = not;
        b.preserveUnknownFields = preserveUnknownFields; b.intOrString = intOrString; b.validations = validations;
        b.xMetadata = xMetadata; b.extra = extra;
        return b;
    }

    /** A Kubernetes CEL validation rule ({@code x-kubernetes-validations[]}). */
    public record ValidationRule(String rule, String message, String messageExpression, String reason,
                                 String fieldPath, @Extra Map<String, Object> extra) {
        public ValidationRule {
            extra = Copies.map(extra);
        }
    }

    /** {@code x-metadata}: labels and annotations attached to the variable. */
    public record VariableSchemaMetadata(Map<String, String> labels, Map<String, String> annotations,
                                         @Extra Map<String, Object> extra) {
        public VariableSchemaMetadata {
            labels = Copies.map(labels);
            annotations = Copies.map(annotations);
            extra = Copies.map(extra);
        }
    }

    /** Builds a {@link JSONSchemaProps}. */
    public static final class Builder {
        private String type, format, description, pattern;
        private Object defaultValue, example;
        private List<Object> enumValues;
        private Map<String, JSONSchemaProps> properties = Map.of();
        private JSONSchemaProps additionalProperties, items, not;
        private List<String> required;
        private Long maxItems, minItems, maxLength, minLength, maxProperties, minProperties;
        private Boolean uniqueItems, exclusiveMaximum, exclusiveMinimum, preserveUnknownFields, intOrString;
        private Long maximum, minimum;
        private List<JSONSchemaProps> allOf, oneOf, anyOf;
        private List<ValidationRule> validations;
        private VariableSchemaMetadata xMetadata;
        private Map<String, Object> extra = Map.of();

        public Builder type(String v) { type = v; return this; }
        public Builder format(String v) { format = v; return this; }
        public Builder description(String v) { description = v; return this; }
        public Builder defaultValue(Object v) { defaultValue = v; return this; }
        public Builder example(Object v) { example = v; return this; }
        public Builder enumValues(List<Object> v) { enumValues = v; return this; }
        public Builder property(String name, JSONSchemaProps v) {
            Map<String, JSONSchemaProps> m = new LinkedHashMap<>(properties);
            m.put(name, v);
            properties = m;
            return this;
        }
        public Builder additionalProperties(JSONSchemaProps v) { additionalProperties = v; return this; }
        public Builder required(List<String> v) { required = v; return this; }
        public Builder items(JSONSchemaProps v) { items = v; return this; }
        public Builder maxItems(Long v) { maxItems = v; return this; }
        public Builder minItems(Long v) { minItems = v; return this; }
        public Builder uniqueItems(Boolean v) { uniqueItems = v; return this; }
        public Builder maxLength(Long v) { maxLength = v; return this; }
        public Builder minLength(Long v) { minLength = v; return this; }
        public Builder pattern(String v) { pattern = v; return this; }
        public Builder maximum(Long v) { maximum = v; return this; }
        public Builder exclusiveMaximum(Boolean v) { exclusiveMaximum = v; return this; }
        public Builder minimum(Long v) { minimum = v; return this; }
        public Builder exclusiveMinimum(Boolean v) { exclusiveMinimum = v; return this; }
        public Builder maxProperties(Long v) { maxProperties = v; return this; }
        public Builder minProperties(Long v) { minProperties = v; return this; }
        public Builder allOf(List<JSONSchemaProps> v) { allOf = v; return this; }
        public Builder oneOf(List<JSONSchemaProps> v) { oneOf = v; return this; }
        public Builder anyOf(List<JSONSchemaProps> v) { anyOf = v; return this; }
        public Builder not(JSONSchemaProps v) { not = v; return this; }
        public Builder preserveUnknownFields(Boolean v) { preserveUnknownFields = v; return this; }
        public Builder intOrString(Boolean v) { intOrString = v; return this; }
        public Builder validations(List<ValidationRule> v) { validations = v; return this; }
        public Builder xMetadata(VariableSchemaMetadata v) { xMetadata = v; return this; }
        public Builder extra(Map<String, Object> v) { extra = v; return this; }

        public JSONSchemaProps build() {
            return new JSONSchemaProps(type, format, description, defaultValue, example, enumValues, properties,
                    additionalProperties, required, items, maxItems, minItems, uniqueItems, maxLength, minLength,
                    pattern, maximum, exclusiveMaximum, minimum, exclusiveMinimum, maxProperties, minProperties,
                    allOf, oneOf, anyOf, not, preserveUnknownFields, intOrString, validations, xMetadata, extra);
        }
    }
}
