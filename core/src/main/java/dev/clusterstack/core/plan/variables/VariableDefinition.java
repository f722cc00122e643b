package dev.clusterstack.core.plan.variables;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A variable of a ClusterClass: its name, whether the Cluster must set it, and its {@code openAPIV3Schema}.
 */
public record VariableDefinition(String name, boolean required, JsonNode schema) {
}
