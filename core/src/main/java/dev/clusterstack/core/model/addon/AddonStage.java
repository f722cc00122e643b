package dev.clusterstack.core.model.addon;

import java.util.List;

/**
 * One entry of an addon in {@code clusteraddon.yaml}: the lifecycle hook, the action, and optional
 * conditions the operator waits for before and after.
 */
public record AddonStage(String hook, String action, Condition waitForPreCondition, Condition waitForPostCondition) {
    public static final String AFTER_CONTROL_PLANE_INITIALIZED = "AfterControlPlaneInitialized";
    public static final String BEFORE_CLUSTER_UPGRADE = "BeforeClusterUpgrade";
    public static final String AFTER_CLUSTER_UPGRADE = "AfterClusterUpgrade";
    public static final List<String> HOOKS = List.of(AFTER_CONTROL_PLANE_INITIALIZED, BEFORE_CLUSTER_UPGRADE, AFTER_CLUSTER_UPGRADE);
    public static final List<String> ACTIONS = List.of("apply", "delete");

    public AddonStage {
        action = action == null ? "apply" : action;
    }

    public static AddonStage apply(String hook) {
        return new AddonStage(hook, "apply", null, null);
    }

    /** A wait condition: objects to fetch and a CEL expression over them. */
    public record Condition(List<ConditionObject> objects, String conditions) {
        public Condition {
            objects = objects == null ? List.of() : List.copyOf(objects);
        }
    }

    /** An object a wait condition reads, under {@code key} in the CEL expression. */
    public record ConditionObject(String key, String apiVersion, String kind, String name, String namespace) {
    }
}
