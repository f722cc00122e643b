package dev.clusterstack.core.verify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rule that Cluster API v1beta2's kubeadm CRDs state as CEL ({@code x-kubernetes-validations}:
 * {@code self.all(x, self.exists_one(y, x.name == y.name))}, "extraArgs name must be unique"): the CRD schema
 * check of this project does not evaluate CEL rules, so this class checks the {@code extraArgs} and
 * {@code kubeletExtraArgs} lists of bootstrap and control plane objects of v1beta2 itself.
 */
final class ArgumentNames {
    private static final Set<String> LISTS = Set.of("extraArgs", "kubeletExtraArgs");

    private ArgumentNames() {
    }

    /** Whether the rule applies to an object of this apiVersion. */
    static boolean applies(Object apiVersion) {
        return "bootstrap.cluster.x-k8s.io/v1beta2".equals(apiVersion)
                || "controlplane.cluster.x-k8s.io/v1beta2".equals(apiVersion);
    }

    /** One message per argument list holding a name twice: {@code <path>: <list> name must be unique: <name>}. */
    static List<String> duplicates(Map<String, Object> object) {
        List<String> out = new ArrayList<>();
        if (applies(object.get("apiVersion"))) {
            walk(object.get("spec"), "spec", out);
        }
        return out;
    }

    private static void walk(Object node, String path, List<String> out) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                String p = path + "." + key;
                if (LISTS.contains(key) && e.getValue() instanceof List<?> list) {
                    Set<Object> seen = new LinkedHashSet<>();
                    Set<Object> twice = new LinkedHashSet<>();
                    for (Object item : list) {
                        Object name = item instanceof Map<?, ?> arg ? arg.get("name") : null;
                        if (!seen.add(name)) {
                            twice.add(name);
                        }
                    }
                    for (Object name : twice) {
                        out.add(p + ": " + key + " name must be unique (the CRD's CEL rule, checked by this project):"
                                + " '" + name + "' is given more than once");
                    }
                } else {
                    walk(e.getValue(), p, out);
                }
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", out);
            }
        }
    }
}
