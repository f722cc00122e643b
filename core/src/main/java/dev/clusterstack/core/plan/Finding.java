package dev.clusterstack.core.plan;

import dev.clusterstack.core.plan.variables.Severity;
import dev.clusterstack.core.problem.Location;

/**
 * One thing the plan found.
 *
 * @param severity ERROR (Cluster API would refuse or fail), WARNING, or NOT_EVALUATED (the plan cannot tell)
 * @param location where in the Cluster file (or null when the finding is about the class alone)
 * @param field    the Cluster field, e.g. {@code spec.topology.variables[cpu].value}, or a class field such as
 *                 {@code ClusterClass.spec.patches[oidc].definitions[0].jsonPatches[1]}
 * @param role     the template or object role, e.g. {@code control-plane}, or null
 * @param patch    the ClusterClass patch name, or null
 * @param message  what is wrong, with the values involved
 */
public record Finding(Severity severity, Location location, String field, String role, String patch, String message) {

    /** {@code file:line:column: error: field: [patch P, role R:] message}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (location != null) {
            b.append(location).append(": ");
        }
        b.append(switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case NOT_EVALUATED -> "not evaluated";
        }).append(": ");
        if (field != null && !field.isEmpty()) {
            b.append(field).append(": ");
        }
        if (patch != null || role != null) {
            StringBuilder c = new StringBuilder();
            if (patch != null) {
                c.append("patch ").append(patch);
            }
            if (role != null) {
                c.append(c.length() > 0 ? ", " : "").append("template ").append(role);
            }
            b.append('[').append(c).append("] ");
        }
        return b.append(message).toString();
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
