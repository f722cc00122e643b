package dev.clusterstack.maven;

import dev.clusterstack.build.ClusterStackRunner;
import dev.clusterstack.build.StackBuildSettings;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;

/**
 * Validates the stack definitions (every problem at once, with file:line:column) and writes per
 * release the chart folders {@code <chartsDirectory>/<provider>-<name>-<maj>-<min>/cluster-class/}
 * and {@code cluster-addon/} with the addon configuration, unpackaged, for reading and for running
 * Helm by hand. Charts carry the custom versions in custom mode, else the version {@code v0-dev}.
 * Only changed files are written.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class GenerateMojo extends AbstractClusterStackMojo {

    /** Where the chart folders go. Owned by this goal: files no release produces any more are deleted. */
    @Parameter(property = PropertyNames.CHARTS_DIRECTORY, defaultValue = "${project.build.directory}/cluster-stacks-charts")
    private File chartsDirectory;

    /** How versions are chosen: {@code stable}, {@code hash} or {@code custom}. Here: custom gives the chart versions. */
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

    /** Skips this goal. */
    @Parameter(property = PropertyNames.GENERATE_SKIP, defaultValue = "false")
    private boolean skipGenerate;

    @Override
    protected String goal() {
        return "generate";
    }

    @Override
    protected boolean skipGoal() {
        return skipGenerate;
    }

    @Override
    protected String skipGoalProperty() {
        return PropertyNames.GENERATE_SKIP;
    }

    @Override
    protected void configure(StackBuildSettings.Builder settings) {
        settings.chartsDirectory(chartsDirectory == null ? null : chartsDirectory.toPath())
                .versionMode(versionMode)
                .clusterStackVersion(clusterStackVersion)
                .clusterAddonVersion(clusterAddonVersion)
                .nodeImageVersion(nodeImageVersion);
    }

    @Override
    protected void run(ClusterStackRunner runner) {
        runner.generate();
    }
}
