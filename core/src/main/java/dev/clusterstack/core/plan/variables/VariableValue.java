package dev.clusterstack.core.plan.variables;

import com.fasterxml.jackson.databind.JsonNode;

/** A variable value of a Cluster ({@code spec.topology.variables[]} or an override). */
public record VariableValue(String name, JsonNode value) {
}
