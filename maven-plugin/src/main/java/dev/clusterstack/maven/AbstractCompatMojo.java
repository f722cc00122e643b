package dev.clusterstack.maven;

import dev.clusterstack.build.Setting;
import dev.clusterstack.build.StackBuildSettings;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;

/**
 * The parameters of the goals that run the upgrade compatibility check ({@code verify} and {@code compat}): where the
 * releases clusters upgrade from are, the test clusters an error names, the notes folder, and the skip flag.
 */
abstract class AbstractCompatMojo extends AbstractClusterStackMojo {

    /**
     * Where the releases clusters upgrade from are: a folder, or an OCI repository {@code oci://host[:port]/path} read
     * into {@code target/clusterstack/baseline-cache/}. Default: the output directory.
     */
    @Parameter(property = PropertyNames.BASELINE)
    private String baseline;

    /** The id of the {@code <server>} in {@code settings.xml} that authenticates at a registry {@code <baseline>}. */
    @Parameter(property = PropertyNames.BASELINE_SERVER_ID)
    private String baselineServerId;

    /** Reads a registry {@code <baseline>} over plain HTTP instead of HTTPS (a local test registry). */
    @Parameter(property = PropertyNames.BASELINE_PLAIN_HTTP, defaultValue = "false")
    private boolean baselinePlainHttp;

    /** The test clusters: a compatibility error names those that set the variable at fault. */
    @Parameter(property = PropertyNames.PLAN_CLUSTERS, defaultValue = StackBuildSettings.DEFAULT_PLAN_CLUSTERS)
    private File clusters;

    /** Where the release notes go ({@code <release>.md}). Default: {@code cluster-stacks-notes} beside the output folder. */
    @Parameter(property = PropertyNames.NOTES_DIRECTORY)
    private File notesDirectory;

    /** Leaves out the upgrade compatibility check: the {@code compat} goal, and its part of {@code verify}. */
    @Parameter(property = PropertyNames.COMPAT_SKIP, defaultValue = "false")
    protected boolean skipCompat;

    /** Adds the check's parameters. */
    protected void configureCompat(StackBuildSettings.Builder settings) {
        settings.baseline(baseline)
                .baselineCredentials(credentials(baselineServerId, Setting.BASELINE_CREDENTIALS))
                .baselinePlainHttp(baselinePlainHttp)
                .planClusters(clusters == null ? null : clusters.toPath())
                .notesDirectory(notesDirectory == null ? null : notesDirectory.toPath());
    }
}
