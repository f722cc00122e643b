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
                      String clusterApi,
                      ClusterClass clusterClass,
                      List<Template> templates,
                      String addonLayout,
                      String addonValues,
                      String addonValuesFile,
                      List<AddonEntry> addons,
                      Map<String, Object> nodeImages,
                      OrcImageEntry orcImage,
                      Map<String, Map<String, Object>> features,
                      Object compatibility) {

    /**
     * {@code kubernetesVersions[]}: a full version, its node image, its ORC image download, its own values and
     * the Cluster API version of its release where it differs from the stack's {@code clusterApi}.
     */
    record VersionEntry(String version, String nodeImage, ImageDownload image, Map<String, Object> values,
                        String clusterApi) {
    }

    /** {@code kubernetesVersions[].image}: where this version's ORC image is downloaded from, and its sha256. */
    record ImageDownload(String url, String sha256) {
    }

    /** {@code orcImage}: the ORC Image of every version; {@code url} is the download URL where a version gives none. */
    record OrcImageEntry(String name, String placement, String url, Map<String, Object> spec) {
    }

    /** {@code addons[]}. */
    record AddonEntry(String name, String chartName, String description, ChartDependency chart, Map<String, Object> values,
                      String valuesFile, String overwrite, String overwriteFile, List<AddonStage> stages) {
    }

    /** The fields read before interpolation: who the stack is and which versions it has. */
    record Header(String provider, String name, Map<String, Object> values, List<VersionEntry> kubernetesVersions) {
    }
}
