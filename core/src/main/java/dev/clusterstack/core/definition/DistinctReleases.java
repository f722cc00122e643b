package dev.clusterstack.core.definition;

import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.KubernetesRelease;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * This project's rule across definitions (not Cluster API's): one build must not get the same release
 * (provider, name and Kubernetes minor) from two definitions, or both would write one release folder.
 */
public final class DistinctReleases {
    private DistinctReleases() {
    }

    /**
     * The first release two definitions both define, as a message, or empty.
     *
     * @param sources how to name each definition, e.g. its file
     * @param stacks  the stacks, in the order of {@code sources}
     */
    public static Optional<String> conflict(List<String> sources, List<ClusterStack> stacks) {
        if (sources.size() != stacks.size()) {
            throw new IllegalArgumentException("one source per stack");
        }
        Map<String, String> releaseNames = new TreeMap<>();
        for (int i = 0; i < stacks.size(); i++) {
            ClusterStack stack = stacks.get(i);
            for (KubernetesRelease r : stack.releases()) {
                String name = stack.releaseName(r.kubernetesVersion());
                String before = releaseNames.put(name, sources.get(i));
                if (before != null) {
                    return Optional.of(before + " and " + sources.get(i) + " both define the release " + name
                            + " (Kubernetes " + r.kubernetesVersion().minorDot()
                            + "); each provider, name and Kubernetes minor must come from one definition");
                }
            }
        }
        return Optional.empty();
    }
}
