package dev.clusterstack.core.plan.variables;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Defaulting and validation of a Cluster's variable values against the ClusterClass's definitions.
 *
 * <p>Minimal implementation: defaulting creates a missing variable from a top-level {@code default} only;
 * validation reports undefined variables and missing required ones only.
 */
public final class ClusterVariables {
    private ClusterVariables() {
    }

    /** The defaulted values and what went wrong. */
    public record Result(List<VariableValue> values, List<VariableFinding> findings) {
    }

    public static Result defaultValues(List<VariableDefinition> definitions, List<VariableValue> values, String fieldPath,
                                       boolean createMissing) {
        List<VariableValue> out = new ArrayList<>(values);
        if (createMissing) {
            Set<String> present = new LinkedHashSet<>();
            values.forEach(v -> present.add(v.name()));
            for (VariableDefinition d : definitions) {
                JsonNode def = d.schema() == null ? null : d.schema().get("default");
                if (!present.contains(d.name()) && def != null) {
                    out.add(new VariableValue(d.name(), def.deepCopy()));
                }
            }
        }
        return new Result(List.copyOf(out), List.of());
    }

    public static List<VariableFinding> validate(List<VariableDefinition> definitions, List<VariableValue> values,
                                                 String fieldPath, boolean validateRequired) {
        List<VariableFinding> findings = new ArrayList<>();
        Set<String> defined = new LinkedHashSet<>();
        definitions.forEach(d -> defined.add(d.name()));
        Set<String> present = new LinkedHashSet<>();
        for (VariableValue v : values) {
            present.add(v.name());
            if (!defined.contains(v.name())) {
                findings.add(new VariableFinding(Severity.ERROR, fieldPath + "[" + v.name() + "]",
                        "variable is not defined"));
            }
        }
        if (validateRequired) {
            for (VariableDefinition d : definitions) {
                if (d.required() && !present.contains(d.name())) {
                    findings.add(new VariableFinding(Severity.ERROR, fieldPath,
                            "required variable \"" + d.name() + "\" must be set"));
                }
            }
        }
        return List.copyOf(findings);
    }
}
