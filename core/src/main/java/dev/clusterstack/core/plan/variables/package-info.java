/**
 * The variables part of the offline plan: what Cluster API v1.14 does with a Cluster's variables against the variables
 * of its ClusterClass ({@code internal/topology/variables}).
 *
 * <ul>
 *   <li>{@link dev.clusterstack.core.plan.variables.ClusterVariables#defaultValues defaultValues}: structural
 *   defaulting; a missing Cluster-level variable is created only from a top-level default, overrides are defaulted,
 *   never created.</li>
 *   <li>{@link dev.clusterstack.core.plan.variables.ClusterVariables#validate validate}: required variables,
 *   undefined variables, the schema as the API server's validator checks it (with its messages), unknown fields, and
 *   {@code x-kubernetes-validations} CEL rules (cel-java, with the Kubernetes library functions listed in
 *   {@code KubernetesCelLibrary}; a rule using another Kubernetes function is reported
 *   {@link dev.clusterstack.core.plan.variables.Severity#NOT_EVALUATED NOT_EVALUATED}).</li>
 *   <li>{@link dev.clusterstack.core.plan.variables.ClusterVariables#validateDefinitions validateDefinitions}: the
 *   checks of the variable definitions themselves (names, types, defaults, examples, enums, rules).</li>
 * </ul>
 *
 * <p>Findings carry Cluster API's field paths and the text of its {@code field.Error}s, e.g.
 * {@code spec.topology.variables[cpu].value: Invalid value: "99": should be less than or equal to 10}.
 */
package dev.clusterstack.core.plan.variables;
