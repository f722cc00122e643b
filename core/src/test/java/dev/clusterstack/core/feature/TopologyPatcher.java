package dev.clusterstack.core.feature;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What Cluster API's topology controller does with inline patches, for tests: takes the objects of a
 * rendered cluster-class chart ({@code helm template} output), picks the templates of each role,
 * evaluates {@code enabledIf} and {@code valueFrom.template} with real Go templates
 * ({@link HelmGoTemplates}), resolves {@code valueFrom.variable}, and applies the JSON patches
 * strictly as RFC 6902 does (a missing parent fails, array index 0..size or {@code -}).
 *
 * <p>Result keys: {@code controlPlane}, {@code infrastructureCluster},
 * {@code md:<class>:bootstrap}, {@code md:<class>:infrastructure}.
 */
final class TopologyPatcher {
    private TopologyPatcher() {
    }

    record Target(String key, String role, Map<String, Object> object, String mdClass) {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> apply(Path work, List<Map<String, Object>> objects, Map<String, Object> variables) {
        Map<String, Object> cc = objects.stream().filter(o -> "ClusterClass".equals(o.get("kind"))).findFirst().orElseThrow();
        Map<String, Object> spec = (Map<String, Object>) cc.get("spec");
        List<Target> targets = new ArrayList<>();
        targets.add(new Target("controlPlane", "controlPlane", copyOf(objects, refName(spec, "controlPlane", "ref")), null));
        targets.add(new Target("infrastructureCluster", "infrastructureCluster",
                copyOf(objects, refName(spec, "infrastructure", "ref")), null));
        Map<String, Object> workers = (Map<String, Object>) spec.getOrDefault("workers", Map.of());
        for (Map<String, Object> md : (List<Map<String, Object>>) workers.getOrDefault("machineDeployments", List.of())) {
            String cls = (String) md.get("class");
            Map<String, Object> t = (Map<String, Object>) md.get("template");
            targets.add(new Target("md:" + cls + ":bootstrap", "md", copyOf(objects,
                    (String) ((Map<String, Object>) ((Map<String, Object>) t.get("bootstrap")).get("ref")).get("name")), cls));
            targets.add(new Target("md:" + cls + ":infrastructure", "md", copyOf(objects,
                    (String) ((Map<String, Object>) ((Map<String, Object>) t.get("infrastructure")).get("ref")).get("name")), cls));
        }
        List<Map<String, Object>> patches = (List<Map<String, Object>>) spec.getOrDefault("patches", List.of());

        // 1. enabledIf, all in one Helm run
        List<String> conditions = new ArrayList<>();
        for (Map<String, Object> p : patches) {
            conditions.add(p.get("enabledIf") == null ? "true" : (String) p.get("enabledIf"));
        }
        List<String> enabled = conditions.isEmpty() ? List.of() : HelmGoTemplates.render(work, conditions, variables);
        // 2. value templates of the enabled patches, in one Helm run
        List<String> valueTemplates = new ArrayList<>();
        for (int i = 0; i < patches.size(); i++) {
            if (!Boolean.TRUE.equals(HelmGoTemplates.yaml(enabled.get(i)))) {
                continue;
            }
            for (Map<String, Object> d : (List<Map<String, Object>>) patches.get(i).get("definitions")) {
                for (Map<String, Object> op : (List<Map<String, Object>>) d.get("jsonPatches")) {
                    Map<String, Object> from = (Map<String, Object>) op.get("valueFrom");
                    if (from != null && from.get("template") != null) {
                        valueTemplates.add((String) from.get("template"));
                    }
                }
            }
        }
        List<String> values = valueTemplates.isEmpty() ? List.of() : HelmGoTemplates.render(work, valueTemplates, variables);
        int next = 0;
        for (int i = 0; i < patches.size(); i++) {
            if (!Boolean.TRUE.equals(HelmGoTemplates.yaml(enabled.get(i)))) {
                continue;
            }
            for (Map<String, Object> d : (List<Map<String, Object>>) patches.get(i).get("definitions")) {
                List<Object> opValues = new ArrayList<>();
                for (Map<String, Object> op : (List<Map<String, Object>>) d.get("jsonPatches")) {
                    Map<String, Object> from = (Map<String, Object>) op.get("valueFrom");
                    if (from == null) {
                        opValues.add(op.get("value"));
                    } else if (from.get("template") != null) {
                        opValues.add(HelmGoTemplates.yaml(values.get(next++)));
                    } else {
                        opValues.add(variable(variables, (String) from.get("variable")));
                    }
                }
                Map<String, Object> selector = (Map<String, Object>) d.get("selector");
                for (Target t : targets) {
                    if (matches(selector, t)) {
                        List<Map<String, Object>> ops = (List<Map<String, Object>>) d.get("jsonPatches");
                        for (int k = 0; k < ops.size(); k++) {
                            JsonPatch.apply(t.object(), (String) ops.get(k).get("op"), (String) ops.get(k).get("path"),
                                    opValues.get(k));
                        }
                    }
                }
            }
        }
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        targets.forEach(t -> out.put(t.key(), t.object()));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static boolean matches(Map<String, Object> selector, Target t) {
        if (!Objects.equals(selector.get("apiVersion"), t.object().get("apiVersion"))
                || !Objects.equals(selector.get("kind"), t.object().get("kind"))) {
            return false;
        }
        Map<String, Object> m = (Map<String, Object>) selector.get("matchResources");
        return switch (t.role()) {
            case "controlPlane" -> Boolean.TRUE.equals(m.get("controlPlane"));
            case "infrastructureCluster" -> Boolean.TRUE.equals(m.get("infrastructureCluster"));
            default -> {
                Map<String, Object> md = (Map<String, Object>) m.get("machineDeploymentClass");
                yield md != null && ((List<String>) md.get("names")).stream()
                        .anyMatch(n -> n.equals("*") || n.equals(t.mdClass()));
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static Object variable(Map<String, Object> variables, String path) {
        Object cur = variables;
        for (String part : path.split("\\.")) {
            if (!(cur instanceof Map<?, ?> m) || !m.containsKey(part)) {
                throw new AssertionError("variable " + path + " is not set: Cluster API would fail the patch");
            }
            cur = ((Map<String, Object>) m).get(part);
        }
        return JsonPatch.deepCopy(cur);
    }

    @SuppressWarnings("unchecked")
    private static String refName(Map<String, Object> spec, String field, String ref) {
        return (String) ((Map<String, Object>) ((Map<String, Object>) spec.get(field)).get(ref)).get("name");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copyOf(List<Map<String, Object>> objects, String name) {
        return (Map<String, Object>) JsonPatch.deepCopy(objects.stream()
                .filter(o -> name.equals(((Map<String, Object>) o.get("metadata")).get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no object named " + name)));
    }
}
