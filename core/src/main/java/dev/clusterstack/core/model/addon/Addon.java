package dev.clusterstack.core.model.addon;

import dev.clusterstack.core.model.base.Copies;

import java.util.List;
import java.util.Map;

/**
 * A cluster addon: a Helm chart installed into every workload cluster by the operator, usually one
 * dependency chart (cilium, openstack-cloud-controller-manager, ...) with its values.
 *
 * @param name       folder name in the addon archive and name in {@code clusteraddon.yaml} ({@code cni}, {@code ccm})
 * @param chartName  {@code name} in the addon chart's {@code Chart.yaml} (staged layout); {@code null}: {@link #name}
 * @param chart      the dependency chart (name, version, repository, alias, condition)
 * @param values     the addon chart's {@code values.yaml}
 * @param valuesYaml the text of {@code values.yaml} when it comes from a file: written byte for byte
 *                   (comments, quoting and empty values kept); {@code null}: {@code values} are written
 * @param overwrite  {@code overwrite.yaml}: a Go template the operator evaluates at cluster time
 *                   over {@code .Cluster}, {@code .ControlPlane}, {@code .InfraCluster}; emitted verbatim
 * @param stages     when the operator applies or deletes the addon; empty means apply in
 *                   {@code AfterControlPlaneInitialized} and {@code BeforeClusterUpgrade}
 */
public record Addon(String name, String chartName, String description, ChartDependency chart, Map<String, Object> values,
                    String valuesYaml, String overwrite, List<AddonStage> stages) {
    public Addon {
        chartName = chartName == null ? name : chartName;
        values = Copies.map(values);
        stages = Copies.list(stages);
    }

    /** An addon whose chart is named like the addon and whose values are written from {@code values}. */
    public Addon(String name, String description, ChartDependency chart, Map<String, Object> values, String overwrite,
                 List<AddonStage> stages) {
        this(name, null, description, chart, values, null, overwrite, stages);
    }

    public static Addon of(String name, ChartDependency chart, Map<String, Object> values) {
        return new Addon(name, null, chart, values, null, List.of());
    }

    public Addon withOverwrite(String value) {
        return new Addon(name, chartName, description, chart, values, valuesYaml, value, stages);
    }

    public Addon withStages(List<AddonStage> value) {
        return new Addon(name, chartName, description, chart, values, valuesYaml, overwrite, value);
    }

    public Addon withChartName(String value) {
        return new Addon(name, value, description, chart, values, valuesYaml, overwrite, stages);
    }

    /** The stages that apply: the given ones or the default pair. */
    public List<AddonStage> effectiveStages() {
        return stages.isEmpty()
                ? List.of(AddonStage.apply(AddonStage.AFTER_CONTROL_PLANE_INITIALIZED), AddonStage.apply(AddonStage.BEFORE_CLUSTER_UPGRADE))
                : stages;
    }
}
