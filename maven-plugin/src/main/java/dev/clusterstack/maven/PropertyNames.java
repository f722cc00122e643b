package dev.clusterstack.maven;

/**
 * Every user property of the plugin, in one place. Each goal parameter can be set in the POM as
 * {@code <configuration><name>} or on the command line as {@code -D<property>}.
 */
public final class PropertyNames {
    /** Prefix of every property. */
    public static final String PREFIX = "clusterstack.";

    /** Stack definition files (comma-separated on the command line). */
    public static final String DEFINITIONS = "clusterstack.definitions";
    /** Folder for the release folders. */
    public static final String OUTPUT_DIRECTORY = "clusterstack.outputDirectory";
    /** Folder for the chart folders of {@code generate}. */
    public static final String CHARTS_DIRECTORY = "clusterstack.chartsDirectory";
    /** Folder for the Markdown reference of {@code docs}. */
    public static final String DOCS_DIRECTORY = "clusterstack.docsDirectory";
    /** {@code stable}, {@code hash} or {@code custom}. */
    public static final String VERSION_MODE = "clusterstack.versionMode";
    /** The clusterStack version in custom mode. */
    public static final String CLUSTER_STACK_VERSION = "clusterstack.clusterStackVersion";
    /** The clusterAddon version in custom mode. */
    public static final String CLUSTER_ADDON_VERSION = "clusterstack.clusterAddonVersion";
    /** The nodeImage version in custom mode. */
    public static final String NODE_IMAGE_VERSION = "clusterstack.nodeImageVersion";
    /** Previous releases for stable mode: a folder or {@code oci://host[:port]/path}. */
    public static final String BASELINE = "clusterstack.baseline";
    /** The {@code <server>} id in settings.xml with the credentials of a registry baseline. */
    public static final String BASELINE_SERVER_ID = "clusterstack.baseline.serverId";
    /** Whether a registry baseline is read over plain HTTP instead of HTTPS. */
    public static final String BASELINE_PLAIN_HTTP = "clusterstack.baseline.plainHttp";
    /** Whether addon chart dependencies are fetched into the addon archive. */
    public static final String VENDOR_DEPENDENCIES = "clusterstack.vendorDependencies";
    /** Folder that keeps downloaded charts for offline rebuilds. */
    public static final String CHART_CACHE = "clusterstack.chartCache";
    public static final String CA_CERTIFICATES = "clusterstack.caCertificates";
    /** CRD files or folders for schema validation in {@code verify} (comma-separated on the command line). */
    public static final String CRDS = "clusterstack.crds";
    /** Whether release files are attached to the Maven build. */
    public static final String ATTACH = "clusterstack.attach";

    /** The OCI repository {@code publish} pushes to, {@code oci://host[:port]/path}. */
    public static final String PUBLISH_REPOSITORY = "clusterstack.publish.repository";
    /** The {@code <server>} id in settings.xml with the registry credentials. */
    public static final String PUBLISH_SERVER_ID = "clusterstack.publish.serverId";
    /** Whether {@code publish} uses plain HTTP instead of HTTPS. */
    public static final String PUBLISH_PLAIN_HTTP = "clusterstack.publish.plainHttp";

    /** A hand-written cluster-class chart (folder or .tgz) {@code plan} plans instead of this build's releases. */
    public static final String PLAN_CHART = "clusterstack.plan.chart";
    /** The folder of test clusters {@code plan} plans. */
    public static final String PLAN_CLUSTERS = "clusterstack.plan.clusters";
    /** Where {@code plan} writes the plans. */
    public static final String PLANS_DIRECTORY = "clusterstack.plan.outputDirectory";

    /** The older release folder or cluster-class chart {@code compat} compares (with {@link #COMPAT_NEWER}). */
    public static final String COMPAT_OLDER = "clusterstack.compat.older";
    /** The newer release folder or cluster-class chart {@code compat} compares (with {@link #COMPAT_OLDER}). */
    public static final String COMPAT_NEWER = "clusterstack.compat.newer";
    /** Where the compatibility check writes release notes. */
    public static final String NOTES_DIRECTORY = "clusterstack.compat.notesDirectory";
    /** The hand-written stack folder in csctl's layout that {@code import} reads. */
    public static final String IMPORT_SOURCE = "clusterstack.import.source";
    /** Whether {@code import} replaces a stack definition the project has already. */
    public static final String IMPORT_OVERWRITE = "clusterstack.import.overwrite";

    /** Skips every goal of the plugin. */
    public static final String SKIP = "clusterstack.skip";
    /** Skips {@code generate}. */
    public static final String GENERATE_SKIP = "clusterstack.generate.skip";
    /** Skips {@code package}. */
    public static final String PACKAGE_SKIP = "clusterstack.package.skip";
    /** Skips {@code verify}. */
    public static final String VERIFY_SKIP = "clusterstack.verify.skip";
    /** Skips {@code publish}. */
    public static final String PUBLISH_SKIP = "clusterstack.publish.skip";
    /** Skips {@code plan}. */
    public static final String PLAN_SKIP = "clusterstack.plan.skip";
    /** Skips the upgrade compatibility check: the {@code compat} goal and its part of {@code verify}. */
    public static final String COMPAT_SKIP = "clusterstack.compat.skip";
    /** Skips {@code import}. */
    public static final String IMPORT_SKIP = "clusterstack.import.skip";
    /** Skips {@code docs}. */
    public static final String DOCS_SKIP = "clusterstack.docs.skip";

    /** The Maven property archive times come from (as maven-archiver reads it). */
    public static final String OUTPUT_TIMESTAMP = "project.build.outputTimestamp";

    private PropertyNames() {
    }
}
