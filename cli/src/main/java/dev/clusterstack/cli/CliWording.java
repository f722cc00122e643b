package dev.clusterstack.cli;

import dev.clusterstack.build.Setting;
import dev.clusterstack.build.Wording;

/** The command line's words for the build's settings: its options, e.g. {@code --version-mode}. */
final class CliWording implements Wording {
    static final CliWording INSTANCE = new CliWording();

    private CliWording() {
    }

    @Override
    public String setting(Setting setting) {
        return switch (setting) {
            case DEFINITIONS -> "--definitions";
            case OUTPUT_DIRECTORY -> "--output";
            case CHARTS_DIRECTORY -> "--charts-directory";
            case DOCS_DIRECTORY -> "--docs-directory";
            case VERSION_MODE -> "--version-mode";
            case CLUSTER_STACK_VERSION -> "--cluster-stack-version";
            case CLUSTER_ADDON_VERSION -> "--cluster-addon-version";
            case NODE_IMAGE_VERSION -> "--node-image-version";
            case BASELINE -> "--baseline";
            case BASELINE_CREDENTIALS -> "--baseline-username";
            case BASELINE_PLAIN_HTTP -> "--baseline-plain-http";
            case VENDOR_DEPENDENCIES -> "--vendor-dependencies";
            case CHART_CACHE -> "--chart-cache";
            case CA_CERTIFICATES -> "--ca-certificates";
            case CRDS -> "--crds";
            case OUTPUT_TIMESTAMP -> "--output-timestamp";
            case PUBLISH_REPOSITORY -> "--repository";
            case PUBLISH_CREDENTIALS -> "--username";
            case PLAIN_HTTP -> "--plain-http";
            case PLAN_CHART -> "--chart";
            case PLAN_CLUSTERS -> "--clusters";
            case PLANS_DIRECTORY -> "--plans-directory";
            case COMPAT_OLDER -> "--older";
            case COMPAT_NEWER -> "--newer";
            case COMPAT_SKIP -> "--skip-compat";
            case NOTES_DIRECTORY -> "--notes-directory";
            case IMPORT_SOURCE -> "SOURCE";
            case IMPORT_OVERWRITE -> "--overwrite";
            case OFFLINE -> "--offline";
        };
    }

    @Override
    public String step(String goal) {
        return "clusterstack " + (goal.equals("package") ? "build" : goal);
    }
}
