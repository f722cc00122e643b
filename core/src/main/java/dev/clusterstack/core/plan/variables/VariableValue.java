package dev.clusterstack.core.plan.variables;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A variable value: an entry of {@code Cluster.spec.topology.variables[]} or of a topology's
 * {@code variables.overrides[]}.
 *
 * @param name the variable name
 * @param value the value as a JSON tree; {@code null} or a JSON null node for a value set to {@code null}
 */
public record VariableValue(String name, JsonNode value) {
    public VariableValue {
        Objects.requireNonNull(name, "name");
    }
}
