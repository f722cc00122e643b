package dev.clusterstack.maven;

import dev.clusterstack.build.ClusterStackRunner;
import dev.clusterstack.build.Setting;
import dev.clusterstack.build.StackBuildSettings;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;

import java.io.File;
import java.nio.file.Path;

/**
 * Builds one release folder per definition and Kubernetes version under {@code <outputDirectory>}
 * ({@code <provider>-<name>-<maj>-<min>-<clusterStackVersion>/}: {@code metadata.yaml}, the
 * cluster-class and cluster-addon archives, {@code clusteraddon.yaml}, {@code hashes.json}, ...),
 * reproducibly, and attaches every file to the build with the classifier
 * {@code <provider>-<name>-<maj>-<min>-<component>} (e.g. {@code openstack-scs-1-32-cluster-class},
 * type {@code tgz}) so that {@code install} and {@code deploy} carry them. With the packaging
 * {@code cluster-stack} it also writes the main artifact: one {@code .tgz} of all release folders.
 *
 * <p>Nothing is written when the inputs (definitions and every file they read), the parameters and
 * the plugin are unchanged and the outputs are intact.
 */
@Mojo(name = "package", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class PackageMojo extends AbstractClusterStackMojo {
    /** The packaging type this plugin defines. */
    public static final String PACKAGING = "cluster-stack";

    @Component
    private MavenProjectHelper projectHelper;

    /** Where the release folders go. */
    @Parameter(property = PropertyNames.OUTPUT_DIRECTORY, defaultValue = "${project.build.directory}/cluster-stacks")
    private File outputDirectory;

    /**
     * How versions are chosen, as csctl's {@code --mode}: {@code stable} (v1, v2, ...: after the previous
     * release in {@code <baseline>}; unchanged content keeps its versions), {@code hash}
     * ({@code v0-sha.<7 chars>}) or {@code custom} (the three versions below).
     */
    @Parameter(property = PropertyNames.VERSION_MODE, defaultValue = "stable")
    private String versionMode;

    /** The clusterStack version in custom mode, e.g. {@code v3}. */
    @Parameter(property = PropertyNames.CLUSTER_STACK_VERSION)
    private String clusterStackVersion;

    /** The clusterAddon version in custom mode. */
    @Parameter(property = PropertyNames.CLUSTER_ADDON_VERSION)
    private String clusterAddonVersion;

    /** The nodeImage version in custom mode. */
    @Parameter(property = PropertyNames.NODE_IMAGE_VERSION)
    private String nodeImageVersion;

    /**
     * The previous releases stable mode counts on from: a folder, or an OCI repository {@code oci://host[:port]/path}
     * read into {@code target/clusterstack/baseline-cache/} (offline: that cache). Default: the output directory.
     */
    @Parameter(property = PropertyNames.BASELINE)
    private String baseline;

    /** The id of the {@code <server>} in {@code settings.xml} that authenticates at a registry {@code <baseline>}. */
    @Parameter(property = PropertyNames.BASELINE_SERVER_ID)
    private String baselineServerId;

    /** Reads a registry {@code <baseline>} over plain HTTP instead of HTTPS (a local test registry). */
    @Parameter(property = PropertyNames.BASELINE_PLAIN_HTTP, defaultValue = "false")
    private boolean baselinePlainHttp;

    /** Fetch every addon chart's dependencies with Helm into its {@code charts/} folder in the addon archive. */
    @Parameter(property = PropertyNames.VENDOR_DEPENDENCIES, defaultValue = "false")
    private boolean vendorDependencies;

    /** Keeps the charts fetched for {@code vendorDependencies}, so that rebuilds (and {@code -o}) need no network. */
    @Parameter(property = PropertyNames.CHART_CACHE, defaultValue = "${settings.localRepository}/.cache/clusterstack/charts")
    private File chartCache;

    /**
     * A PEM file of extra CA certificates that Helm trusts when it fetches addon chart dependencies from
     * chart repositories and OCI registries (a company CA). The system's certificates stay trusted.
     */
    @Parameter(property = PropertyNames.CA_CERTIFICATES)
    private File caCertificates;

    /** Attach the release files to the Maven build (so install and deploy carry them). */
    @Parameter(property = PropertyNames.ATTACH, defaultValue = "true")
    private boolean attach;

    /** Entry time of every archive: ISO-8601 ({@code 2026-01-01T00:00:00Z}) or seconds since 1970; unset: 1980-01-01. */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

    /** Skips this goal. */
    @Parameter(property = PropertyNames.PACKAGE_SKIP, defaultValue = "false")
    private boolean skipPackage;

    @Override
    protected String goal() {
        return "package";
    }

    @Override
    protected boolean skipGoal() {
        return skipPackage;
    }

    @Override
    protected String skipGoalProperty() {
        return PropertyNames.PACKAGE_SKIP;
    }

    @Override
    protected void configure(StackBuildSettings.Builder settings) {
        settings.outputDirectory(outputDirectory == null ? null : outputDirectory.toPath())
                .versionMode(versionMode)
                .clusterStackVersion(clusterStackVersion)
                .clusterAddonVersion(clusterAddonVersion)
                .nodeImageVersion(nodeImageVersion)
                .baseline(baseline)
                .baselineCredentials(credentials(baselineServerId, Setting.BASELINE_CREDENTIALS))
                .baselinePlainHttp(baselinePlainHttp)
                .vendorDependencies(vendorDependencies)
                .chartCache(chartCache == null ? null : chartCache.toPath())
                .caCertificates(caCertificates == null ? null : caCertificates.toPath())
                .outputTimestamp(outputTimestamp);
    }

    @Override
    protected void run(ClusterStackRunner runner) {
        Path bundle = PACKAGING.equals(project.getPackaging())
                ? Path.of(project.getBuild().getDirectory(), project.getBuild().getFinalName() + ".tgz") : null;
        ClusterStackRunner.PackageResult result = runner.packageReleases(bundle);
        if (bundle != null) {
            project.getArtifact().setFile(bundle.toFile());
        }
        if (attach) {
            int n = 0;
            for (ReleaseArtifacts.ReleaseFile f : ReleaseArtifacts.of(result.releases())) {
                projectHelper.attachArtifact(project, f.type(), f.classifier(), f.file().toFile());
                n++;
            }
            getLog().debug("Attached " + n + " release files");
        }
    }
}
