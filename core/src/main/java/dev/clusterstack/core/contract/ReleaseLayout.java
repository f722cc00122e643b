package dev.clusterstack.core.contract;

import java.util.regex.Pattern;

/**
 * Every name of the release contract in one place: the release name and folder, the chart and archive
 * names, the files of a release folder and of the stack folder csctl reads, and the OCI media types of
 * a published release. The Cluster Stack Operator splits these names on {@code -}, so they are a hard
 * contract; everything that writes, reads, verifies or publishes a release spells them through here.
 */
public final class ReleaseLayout {
    /** {@code metadata.yaml}: the versions of a release. */
    public static final String METADATA_FILE = "metadata.yaml";
    /** {@code hashes.json}: csctl's hashes of the stack folder, for the next stable version. */
    public static final String HASHES_FILE = "hashes.json";
    /** {@code clusteraddon.yaml}: the addon stages (staged layout). */
    public static final String ADDON_CONFIG_FILE = "clusteraddon.yaml";
    /** {@code cluster-addon-values.yaml}: the values of the umbrella addon chart (legacy layout). */
    public static final String LEGACY_ADDON_VALUES_FILE = "cluster-addon-values.yaml";
    /** {@code node-images.yaml}: node images where the provider needs one. */
    public static final String NODE_IMAGES_FILE = "node-images.yaml";

    /** The cluster-class component: chart name suffix, and its folder in a stack folder. */
    public static final String CLUSTER_CLASS = "cluster-class";
    /** The cluster-addon component: chart name suffix, and its folder in a stack folder. */
    public static final String CLUSTER_ADDON = "cluster-addon";
    /** The node-image folder of a stack folder (hashed as {@code nodeImageDir}). */
    public static final String NODE_IMAGE = "node-image";

    /** A release folder name: {@code <provider>-<name>-<maj>-<min>-<version>} (groups 1 to 5). */
    public static final Pattern FOLDER = Pattern.compile(
            "([a-z0-9]+)-([a-z0-9]+)-([0-9]+)-([0-9]+)-(v[1-9][0-9]*|v0-sha\\.[a-z0-9]{7})");
    /** A component archive: group 1 is {@code <release name>-cluster-class} or {@code -cluster-addon}. */
    public static final Pattern COMPONENT_ARCHIVE = Pattern.compile("(.+-cluster-(?:class|addon))-v[0-9a-z.-]+\\.tgz");

    /** Artifact type of a published release. */
    public static final String ARTIFACT_TYPE = "application/vnd.scs.cluster-stacks.v1";
    /** Media type of files csctl has no media type for (ORAS's default for a file). */
    public static final String DEFAULT_LAYER_MEDIA_TYPE = "application/vnd.oci.image.layer.v1.tar";

    private ReleaseLayout() {
    }

    /** {@code <provider>-<name>-<maj>-<min>}: the Helm release name the operator renders the charts with. */
    public static String releaseName(String provider, String name, String k8sMinorDash) {
        return provider + "-" + name + "-" + k8sMinorDash;
    }

    /** {@code <release name>-<clusterStackVersion>}: the release folder, and the ClusterClass name. */
    public static String folderName(String releaseName, Object clusterStack) {
        return releaseName + "-" + clusterStack;
    }

    /** {@code <release name>-cluster-class}. */
    public static String clusterClassChart(String releaseName) {
        return releaseName + "-" + CLUSTER_CLASS;
    }

    /** {@code <release name>-cluster-addon}. */
    public static String clusterAddonChart(String releaseName) {
        return releaseName + "-" + CLUSTER_ADDON;
    }

    /** {@code <release name>-cluster-class-<clusterStackVersion>.tgz}. */
    public static String clusterClassArchive(String releaseName, Object clusterStackVersion) {
        return clusterClassChart(releaseName) + "-" + clusterStackVersion + ".tgz";
    }

    /** {@code <release name>-cluster-addon-<clusterAddonVersion>.tgz}. */
    public static String clusterAddonArchive(String releaseName, Object clusterAddonVersion) {
        return clusterAddonChart(releaseName) + "-" + clusterAddonVersion + ".tgz";
    }

    /** The addon values file of a layout: {@link #LEGACY_ADDON_VALUES_FILE} for legacy, else {@link #ADDON_CONFIG_FILE}. */
    public static String addonValuesFile(boolean legacy) {
        return legacy ? LEGACY_ADDON_VALUES_FILE : ADDON_CONFIG_FILE;
    }

    /**
     * The media type csctl gives a release file when it publishes a release.
     *
     * @param fileName the file name
     * @return its layer media type
     */
    public static String mediaType(String fileName) {
        return switch (fileName) {
            case ADDON_CONFIG_FILE -> "application/vnd.scs.cluster-addon.config.layer.v1+yaml";
            case METADATA_FILE -> "application/vnd.scs.metadata.layer.v1+yaml";
            case NODE_IMAGES_FILE -> "application/vnd.scs.node-image.config.layer.v1+yaml";
            case HASHES_FILE -> "application/vnd.scs.hashes.layer.v1+yaml";
            default -> {
                if (fileName.endsWith(".tgz") && fileName.contains(CLUSTER_ADDON)) {
                    yield "application/vnd.scs.cluster-addon.layer.v1.tar+gzip";
                }
                if (fileName.endsWith(".tgz") && fileName.contains(CLUSTER_CLASS)) {
                    yield "application/vnd.scs.cluster-class.v1.tar+gzip";
                }
                if (fileName.endsWith(".tgz") && fileName.contains(NODE_IMAGE)) {
                    yield "application/vnd.scs.node-image.layer.v1.tar+gzip";
                }
                yield DEFAULT_LAYER_MEDIA_TYPE;
            }
        };
    }
}
