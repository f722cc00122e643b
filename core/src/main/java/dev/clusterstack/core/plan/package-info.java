/**
 * The plan: what Cluster API v1.14's topology controller would create for a Cluster from its ClusterClass,
 * computed offline. Entry point: {@link dev.clusterstack.core.plan.Planner#plan}; inputs
 * {@link dev.clusterstack.core.plan.ClassSource} (a rendered cluster-class chart) and
 * {@link dev.clusterstack.core.plan.ClusterFile} (a located Cluster YAML file); output
 * {@link dev.clusterstack.core.plan.Plan}, written by {@link dev.clusterstack.core.plan.PlanWriter}.
 * Variable defaulting and validation live in {@code dev.clusterstack.core.plan.variables}.
 */
package dev.clusterstack.core.plan;
