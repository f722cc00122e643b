package dev.clusterstack.core.model.addon;

import dev.clusterstack.core.model.base.Copies;

import java.util.List;
import java.util.Map;

/**
 * A cluster addon: a Helm chart installed into every workload cluster by the operator, usually one
 * dependency chart (cilium, openstack-cloud-controller-manager, ...) with its values.
 *
 * @param name      folder name in the addon archive and name in {@code clusteraddon.yaml} ({@code cni}, {@code ccm})
 * @param chart     the dependency chart (name, version, repository, alias, condition)
 * @param values    the addon chart's {@code values.yaml}
 * @param overwrite {@code overwrite.yaml}: a Go template the operator evaluates at cluster time
 *                  over {@code .Cluster}, {@code .ControlPlane}, {@code .InfraCluster}; emitted verbatim
 * @param stages    when the operator applies or deletes the addon; empty means apply in
 *                  {@code AfterControlPlaneInitialized} and {@code BeforeClusterUpgrade}
 */
public record Addon(String name, String description, ChartDependency chart, Map<String, Object> values, String overwrite,
                    List<AddonStage> stages) {
    public Addon {
        values = Copies.map(values);
        stages = Copies.list(stages);
    }

    public static Addon of(String name, ChartDependency chart, Map<String, Object> values) {
        return new Addon(name, null, chart, values, null, List.of());
    }

    public Addon withOverwrite(String value) {
        return new Addon(name, description, chart, values, value, stages);
    }

    public Addon withStages(List<AddonStage> value) {
        return new Addon(name, description, chart, values, overwrite, value);
    }

    /** The stages that apply: the given ones or the default pair. */
    public List<AddonStage> effectiveStages() {
        return stages.isEmpty()
                ? List.of(AddonStage.apply(AddonStage.AFTER_CONTROL_PLANE_INITIALIZED), AddonStage.apply(AddonStage.BEFORE_CLUSTER_UPGRADE))
                : stages;
    }
}
