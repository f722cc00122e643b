package dev.clusterstack.core.model.clusterclass;

import dev.clusterstack.core.bind.Extra;
import dev.clusterstack.core.model.base.Copies;

import java.util.Map;

/** {@code spec.variables[]}: a variable a cluster owner sets in {@code Cluster.spec.topology.variables}. */
public record ClusterClassVariable(String name, Boolean required, VariableMetadata metadata, VariableSchema schema,
                                   @Extra Map<String, Object> extra) {
    public ClusterClassVariable {
        extra = Copies.map(extra);
    }

    /** A variable with an OpenAPI schema; {@code required} false. */
    public static ClusterClassVariable of(String name, JSONSchemaProps schema) {
        return new ClusterClassVariable(name, false, null, new VariableSchema(schema, Map.of()), Map.of());
    }

    public ClusterClassVariable withRequired(boolean value) {
        return new ClusterClassVariable(name, value, metadata, schema, extra);
    }

    /** The variable's {@code openAPIV3Schema}, or {@code null}. */
    public JSONSchemaProps openAPIV3Schema() {
        return schema == null ? null : schema.openAPIV3Schema();
    }

    /** {@code metadata} (deprecated in Cluster API in favour of the schema's {@code x-metadata}). */
    public record VariableMetadata(Map<String, String> labels, Map<String, String> annotations,
                                   @Extra Map<String, Object> extra) {
        public VariableMetadata {
            labels = Copies.map(labels);
            annotations = Copies.map(annotations);
            extra = Copies.map(extra);
        }
    }

    /** {@code schema}: holds the {@code openAPIV3Schema}. */
    public record VariableSchema(JSONSchemaProps openAPIV3Schema, @Extra Map<String, Object> extra) {
        public VariableSchema {
            extra = Copies.map(extra);
        }
    }
}
