package dev.clusterstack.core.release;

import dev.clusterstack.core.contract.ReleaseLayout;
import dev.clusterstack.core.model.AddonLayout;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.KubernetesRelease;
import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.model.infra.OrcImage;
import dev.clusterstack.core.render.AddonCharts;
import dev.clusterstack.core.render.ClusterClassChart;
import dev.clusterstack.core.render.Yaml;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stack folder of one Kubernetes version, as csctl reads one: {@code cluster-class/} (the chart),
 * {@code cluster-addon/} (the addon charts), the addon configuration ({@code clusteraddon.yaml}, or
 * {@code cluster-addon-values.yaml} in the legacy layout), {@code node-image/node-images.yaml} where
 * given and {@code node-image/image.yaml}, the ORC image of the {@code file} placement. The one definition of this tree: the release builder hashes and packages it, the
 * {@code generate} goal writes it unpackaged.
 */
public final class StackFolder {
    private StackFolder() {
    }

    /**
     * The files of the stack folder, relative path to content, in a fixed order.
     *
     * @param classVersion the cluster-class chart version
     * @param addonVersion the addon charts' version
     */
    public static Map<String, String> files(ClusterStack stack, KubernetesRelease release, String classVersion,
                                            String addonVersion) {
        Map<String, String> files = new LinkedHashMap<>();
        ClusterClassChart.render(stack, release, classVersion)
                .forEach((k, v) -> files.put(ReleaseLayout.CLUSTER_CLASS + "/" + k, v));
        AddonCharts.archiveFiles(stack, release, addonVersion)
                .forEach((k, v) -> files.put(ReleaseLayout.CLUSTER_ADDON + "/" + k, v));
        StackContent content = release.content();
        if (legacy(content)) {
            files.put(ReleaseLayout.LEGACY_ADDON_VALUES_FILE, AddonCharts.legacyValues(content));
        } else {
            files.put(ReleaseLayout.ADDON_CONFIG_FILE, AddonCharts.clusterAddonConfig(content));
        }
        if (content.nodeImages() != null) {
            files.put(nodeImagesFile(), Yaml.write(content.nodeImages()));
        }
        if (hasImageFile(content)) {
            // part of the node image: a new image gives a new nodeImage version in stable mode
            files.put(orcImageFile(), Yaml.write(ClusterClassChart.orcImageObject(content.orcImage(), false)));
        }
        return files;
    }

    /** {@code node-image/node-images.yaml}: where a stack folder keeps the node images. */
    public static String nodeImagesFile() {
        return ReleaseLayout.NODE_IMAGE + "/" + ReleaseLayout.NODE_IMAGES_FILE;
    }

    /** {@code node-image/image.yaml}: where a stack folder keeps the ORC image of the {@code file} placement. */
    public static String orcImageFile() {
        return ReleaseLayout.NODE_IMAGE + "/" + OrcImage.FILE_NAME;
    }

    /** Whether the ORC image goes beside the charts as {@value OrcImage#FILE_NAME} (placement {@code file}). */
    public static boolean hasImageFile(StackContent content) {
        return content.orcImage() != null && OrcImage.FILE.equals(content.orcImage().placement());
    }

    /** The addon values file of the release's layout. */
    public static String addonValuesFile(StackContent content) {
        return ReleaseLayout.addonValuesFile(legacy(content));
    }

    private static boolean legacy(StackContent content) {
        return content.addonLayout() == AddonLayout.LEGACY;
    }
}
