package dev.clusterstack.core.compat;

/**
 * The compatibility rules. Rules of Cluster API ({@link #clusterApi()}) are always errors: Cluster API refuses
 * the upgrade. The variable rules are this project's: they find what makes Cluster API's re-validation of a
 * cluster's variables against the new class fail, and each is configured by {@link CompatibilityPolicy}.
 */
public enum Rule {
    INFRASTRUCTURE_TEMPLATE("infrastructure-template", true, "ClusterClass rebase refuses a changed infrastructure"
            + " template group or kind (internal/topology/check/compatibility.go ClusterClassesAreCompatible,"
            + " ClusterClassTemplateAreCompatible)"),
    CONTROL_PLANE_TEMPLATE("control-plane-template", true, "ClusterClass rebase refuses a changed control plane"
            + " template group or kind (internal/topology/check/compatibility.go ClusterClassesAreCompatible,"
            + " ClusterClassTemplateAreCompatible)"),
    CONTROL_PLANE_MACHINE_INFRASTRUCTURE("control-plane-machine-infrastructure", true, "ClusterClass rebase refuses"
            + " adding, removing or changing the group or kind of the control plane machine infrastructure template"
            + " (internal/topology/check/compatibility.go ClusterClassesAreCompatible, since v1.13)"),
    MACHINE_DEPLOYMENT_INFRASTRUCTURE("machine-deployment-infrastructure", true, "ClusterClass rebase refuses a"
            + " changed infrastructure template group or kind of a machine deployment class"
            + " (internal/topology/check/compatibility.go MachineDeploymentClassesAreCompatible)"),
    MACHINE_POOL_INFRASTRUCTURE("machine-pool-infrastructure", true, "ClusterClass rebase refuses a changed"
            + " infrastructure template group or kind of a machine pool class"
            + " (internal/topology/check/compatibility.go MachinePoolClassesAreCompatible)"),
    MACHINE_DEPLOYMENT_CLASS_REMOVED("machine-deployment-class-removed", true, "a Cluster's machine deployment class"
            + " must exist in its ClusterClass (internal/topology/check/compatibility.go"
            + " MachineDeploymentTopologiesAreValidAndDefinedInClusterClass; core/webhooks/admission/clusterclass.go"
            + " validateRemovedMachineDeploymentClassesAreNotUsed)"),
    MACHINE_POOL_CLASS_REMOVED("machine-pool-class-removed", true, "a Cluster's machine pool class must exist in its"
            + " ClusterClass (internal/topology/check/compatibility.go MachinePoolTopologiesAreValidAndDefinedInClusterClass;"
            + " core/webhooks/admission/clusterclass.go validateRemovedMachinePoolClassesAreNotUsed)"),

    VARIABLE_REMOVED("variable-removed", false, "a variable or property a cluster may set is gone: Cluster API refuses"
            + " the cluster's value as not defined"),
    VARIABLE_REQUIRED("variable-required", false, "a variable or property is required without a default: clusters"
            + " that do not set it fail validation"),
    TYPE_CHANGED("type-changed", false, "the type changed: values of the old type fail validation"),
    ENUM_NARROWED("enum-narrowed", false, "enum values were removed (or an enum was added): clusters using them fail"
            + " validation"),
    BOUNDS_TIGHTENED("bounds-tightened", false, "a bound, length, pattern, format or item rule is stricter: values"
            + " valid before may fail validation"),
    DEFAULT_CHANGED("default-changed", false, "the default changed: clusters that keep a defaulted value are not"
            + " updated, new clusters get the new value"),
    VALIDATION_ADDED("validation-added", false, "an x-kubernetes-validations rule was added: values valid before may"
            + " fail it");

    private final String id;
    private final boolean clusterApi;
    private final String description;

    Rule(String id, boolean clusterApi, String description) {
        this.id = id;
        this.clusterApi = clusterApi;
        this.description = description;
    }

    /** @return the id used in the definition and in messages, e.g. {@code variable-removed} */
    public String id() {
        return id;
    }

    /** @return true for a rule Cluster API enforces (always an error), false for a variable rule of this project */
    public boolean clusterApi() {
        return clusterApi;
    }

    /** @return what the rule says, naming the Cluster API code for Cluster API's rules */
    public String description() {
        return description;
    }

    /** @return the rule with this id */
    public static Rule byId(String id) {
        for (Rule r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        StringBuilder known = new StringBuilder();
        for (Rule r : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(r.id);
        }
        throw new IllegalArgumentException("unknown compatibility rule '" + id + "'; known: " + known);
    }

    /** @return "Cluster API: ..." or "clusterstack rule (not Cluster API's): ..." */
    public String attribution() {
        return clusterApi ? "Cluster API: " + description : "clusterstack rule " + id + " (this project's, not Cluster API's): " + description;
    }
}
