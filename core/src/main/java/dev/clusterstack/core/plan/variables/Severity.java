package dev.clusterstack.core.plan.variables;

/** How bad a finding is; NOT_EVALUATED: the plan could not decide what Cluster API would do. */
public enum Severity { ERROR, WARNING, NOT_EVALUATED }
