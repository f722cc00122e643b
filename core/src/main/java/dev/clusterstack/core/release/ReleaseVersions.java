package dev.clusterstack.core.release;

import java.util.Objects;

/**
 * The three versions of a release.
 *
 * @param clusterStack the cluster stack (and cluster class chart) version
 * @param clusterAddon the cluster addon version
 * @param nodeImage    the node image version (always set: the operator parses it)
 */
public record ReleaseVersions(StackVersion clusterStack, StackVersion clusterAddon, StackVersion nodeImage) {

    /** Checks that no version is missing. */
    public ReleaseVersions {
        Objects.requireNonNull(clusterStack, "clusterStack version");
        Objects.requireNonNull(clusterAddon, "clusterAddon version");
        Objects.requireNonNull(nodeImage, "nodeImage version");
    }
}
