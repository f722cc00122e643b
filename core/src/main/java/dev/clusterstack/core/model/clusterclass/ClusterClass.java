package dev.clusterstack.core.model.clusterclass;

import dev.clusterstack.core.bind.Extra;
import dev.clusterstack.core.model.base.Copies;
import dev.clusterstack.core.model.base.ObjectMeta;

import java.util.List;
import java.util.Map;

/**
 * A Cluster API {@code ClusterClass} {@code spec}, plus the labels and annotations of the ClusterClass object,
 * in either version: fields as v1beta1 names them, template references typed ({@link
 * dev.clusterstack.core.model.base.TemplateRef}: a template of the stack by its name suffix), which each version's
 * writer turns into its own references (v1beta1's {@code ref}, v1beta2's {@code templateRef}).
 */
public record ClusterClass(ObjectMeta metadata,
                           LocalObjectTemplate infrastructure,
                           InfrastructureNamingStrategy infrastructureNamingStrategy,
                           ControlPlaneClass controlPlane,
                           WorkersClass workers,
                           List<ClusterClassVariable> variables,
                           List<ClusterClassPatch> patches,
                           @Extra Map<String, Object> extra) {
    public ClusterClass {
        variables = Copies.list(variables);
        patches = Copies.list(patches);
        extra = Copies.map(extra);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.metadata = metadata;
        b.infrastructure = infrastructure;
        b.infrastructureNamingStrategy = infrastructureNamingStrategy;
        b.controlPlane = controlPlane;
        b.workers = workers;
        b.variables = variables;
        b.patches = patches;
        b.extra = extra;
        return b;
    }

    /** Builds a {@link ClusterClass}; lists are appended to, everything else replaced. */
    public static final class Builder {
        private ObjectMeta metadata;
        private LocalObjectTemplate infrastructure;
        private InfrastructureNamingStrategy infrastructureNamingStrategy;
        private ControlPlaneClass controlPlane;
        private WorkersClass workers;
        private List<ClusterClassVariable> variables = List.of();
        private List<ClusterClassPatch> patches = List.of();
        private Map<String, Object> extra = Map.of();

        public Builder metadata(ObjectMeta v) { metadata = v; return this; }

        /** The infrastructure cluster template, by its name suffix. */
        public Builder infrastructure(String templateName) { infrastructure = LocalObjectTemplate.of(templateName); return this; }

        public Builder infrastructureNamingStrategy(InfrastructureNamingStrategy v) { infrastructureNamingStrategy = v; return this; }

        public Builder controlPlane(ControlPlaneClass v) { controlPlane = v; return this; }

        public Builder workers(WorkersClass v) { workers = v; return this; }

        public Builder machineDeployment(MachineDeploymentClass v) {
            WorkersClass w = workers == null ? new WorkersClass(List.of(), List.of(), Map.of()) : workers;
            workers = new WorkersClass(Copies.plus(w.machineDeployments(), v), w.machinePools(), w.extra());
            return this;
        }

        public Builder variable(ClusterClassVariable v) { variables = Copies.plus(variables, v); return this; }

        public Builder variables(List<ClusterClassVariable> v) { variables = Copies.plusAll(variables, v); return this; }

        public Builder patch(ClusterClassPatch v) { patches = Copies.plus(patches, v); return this; }

        public Builder patches(List<ClusterClassPatch> v) { patches = Copies.plusAll(patches, v); return this; }

        public Builder extra(Map<String, Object> v) { extra = v; return this; }

        public ClusterClass build() {
            return new ClusterClass(metadata, infrastructure, infrastructureNamingStrategy, controlPlane, workers,
                    variables, patches, extra);
        }
    }
}
