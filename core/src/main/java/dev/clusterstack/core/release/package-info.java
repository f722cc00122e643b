/**
 * Release folders for the Cluster Stack Operator: content hashes as csctl computes them
 * ({@link dev.clusterstack.core.release.DirHash}), version decisions
 * ({@link dev.clusterstack.core.release.Versioner}), {@code metadata.yaml} and {@code hashes.json},
 * reproducible chart archives ({@link dev.clusterstack.core.release.ReproducibleArchive}) and atomic
 * replacement of a release folder, staged next to the output folder
 * ({@link dev.clusterstack.core.release.AtomicDirectory}), and one build at a time per output folder
 * ({@link dev.clusterstack.core.release.OutputLock}). Publishing to an OCI registry is in
 * {@code dev.clusterstack.core.publish}.
 */
package dev.clusterstack.core.release;
