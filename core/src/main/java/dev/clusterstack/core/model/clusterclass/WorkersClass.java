package dev.clusterstack.core.model.clusterclass;

import dev.clusterstack.core.bind.Extra;
import dev.clusterstack.core.model.base.Copies;

import java.util.List;
import java.util.Map;

/** {@code spec.workers}. */
public record WorkersClass(List<MachineDeploymentClass> machineDeployments, List<MachinePoolClass> machinePools,
                           @Extra Map<String, Object> extra) {
    public WorkersClass {
        machineDeployments = Copies.list(machineDeployments);
        machinePools = Copies.list(machinePools);
        extra = Copies.map(extra);
    }
}
