package dev.clusterstack.core.feature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clusterstack.core.plan.ClassSource;
import dev.clusterstack.core.plan.ClusterFile;
import dev.clusterstack.core.plan.Finding;
import dev.clusterstack.core.plan.Plan;
import dev.clusterstack.core.plan.PlanOptions;
import dev.clusterstack.core.plan.Planner;
import dev.clusterstack.core.plan.variables.Severity;
import dev.clusterstack.core.render.Yaml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The features' patches proven through the plan: builds a Cluster (name, namespace and network from the
 * {@code builtin} entry, every other entry a topology variable, one machine deployment per class named like the
 * class) for the ClusterClass of a rendered chart, plans it with {@link Planner} and fails on any error or
 * unevaluated finding, as Cluster API would refuse the Cluster or fail its patches.
 *
 * <p>Result keys: {@code controlPlane}, {@code infrastructureCluster} (the desired objects, wrapped as
 * {@code spec.template.spec} like their templates), {@code md:<class>:bootstrap},
 * {@code md:<class>:infrastructure} (the planned templates).
 */
final class PlannedTopology {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlannedTopology() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> apply(Path work, List<Map<String, Object>> objects, Map<String, Object> variables) {
        Map<String, Object> cc = objects.stream().filter(o -> "ClusterClass".equals(o.get("kind"))).findFirst().orElseThrow();
        Map<String, Object> builtinCluster = (Map<String, Object>) ((Map<String, Object>) variables.getOrDefault("builtin",
                Map.of())).getOrDefault("cluster", Map.of());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", builtinCluster.getOrDefault("name", "c1"));
        metadata.put("namespace", builtinCluster.getOrDefault("namespace", "ns"));
        List<Map<String, Object>> vars = new ArrayList<>();
        variables.forEach((k, v) -> {
            if (!k.equals("builtin")) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", k);
                entry.put("value", v);
                vars.add(entry);
            }
        });
        List<Map<String, Object>> mds = new ArrayList<>();
        Map<String, Object> ccSpec = (Map<String, Object>) cc.get("spec");
        Map<String, Object> workers = (Map<String, Object>) ccSpec.getOrDefault("workers", Map.of());
        for (Map<String, Object> md : (List<Map<String, Object>>) workers.getOrDefault("machineDeployments", List.of())) {
            mds.add(new LinkedHashMap<>(Map.of("class", md.get("class"), "name", md.get("class"))));
        }
        Map<String, Object> topology = new LinkedHashMap<>();
        topology.put("class", ((Map<String, Object>) cc.get("metadata")).get("name"));
        topology.put("version", "v1.32.5");
        topology.put("variables", vars);
        topology.put("workers", Map.of("machineDeployments", mds));
        Map<String, Object> spec = new LinkedHashMap<>();
        Map<String, Object> network = (Map<String, Object>) builtinCluster.get("network");
        if (network != null) {
            Map<String, Object> cn = new LinkedHashMap<>();
            if (network.get("serviceDomain") != null) {
                cn.put("serviceDomain", network.get("serviceDomain"));
            }
            if (network.get("services") != null) {
                cn.put("services", Map.of("cidrBlocks", network.get("services")));
            }
            if (network.get("pods") != null) {
                cn.put("pods", Map.of("cidrBlocks", network.get("pods")));
            }
            spec.put("clusterNetwork", cn);
        }
        spec.put("topology", topology);
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("apiVersion", "cluster.x-k8s.io/v1beta1");
        cluster.put("kind", "Cluster");
        cluster.put("metadata", metadata);
        cluster.put("spec", spec);

        List<JsonNode> trees = new ArrayList<>();
        objects.forEach(o -> trees.add(JSON.valueToTree(o)));
        Plan plan = Planner.plan(ClassSource.of("rendered chart", trees), ClusterFile.parse(Yaml.write(cluster), "cluster.yaml"),
                PlanOptions.defaults(work));
        List<Finding> bad = plan.findings().stream().filter(f -> f.severity() != Severity.WARNING).toList();
        if (!bad.isEmpty()) {
            throw new AssertionError("Cluster API would refuse the Cluster or fail its patches:\n" + bad);
        }
        Map<String, Map<String, Object>> planned = plan.objects();
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        out.put("controlPlane", wrap(planned.get("control-plane")));
        out.put("infrastructureCluster", wrap(planned.get("infrastructure-cluster")));
        for (Map<String, Object> md : mds) {
            String cls = (String) md.get("class");
            out.put("md:" + cls + ":bootstrap", planned.get("md-" + cls + "-bootstrap-template"));
            out.put("md:" + cls + ":infrastructure", planned.get("md-" + cls + "-infrastructure-template"));
        }
        return out;
    }

    private static Map<String, Object> wrap(Map<String, Object> object) {
        Map<String, Object> out = new LinkedHashMap<>(object);
        out.put("spec", Map.of("template", Map.of("spec", object.getOrDefault("spec", Map.of()))));
        return out;
    }
}
