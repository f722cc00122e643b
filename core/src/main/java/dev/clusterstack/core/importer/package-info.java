/**
 * Import of hand-written cluster stacks in csctl's layout into a stack definition:
 * {@link dev.clusterstack.core.importer.StackImporter#importStack} renders the original charts with real Helm per
 * Kubernetes version, lifts the rendered objects back into {@code stack.yaml} with its text files, and writes a
 * Markdown report of everything not carried over exactly ({@link dev.clusterstack.core.importer.ImportReport}).
 */
package dev.clusterstack.core.importer;
