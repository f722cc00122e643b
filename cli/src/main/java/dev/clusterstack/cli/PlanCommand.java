package dev.clusterstack.cli;

import dev.clusterstack.build.ClusterStackRunner;
import dev.clusterstack.build.StackBuildSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** {@code clusterstack plan}: the plugin's {@code plan} goal. */
@Command(name = "plan", description = {"Plans, offline, what Cluster API would create for the test clusters and automatic"
        + " clusters (no variable set; one per variable with a schema example) against every release of the last build,"
        + " or against a hand-written cluster-class chart (--chart). A patch no planned cluster enabled is a warning;"
        + " an error of any plan fails."})
final class PlanCommand extends StackCommand {

    @Option(names = "--chart", paramLabel = "DIR|TGZ",
            description = "A hand-written cluster-class chart to plan instead of the releases of the last build.")
    Path chart;

    @Option(names = "--clusters", paramLabel = "DIR",
            description = "The test clusters (*.yaml, one Cluster each). Default: <stack folder>/"
                    + StackBuildSettings.DEFAULT_PLAN_CLUSTERS + ".")
    Path clusters;

    @Option(names = "--plans-directory", paramLabel = "DIR",
            description = "Where the plans go. Default: <build directory>/cluster-stack-plans.")
    Path plansDirectory;

    @Option(names = "--crds", split = ",", paramLabel = "PATH",
            description = "CRD files or folders, comma-separated: class templates get their defaults, planned objects are"
                    + " validated. None: neither.")
    List<Path> crds;

    @Override
    void configure(StackBuildSettings.Builder settings) {
        settings.planChart(absolute(chart))
                .planClusters(absolute(clusters))
                .plansDirectory(absolute(plansDirectory))
                .crds(crds == null ? null : crds.stream().map(StackCommand::absolute).toList());
    }

    @Override
    int run(ClusterStackRunner runner) {
        runner.plan();
        return ClusterStackCli.OK;
    }
}
