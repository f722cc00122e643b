package dev.clusterstack.core.render;

import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.KubernetesRelease;

import java.util.stream.Collectors;

/**
 * The Markdown reference page of one stack: its ClusterClass variables (name, type, default,
 * required, description, the patches using them), one section per Kubernetes version.
 */
public final class StackDocs {
    private StackDocs() {
    }

    /** {@code <provider>-<name>.md}. */
    public static String fileName(ClusterStack stack) {
        return stack.provider() + "-" + stack.name() + ".md";
    }

    /**
     * The page.
     *
     * @param stack  the stack
     * @param source how the page names the definition it comes from, e.g. {@code src/main/clusterstack/stack.yaml}
     */
    public static String page(ClusterStack stack, String source) {
        StringBuilder b = new StringBuilder();
        b.append("# Cluster stack `").append(stack.provider()).append("` `").append(stack.name()).append("`: variables\n\n");
        b.append("Generated from `").append(source).append("`. A Cluster selects a release's ClusterClass with\n")
                .append("`spec.topology.class` and sets these variables in `spec.topology.variables`.\n");
        for (KubernetesRelease r : stack.releases()) {
            b.append("\n## Kubernetes ").append(r.kubernetesVersion()).append(" (`")
                    .append(stack.releaseName(r.kubernetesVersion())).append("`)\n\n");
            b.append(VariableDocs.variablesTable(r.content().clusterClass()).lines()
                    .map(l -> l.startsWith("#") ? "#" + l : l).collect(Collectors.joining("\n", "", "\n")));
        }
        return b.toString();
    }
}
