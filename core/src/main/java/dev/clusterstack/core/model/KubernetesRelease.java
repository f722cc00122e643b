package dev.clusterstack.core.model;

import dev.clusterstack.core.model.base.Copies;

import java.util.Map;

/**
 * One Kubernetes version of a stack with its own data and its fully resolved content.
 *
 * @param values     free per-version data (chart versions, image names, ...), kept for documentation and tools
 * @param clusterApi the Cluster API version this release's ClusterClass and kubeadm templates are written in;
 *                   {@link ClusterApiVersion#DEFAULT} when null
 */
public record KubernetesRelease(KubernetesVersion kubernetesVersion, String nodeImage, Map<String, Object> values,
                                StackContent content, ClusterApiVersion clusterApi) {
    public KubernetesRelease {
        values = Copies.map(values);
        clusterApi = clusterApi == null ? ClusterApiVersion.DEFAULT : clusterApi;
    }

    /** A release written in the default Cluster API version ({@link ClusterApiVersion#DEFAULT}). */
    public KubernetesRelease(KubernetesVersion kubernetesVersion, String nodeImage, Map<String, Object> values,
                             StackContent content) {
        this(kubernetesVersion, nodeImage, values, content, null);
    }

    /** A copy written in another Cluster API version. */
    public KubernetesRelease withClusterApi(ClusterApiVersion value) {
        return new KubernetesRelease(kubernetesVersion, nodeImage, values, content, value);
    }
}
