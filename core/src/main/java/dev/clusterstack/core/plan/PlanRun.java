package dev.clusterstack.core.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clusterstack.core.plan.variables.Severity;
import dev.clusterstack.core.problem.Location;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of planning one Cluster, shared by the planner's parts: its inputs, the Cluster's names, and what the plan
 * collects (findings, desired objects, patch coverage).
 */
final class PlanRun {
    final ClassSource source;
    final ClusterFile file;
    final PlanOptions options;
    final ObjectNode cluster;
    final List<Finding> findings = new ArrayList<>();
    final Map<String, ObjectNode> objects = new LinkedHashMap<>();
    final Map<String, List<String>> coverage = new LinkedHashMap<>();
    final Set<String> warnedNoCrd = new LinkedHashSet<>();
    String clusterName;
    String namespace;
    String className;
    String classField;
    String ccName;

    PlanRun(ClassSource source, ClusterFile file, PlanOptions options) {
        this.source = source;
        this.file = file;
        this.options = options;
        this.cluster = file.cluster();
    }

    Location at(String field) {
        return file.location(field);
    }

    void error(String field, String role, String patch, String message) {
        findings.add(new Finding(Severity.ERROR, at(field), field, role, patch, message));
    }

    /** An error of the ClusterClass at {@code classField} (a field of the class), located at the Cluster's class reference. */
    void classError(String classField, String role, String message) {
        findings.add(new Finding(Severity.ERROR, at(this.classField), ccName + " " + classField, role, null, message));
    }

    Plan result() {
        return new Plan(file.displayName(), clusterName, className, objects, findings, coverage);
    }
}
