package dev.clusterstack.core.definition;

import dev.clusterstack.core.model.base.Template;
import dev.clusterstack.core.model.addon.AddonStage;
import dev.clusterstack.core.model.addon.ChartDependency;
import dev.clusterstack.core.model.clusterclass.ClusterClass;

import java.util.List;
import java.util.Map;

/**
 * The stack definition file ({@code src/main/clusterstack/stack.yaml}) as written, for one
 * Kubernetes version after interpolation. Strict: unknown top-level fields are errors.
 */
record DefinitionFile(String provider,
                      String name,
                      String description,
                      Map<String, Object> values,
                      List<VersionEntry> kubernetesVersions,
                      ClusterClass clusterClass,
                      List<Template> templates,
                      String addonLayout,
                      String addonValues,
                      String addonValuesFile,
                      List<AddonEntry> addons,
                      Map<String, Object> nodeImages,
                      Map<String, Map<String, Object>> features) {

    /** {@code kubernetesVersions[]}: a full version, its node image and its own values. */
    record VersionEntry(String version, String nodeImage, Map<String, Object> values) {
    }

    /** {@code addons[]}. */
    record AddonEntry(String name, String description, ChartDependency chart, Map<String, Object> values,
                      String valuesFile, String overwrite, String overwriteFile, List<AddonStage> stages) {
    }

    /** The fields read before interpolation: who the stack is and which versions it has. */
    record Header(String provider, String name, Map<String, Object> values, List<VersionEntry> kubernetesVersions) {
    }
}
