package dev.clusterstack.maven;

import dev.clusterstack.build.ClusterStackRunner;
import dev.clusterstack.build.StackBuildSettings;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.util.List;

/**
 * Plans, offline, what Cluster API would create for Clusters of every release of this build (the last
 * {@code package} run): the test clusters in {@code <clusters>} whose {@code spec.topology.class} names the release
 * (its ClusterClass, or a prefix such as {@code <provider>-<name>} or {@code <provider>-<name>-<maj>-<min>}), and
 * automatic ones (no variable set; one per variable with a schema {@code example}). Writes the desired objects and a
 * {@code plan.md} per Cluster under {@code <outputDirectory>/<release>/<cluster>/} and {@code plans.md} over all;
 * a patch no planned Cluster enabled is a warning, any error of a plan fails the build. Runs without a project
 * on a hand-written chart: {@code mvn clusterstack:plan -Dclusterstack.plan.chart=<folder|tgz>}.
 */
@Mojo(name = "plan", defaultPhase = LifecyclePhase.VERIFY, requiresProject = false, threadSafe = true)
public class PlanMojo extends AbstractClusterStackMojo {

    /** A hand-written cluster-class chart (folder or {@code .tgz}) to plan instead of this build's releases. */
    @Parameter(property = PropertyNames.PLAN_CHART)
    private File chart;

    /** The folder of test clusters ({@code *.yaml}, one Cluster each). */
    @Parameter(property = PropertyNames.PLAN_CLUSTERS, defaultValue = StackBuildSettings.DEFAULT_PLAN_CLUSTERS)
    private File clusters;

    /** Where the plans go. */
    @Parameter(property = PropertyNames.PLANS_DIRECTORY, defaultValue = "${project.build.directory}/cluster-stack-plans")
    private File outputDirectory;

    /** CRD files or folders: class templates get their defaults, planned objects are validated. Empty: neither. */
    @Parameter(property = PropertyNames.CRDS)
    private List<File> crds;

    /** Skips this goal. */
    @Parameter(property = PropertyNames.PLAN_SKIP, defaultValue = "false")
    private boolean skipPlan;

    @Override
    protected String goal() {
        return "plan";
    }

    @Override
    protected boolean skipGoal() {
        return skipPlan;
    }

    @Override
    protected String skipGoalProperty() {
        return PropertyNames.PLAN_SKIP;
    }

    @Override
    protected void configure(StackBuildSettings.Builder settings) {
        settings.planChart(chart == null ? null : chart.toPath())
                .planClusters(clusters == null ? null : clusters.toPath())
                .plansDirectory(outputDirectory == null || outputDirectory.getPath().contains("${") ? null
                        : outputDirectory.toPath())
                .crds(crds == null ? null : crds.stream().map(File::toPath).toList());
    }

    @Override
    protected void run(ClusterStackRunner runner) {
        runner.plan();
    }
}
