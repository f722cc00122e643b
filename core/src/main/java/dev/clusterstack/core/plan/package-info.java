/**
 * The plan: what Cluster API v1.14's topology controller would create for a Cluster from its ClusterClass,
 * computed offline. Entry point: {@link dev.clusterstack.core.plan.Planner#plan}; inputs
 * {@link dev.clusterstack.core.plan.ClassSource} (a rendered cluster-class chart) and
 * {@link dev.clusterstack.core.plan.ClusterFile} (a located Cluster YAML file); output
 * {@link dev.clusterstack.core.plan.Plan}, written by {@link dev.clusterstack.core.plan.PlanWriter}.
 * Variable defaulting and validation live in {@code dev.clusterstack.core.plan.variables}. Classes and Clusters of
 * Cluster API v1beta1 and v1beta2 are read in the hub version v1beta2; {@link dev.clusterstack.core.plan.PlanEquivalence}
 * compares the plans of a v1beta1 and a v1beta2 rendering of the same class.
 */
package dev.clusterstack.core.plan;
