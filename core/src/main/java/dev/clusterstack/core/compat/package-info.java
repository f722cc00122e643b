/**
 * Upgrade safety: a new release compared with the releases clusters upgrade from (the previous release
 * of the same Kubernetes minor and the latest release of the previous minor), with the rules Cluster API
 * applies when the Cluster Stack Operator switches a cluster's {@code spec.topology.class} (errors), the
 * variable rules of this project (configurable by {@link dev.clusterstack.core.compat.CompatibilityPolicy}),
 * the upgrade preview of test clusters ({@link dev.clusterstack.core.compat.UpgradePreview}), and release notes
 * written beside the release folders.
 */
package dev.clusterstack.core.compat;
