package dev.clusterstack.cli;

import dev.clusterstack.build.StackBuildSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options of the upgrade compatibility check: the baseline, the test clusters, the notes folder. */
final class CompatOptions {
    @Mixin
    BaselineOptions baseline;

    @Option(names = "--clusters", paramLabel = "DIR",
            description = "The test clusters: an error names those that set the variable at fault. Default: <stack folder>/"
                    + StackBuildSettings.DEFAULT_PLAN_CLUSTERS + ".")
    Path clusters;

    @Option(names = "--notes-directory", paramLabel = "DIR",
            description = "Where the release notes go. Default: cluster-stacks-notes beside the output folder.")
    Path notesDirectory;

    void configure(StackBuildSettings.Builder settings) {
        baseline.configure(settings);
        settings.planClusters(StackCommand.absolute(clusters)).notesDirectory(StackCommand.absolute(notesDirectory));
    }
}
