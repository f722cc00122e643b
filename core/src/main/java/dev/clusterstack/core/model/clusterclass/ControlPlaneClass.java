package dev.clusterstack.core.model.clusterclass;

import dev.clusterstack.core.bind.Extra;
import dev.clusterstack.core.model.base.Copies;
import dev.clusterstack.core.model.base.ObjectMeta;
import dev.clusterstack.core.model.base.TemplateRef;

import java.util.Map;

/** {@code spec.controlPlane}: the control plane template and its machine infrastructure. */
public record ControlPlaneClass(ObjectMeta metadata,
                                TemplateRef ref,
                                LocalObjectTemplate machineInfrastructure,
                                MachineHealthCheckClass machineHealthCheck,
                                InfrastructureNamingStrategy namingStrategy,
                                String nodeDrainTimeout,
                                String nodeVolumeDetachTimeout,
                                String nodeDeletionTimeout,
                                @Extra Map<String, Object> extra) {
    public ControlPlaneClass {
        extra = Copies.map(extra);
    }

    /** A control plane class from the control plane template and its machine template (names), nothing else set. */
    public static ControlPlaneClass of(String template, String machineInfrastructureTemplate) {
        return new ControlPlaneClass(null, TemplateRef.of(template),
                machineInfrastructureTemplate == null ? null : LocalObjectTemplate.of(machineInfrastructureTemplate),
                null, null, null, null, null, Map.of());
    }
}
