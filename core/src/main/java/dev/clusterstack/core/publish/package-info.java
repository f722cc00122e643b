/**
 * Cluster stack releases in OCI registries, as csctl keeps them: the address of a repository
 * ({@link dev.clusterstack.core.publish.OciRepository}), a release folder as one artifact
 * ({@link dev.clusterstack.core.publish.ReleaseArtifact}), pushing it
 * ({@link dev.clusterstack.core.publish.OciPublisher}), reading published releases back
 * ({@link dev.clusterstack.core.publish.OciReleases}) and the baseline of stable versioning taken from a
 * registry ({@link dev.clusterstack.core.publish.Baselines}). The distribution API v2 is spoken with the
 * JDK's HTTP client only.
 */
package dev.clusterstack.core.publish;
