package dev.clusterstack.build;

/**
 * A setting of a build, whatever the front end calls it: each front end words it in its own terms
 * ({@code <versionMode> (clusterstack.versionMode)} in a POM, {@code --version-mode} on the command
 * line) through its {@link Wording}.
 */
public enum Setting {
    DEFINITIONS("definitions"),
    OUTPUT_DIRECTORY("outputDirectory"),
    CHARTS_DIRECTORY("chartsDirectory"),
    DOCS_DIRECTORY("docsDirectory"),
    VERSION_MODE("versionMode"),
    CLUSTER_STACK_VERSION("clusterStackVersion"),
    CLUSTER_ADDON_VERSION("clusterAddonVersion"),
    NODE_IMAGE_VERSION("nodeImageVersion"),
    BASELINE("baseline"),
    BASELINE_CREDENTIALS("baselineCredentials"),
    BASELINE_PLAIN_HTTP("baselinePlainHttp"),
    VENDOR_DEPENDENCIES("vendorDependencies"),
    CHART_CACHE("chartCache"),
    CA_CERTIFICATES("caCertificates"),
    CRDS("crds"),
    OUTPUT_TIMESTAMP("outputTimestamp"),
    PUBLISH_REPOSITORY("repository"),
    PUBLISH_CREDENTIALS("credentials"),
    PLAIN_HTTP("plainHttp"),
    PLAN_CHART("planChart"),
    PLAN_CLUSTERS("planClusters"),
    PLANS_DIRECTORY("plansDirectory"),
    COMPAT_OLDER("older"),
    COMPAT_NEWER("newer"),
    COMPAT_SKIP("skipCompat"),
    NOTES_DIRECTORY("notesDirectory"),
    IMPORT_SOURCE("importSource"),
    IMPORT_OVERWRITE("importOverwrite"),
    OFFLINE("offline");

    private final String id;

    Setting(String id) {
        this.id = id;
    }

    /** The setting's id, e.g. {@code versionMode}: stable, and the same in every front end. */
    public String id() {
        return id;
    }
}
