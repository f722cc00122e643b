package dev.clusterstack.core.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The Cluster API version a release's ClusterClass, KubeadmControlPlaneTemplate and KubeadmConfigTemplate
 * are written in. The stack's model is the same for both; one writer per version turns it into objects.
 * Infrastructure templates keep their provider's own API version either way.
 */
public enum ClusterApiVersion {
    /** {@code cluster.x-k8s.io/v1beta1}: served by every Cluster API up to v1.15, deprecated since v1.11. */
    V1BETA1("v1beta1"),
    /** {@code cluster.x-k8s.io/v1beta2}: served and stored by Cluster API v1.11 and later. */
    V1BETA2("v1beta2");

    /** The version when a stack sets none. */
    public static final ClusterApiVersion DEFAULT = V1BETA1;

    private final String id;

    ClusterApiVersion(String id) {
        this.id = id;
    }

    /** As written in a stack definition and in apiVersions: {@code v1beta1} or {@code v1beta2}. */
    public String id() {
        return id;
    }

    /** The apiVersion of a Cluster API group in this version, e.g. {@code cluster.x-k8s.io/v1beta2}. */
    public String apiVersion(String group) {
        return group + "/" + id;
    }

    /** The version of an id ({@code v1beta1}, {@code v1beta2}), or empty. */
    public static Optional<ClusterApiVersion> of(String id) {
        return Arrays.stream(values()).filter(v -> v.id.equals(id)).findFirst();
    }

    /** Every id, in order. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(ClusterApiVersion::id).toList();
    }

    @Override
    public String toString() {
        return id;
    }
}
