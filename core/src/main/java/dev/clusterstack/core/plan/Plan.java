package dev.clusterstack.core.plan;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Cluster API would create for one Cluster: the desired objects by role, what was found, and which patch was
 * enabled for which template.
 *
 * <p>Roles: {@code infrastructure-cluster}, {@code control-plane}, {@code control-plane-machine-template} (when the
 * class has control plane machine infrastructure), and per machine deployment topology {@code <name>}:
 * {@code md-<name>-bootstrap-template}, {@code md-<name>-infrastructure-template}, {@code md-<name>-machine-deployment}.
 */
public final class Plan {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String clusterFile;
    private final String clusterName;
    private final String className;
    private final Map<String, ObjectNode> objects;
    private final List<Finding> findings;
    private final Map<String, List<String>> patchCoverage;

    Plan(String clusterFile, String clusterName, String className, Map<String, ObjectNode> objects,
         List<Finding> findings, Map<String, List<String>> patchCoverage) {
        this.clusterFile = clusterFile;
        this.clusterName = clusterName;
        this.className = className;
        this.objects = Collections.unmodifiableMap(new LinkedHashMap<>(objects));
        this.findings = List.copyOf(findings);
        Map<String, List<String>> cov = new LinkedHashMap<>();
        patchCoverage.forEach((k, v) -> cov.put(k, List.copyOf(v)));
        this.patchCoverage = Collections.unmodifiableMap(cov);
    }

    public String clusterFile() {
        return clusterFile;
    }

    public String clusterName() {
        return clusterName;
    }

    /** The ClusterClass the Cluster names (null when it names none). */
    public String className() {
        return className;
    }

    /** The planned objects by role, in a fixed order, as plain trees. */
    public Map<String, Map<String, Object>> objects() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        objects.forEach((role, o) -> out.put(role, JSON.convertValue(o, new TypeReference<LinkedHashMap<String, Object>>() {
        })));
        return out;
    }

    /** The roles of the planned objects, in order. */
    public List<String> roles() {
        return new ArrayList<>(objects.keySet());
    }

    /** The value at a JSON pointer (e.g. {@code /spec/template/spec/flavor}) of a planned object, or null. */
    public Object valueAt(String role, String pointer) {
        ObjectNode o = objects.get(role);
        if (o == null) {
            return null;
        }
        JsonNode n = o.at(pointer);
        return n.isMissingNode() ? null : JSON.convertValue(n, Object.class);
    }

    ObjectNode objectNode(String role) {
        return objects.get(role);
    }

    Map<String, ObjectNode> objectNodes() {
        return objects;
    }

    public List<Finding> findings() {
        return findings;
    }

    public List<Finding> errors() {
        return findings.stream().filter(Finding::isError).toList();
    }

    /** Every patch of the class, in order, with the roles of the templates it was enabled for (empty: none). */
    public Map<String, List<String>> patchCoverage() {
        return patchCoverage;
    }
}
