package dev.clusterstack.core.feature;

import dev.clusterstack.core.model.StackContent;

/**
 * A reusable building block that contributes files, commands, kubeadm settings, ClusterClass
 * variables and patches (and addon values) to a stack's content. Features are plain immutable
 * objects: configure one, then {@link #apply(StackContent)} it.
 */
public interface Feature {
    /** The feature's key in the {@code features} section of a stack definition. */
    String id();

    /** The content with this feature's contributions added. Must not change anything else. */
    StackContent apply(StackContent content);
}
