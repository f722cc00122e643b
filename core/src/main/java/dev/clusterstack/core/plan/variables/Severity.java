package dev.clusterstack.core.plan.variables;

/** How a {@link VariableFinding} weighs. */
public enum Severity {
    /** Cluster API would refuse the Cluster (or the ClusterClass) with this error. */
    ERROR,
    /** Cluster API accepts it, but it deserves a look. */
    WARNING,
    /** A check this plan cannot evaluate offline (e.g. a CEL function it does not implement); never passed silently. */
    NOT_EVALUATED
}
