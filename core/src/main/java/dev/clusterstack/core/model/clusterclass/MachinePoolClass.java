package dev.clusterstack.core.model.clusterclass;

import dev.clusterstack.core.bind.Extra;
import dev.clusterstack.core.bind.YamlName;
import dev.clusterstack.core.model.base.Copies;

import java.util.List;
import java.util.Map;

/** {@code spec.workers.machinePools[]}. */
public record MachinePoolClass(@YamlName("class") String className,
                               MachineTemplateClass template,
                               List<String> failureDomains,
                               InfrastructureNamingStrategy namingStrategy,
                               String nodeDrainTimeout,
                               String nodeVolumeDetachTimeout,
                               String nodeDeletionTimeout,
                               Integer minReadySeconds,
                               @Extra Map<String, Object> extra) {
    public MachinePoolClass {
        failureDomains = Copies.list(failureDomains);
        extra = Copies.map(extra);
    }
}
