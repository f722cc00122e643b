package dev.clusterstack.core.model.clusterclass;

import dev.clusterstack.core.bind.Extra;
import dev.clusterstack.core.bind.YamlName;
import dev.clusterstack.core.model.base.Copies;

import java.util.Map;

/** {@code spec.workers.machineDeployments[]}. {@code strategy} is kept as a free tree. */
public record MachineDeploymentClass(@YamlName("class") String className,
                                     MachineTemplateClass template,
                                     MachineHealthCheckClass machineHealthCheck,
                                     String failureDomain,
                                     InfrastructureNamingStrategy namingStrategy,
                                     String nodeDrainTimeout,
                                     String nodeVolumeDetachTimeout,
                                     String nodeDeletionTimeout,
                                     Integer minReadySeconds,
                                     Map<String, Object> strategy,
                                     @Extra Map<String, Object> extra) {
    public MachineDeploymentClass {
        strategy = strategy == null ? null : Copies.map(strategy);
        extra = Copies.map(extra);
    }

    /** A machine deployment class from its bootstrap and infrastructure templates (names), nothing else set. */
    public static MachineDeploymentClass of(String className, String bootstrapTemplate, String infrastructureTemplate) {
        return new MachineDeploymentClass(className, MachineTemplateClass.of(bootstrapTemplate, infrastructureTemplate),
                null, null, null, null, null, null, null, null, Map.of());
    }
}
