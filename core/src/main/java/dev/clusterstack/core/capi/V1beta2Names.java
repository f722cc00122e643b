package dev.clusterstack.core.capi;

import java.util.List;

/**
 * The field names Cluster API's v1beta1 → v1beta2 conversion gives new names or places, in one place for the two
 * users of that mapping: the plain-tree conversion of this package (both directions, lossy where Cluster API's is)
 * and the v1beta2 writer of the model ({@code render.v1beta2}: exact, with located errors). The two differ in what
 * they take and how they fail, not in the names.
 */
public final class V1beta2Names {
    /** A machine's node timeouts (Go durations in v1beta1), each {@link #seconds} under {@code deletion} in v1beta2. */
    public static final List<String> NODE_DELETION_TIMEOUTS = List.of("nodeDrainTimeout", "nodeVolumeDetachTimeout",
            "nodeDeletionTimeout");
    /** {@code apiServer.timeoutForControlPlane}'s place: {@code initConfiguration/joinConfiguration.timeouts}. */
    public static final String CONTROL_PLANE_HEALTH_CHECK_SECONDS = "controlPlaneComponentHealthCheckSeconds";
    /** {@code joinConfiguration.discovery.timeout}'s place: {@code joinConfiguration.timeouts}. */
    public static final String TLS_BOOTSTRAP_SECONDS = "tlsBootstrapSeconds";
    /** {@code machineHealthCheck.nodeStartupTimeout}'s place: {@code healthCheck.checks}. */
    public static final String NODE_STARTUP_TIMEOUT_SECONDS = "nodeStartupTimeoutSeconds";
    /** {@code machineHealthCheck.unhealthyConditions}'s place: {@code healthCheck.checks}. */
    public static final String UNHEALTHY_NODE_CONDITIONS = "unhealthyNodeConditions";
    /** {@code machineHealthCheck.maxUnhealthy}'s place: {@code healthCheck.remediation.triggerIf}. */
    public static final String UNHEALTHY_LESS_THAN_OR_EQUAL_TO = "unhealthyLessThanOrEqualTo";
    /** {@code machineHealthCheck.unhealthyRange}'s place: {@code healthCheck.remediation.triggerIf}. */
    public static final String UNHEALTHY_IN_RANGE = "unhealthyInRange";
    /** An external patch's {@code generateExtension} in v1beta2. */
    public static final String GENERATE_PATCHES_EXTENSION = "generatePatchesExtension";
    /** An external patch's {@code validateExtension} in v1beta2. */
    public static final String VALIDATE_TOPOLOGY_EXTENSION = "validateTopologyExtension";

    private V1beta2Names() {
    }

    /** The v1beta2 name of a duration field held as whole seconds: {@code nodeDrainTimeout} gives {@code nodeDrainTimeoutSeconds}. */
    public static String seconds(String durationField) {
        return durationField + "Seconds";
    }
}
