/**
 * Release folders for the Cluster Stack Operator: content hashes as csctl computes them
 * ({@link dev.clusterstack.core.release.DirHash}), version decisions
 * ({@link dev.clusterstack.core.release.Versioner}), {@code metadata.yaml} and {@code hashes.json},
 * reproducible chart archives ({@link dev.clusterstack.core.release.ReproducibleArchive}) and atomic
 * replacement of a release folder, staged next to the output folder
 * ({@link dev.clusterstack.core.release.AtomicDirectory}), one build at a time per output folder
 * ({@link dev.clusterstack.core.release.OutputLock}), and publishing a
 * release folder to an OCI registry as csctl does ({@link dev.clusterstack.core.release.OciPublisher}).
 */
package dev.clusterstack.core.release;
