package dev.clusterstack.core.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clusterstack.core.helm.HelmRunner;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.KubernetesRelease;
import dev.clusterstack.core.plan.ClassSource;
import dev.clusterstack.core.plan.ClusterFile;
import dev.clusterstack.core.plan.Plan;
import dev.clusterstack.core.plan.PlanOptions;
import dev.clusterstack.core.plan.Planner;
import dev.clusterstack.core.render.Yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The planner's speed: one Cluster with every feature switched on against one release of the OpenStack sample
 * (median of warm runs, Go template evaluation included), then 100 Clusters against each of its releases.
 * A hand harness: {@code java -cp <test class path> dev.clusterstack.core.bench.PlanBench [work folder]}.
 */
public final class PlanBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlanBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/bench/plan"));
        ClusterStack stack = BenchStacks.load(BenchStacks.openstack());
        List<ClassSource> classes = new ArrayList<>();
        try (HelmRunner helm = HelmRunner.create()) {
            for (KubernetesRelease r : stack.releases()) {
                classes.add(ClassSource.fromModel(stack, r, "v1", work.resolve("charts"), helm));
            }
        }
        PlanOptions options = PlanOptions.defaults(work.resolve("eval"));
        List<String> clusters = new ArrayList<>();
        for (ClassSource c : classes) {
            clusters.add(allFeaturesOn(c));
        }
        ClusterFile first = ClusterFile.parse(clusters.get(clusters.size() - 1), "c.yaml");
        ClassSource last = classes.get(classes.size() - 1);
        Plan probe = Planner.plan(last, first, options);
        System.out.println("findings of the probe plan: " + probe.findings());
        System.out.println("patches enabled: " + probe.patchCoverage().values().stream().filter(v -> !v.isEmpty()).count()
                + " of " + probe.patchCoverage().size());
        for (int i = 0; i < 30; i++) {
            Planner.plan(last, first, options);
        }
        long[] times = new long[100];
        for (int i = 0; i < times.length; i++) {
            long t = System.nanoTime();
            Planner.plan(last, ClusterFile.parse(clusters.get(clusters.size() - 1), "c.yaml"), options);
            times[i] = System.nanoTime() - t;
        }
        java.util.Arrays.sort(times);
        System.out.printf("one cluster, one release: median %.1f ms, p90 %.1f ms, min %.1f ms%n", times[50] / 1e6,
                times[90] / 1e6, times[0] / 1e6);
        long t = System.nanoTime();
        int n = 0;
        for (int k = 0; k < 100; k++) {
            for (int r = 0; r < classes.size(); r++) {
                Planner.plan(classes.get(r), ClusterFile.parse(clusters.get(r).replace("name: bench", "name: bench-" + k),
                        "c" + k + ".yaml"), options);
                n++;
            }
        }
        System.out.printf("%d clusters x %d releases: %.2f s%n", n / classes.size(), classes.size(), (System.nanoTime() - t) / 1e9);
    }

    /** A Cluster for the class that switches every feature on: booleans true, other variables their example. */
    static String allFeaturesOn(ClassSource source) throws Exception {
        String className = source.classNames().get(0);
        List<Map<String, Object>> vars = new ArrayList<>();
        JsonNode cc = JSON.valueToTree(source.objects().stream().filter(o -> "ClusterClass".equals(o.get("kind")))
                .findFirst().orElseThrow());
        List<Map<String, Object>> mds = new ArrayList<>();
        for (JsonNode md : cc.path("spec").path("workers").path("machineDeployments")) {
            mds.add(Map.of("class", md.path("class").asText(), "name", "md-" + mds.size(), "replicas", 2));
        }
        for (JsonNode v : cc.path("spec").path("variables")) {
            JsonNode schema = v.path("schema").path("openAPIV3Schema");
            Object value = null;
            if (schema.path("type").asText().equals("boolean")) {
                value = true;
            } else if (schema.has("example")) {
                value = JSON.convertValue(schema.get("example"), Object.class);
            }
            if (value != null) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("name", v.path("name").asText());
                e.put("value", value);
                vars.add(e);
            }
        }
        Map<String, Object> topology = new LinkedHashMap<>();
        topology.put("class", className);
        topology.put("version", "v1.32.5");
        topology.put("controlPlane", Map.of("replicas", 3));
        topology.put("variables", vars);
        topology.put("workers", Map.of("machineDeployments", mds));
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("apiVersion", "cluster.x-k8s.io/v1beta1");
        cluster.put("kind", "Cluster");
        cluster.put("metadata", Map.of("name", "bench", "namespace", "tenant"));
        cluster.put("spec", Map.of("clusterNetwork", Map.of("pods", Map.of("cidrBlocks", List.of("192.168.0.0/16"))),
                "topology", topology));
        return Yaml.write(cluster);
    }
}
