package dev.clusterstack.core.plan.variables;

/** One finding about a variable value; {@code field} like {@code spec.topology.variables[cpu].value.size}. */
public record VariableFinding(Severity severity, String field, String message) {
}
