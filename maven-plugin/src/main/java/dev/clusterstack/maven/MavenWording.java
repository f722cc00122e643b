package dev.clusterstack.maven;

import dev.clusterstack.build.Setting;
import dev.clusterstack.build.Wording;

/**
 * The plugin's words for the build's settings: the POM element and its user property in full
 * ({@code <versionMode> (clusterstack.versionMode)}), the element alone inside a sentence, and
 * {@code clusterstack:<goal>} for a step.
 */
final class MavenWording implements Wording {
    static final MavenWording INSTANCE = new MavenWording();

    private MavenWording() {
    }

    @Override
    public String setting(Setting setting) {
        return switch (setting) {
            case OFFLINE -> "-o";
            case OUTPUT_TIMESTAMP -> "<" + PropertyNames.OUTPUT_TIMESTAMP + "> (" + PropertyNames.OUTPUT_TIMESTAMP + ")";
            default -> brief(setting) + " (" + property(setting) + ")";
        };
    }

    @Override
    public String brief(Setting setting) {
        return switch (setting) {
            case OFFLINE -> "-o";
            case PUBLISH_CREDENTIALS -> "<serverId>";
            case BASELINE_CREDENTIALS -> "<baselineServerId>";
            case PLAN_CHART -> "<chart>";
            case PLAN_CLUSTERS -> "<clusters>";
            case PLANS_DIRECTORY -> "<outputDirectory>";
            case NOTES_DIRECTORY -> "<notesDirectory>";
            case IMPORT_SOURCE -> "<source>";
            case IMPORT_OVERWRITE -> "<overwrite>";
            case OUTPUT_TIMESTAMP -> "<" + PropertyNames.OUTPUT_TIMESTAMP + ">";
            default -> "<" + setting.id() + ">";
        };
    }

    @Override
    public String step(String goal) {
        return "clusterstack:" + goal;
    }

    /** The user property of a setting. */
    static String property(Setting setting) {
        return switch (setting) {
            case DEFINITIONS -> PropertyNames.DEFINITIONS;
            case OUTPUT_DIRECTORY -> PropertyNames.OUTPUT_DIRECTORY;
            case CHARTS_DIRECTORY -> PropertyNames.CHARTS_DIRECTORY;
            case DOCS_DIRECTORY -> PropertyNames.DOCS_DIRECTORY;
            case VERSION_MODE -> PropertyNames.VERSION_MODE;
            case CLUSTER_STACK_VERSION -> PropertyNames.CLUSTER_STACK_VERSION;
            case CLUSTER_ADDON_VERSION -> PropertyNames.CLUSTER_ADDON_VERSION;
            case NODE_IMAGE_VERSION -> PropertyNames.NODE_IMAGE_VERSION;
            case BASELINE -> PropertyNames.BASELINE;
            case BASELINE_CREDENTIALS -> PropertyNames.BASELINE_SERVER_ID;
            case BASELINE_PLAIN_HTTP -> PropertyNames.BASELINE_PLAIN_HTTP;
            case VENDOR_DEPENDENCIES -> PropertyNames.VENDOR_DEPENDENCIES;
            case CHART_CACHE -> PropertyNames.CHART_CACHE;
            case CA_CERTIFICATES -> PropertyNames.CA_CERTIFICATES;
            case CRDS -> PropertyNames.CRDS;
            case OUTPUT_TIMESTAMP -> PropertyNames.OUTPUT_TIMESTAMP;
            case PUBLISH_REPOSITORY -> PropertyNames.PUBLISH_REPOSITORY;
            case PUBLISH_CREDENTIALS -> PropertyNames.PUBLISH_SERVER_ID;
            case PLAIN_HTTP -> PropertyNames.PUBLISH_PLAIN_HTTP;
            case PLAN_CHART -> PropertyNames.PLAN_CHART;
            case PLAN_CLUSTERS -> PropertyNames.PLAN_CLUSTERS;
            case PLANS_DIRECTORY -> PropertyNames.PLANS_DIRECTORY;
            case COMPAT_OLDER -> PropertyNames.COMPAT_OLDER;
            case COMPAT_NEWER -> PropertyNames.COMPAT_NEWER;
            case COMPAT_SKIP -> PropertyNames.COMPAT_SKIP;
            case NOTES_DIRECTORY -> PropertyNames.NOTES_DIRECTORY;
            case IMPORT_SOURCE -> PropertyNames.IMPORT_SOURCE;
            case IMPORT_OVERWRITE -> PropertyNames.IMPORT_OVERWRITE;
            case OFFLINE -> "-o";
        };
    }
}
