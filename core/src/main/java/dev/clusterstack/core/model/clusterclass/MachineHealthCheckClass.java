package dev.clusterstack.core.model.clusterclass;

import dev.clusterstack.core.bind.Extra;
import dev.clusterstack.core.model.base.Copies;

import java.util.List;
import java.util.Map;

/**
 * {@code machineHealthCheck} of a control plane or machine deployment class. {@code maxUnhealthy} is
 * an int-or-string (a count or a percentage such as {@code "40%"}).
 */
public record MachineHealthCheckClass(List<UnhealthyCondition> unhealthyConditions,
                                      Object maxUnhealthy,
                                      String unhealthyRange,
                                      String nodeStartupTimeout,
                                      Map<String, Object> remediationTemplate,
                                      @Extra Map<String, Object> extra) {
    public MachineHealthCheckClass {
        unhealthyConditions = Copies.list(unhealthyConditions);
        remediationTemplate = remediationTemplate == null ? null : Copies.map(remediationTemplate);
        extra = Copies.map(extra);
    }

    /** {@code unhealthyConditions[]}: a node condition type and status held for a timeout. */
    public record UnhealthyCondition(String type, String status, String timeout, @Extra Map<String, Object> extra) {
        public UnhealthyCondition {
            extra = Copies.map(extra);
        }
    }
}
