package dev.clusterstack.core.plan.variables;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A ClusterClass variable definition: {@code spec.variables[]} (v1beta1 and v1beta2 alike) with its
 * {@code schema.openAPIV3Schema} as a Jackson tree.
 *
 * @param name the variable name
 * @param required whether a Cluster must set the variable
 * @param schema the variable's {@code openAPIV3Schema}
 */
public record VariableDefinition(String name, boolean required, JsonNode schema) {
    public VariableDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
    }
}
