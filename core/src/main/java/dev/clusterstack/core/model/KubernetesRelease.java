package dev.clusterstack.core.model;

import dev.clusterstack.core.model.base.Copies;

import java.util.Map;

/**
 * One Kubernetes version of a stack with its own data and its fully resolved content.
 *
 * @param values free per-version data (chart versions, image names, ...), kept for documentation and tools
 */
public record KubernetesRelease(KubernetesVersion kubernetesVersion, String nodeImage, Map<String, Object> values,
                                StackContent content) {
    public KubernetesRelease {
        values = Copies.map(values);
    }
}
