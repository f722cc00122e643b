package dev.clusterstack.core.plan.variables;

import java.util.Objects;

/**
 * One finding of variable defaulting or validation.
 *
 * @param severity how it weighs
 * @param field Cluster API's field path, e.g. {@code spec.topology.variables[cpu].value.size}
 * @param message the message as Cluster API words it, e.g. {@code Invalid value: "99": should be less than or equal to 10}
 */
public record VariableFinding(Severity severity, String field, String message) {
    public VariableFinding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return severity + " " + field + ": " + message;
    }
}
