package dev.clusterstack.cli;

import dev.clusterstack.build.ClusterStackRunner;
import dev.clusterstack.build.StackBuildSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code clusterstack build}: the plugin's {@code generate} and {@code package} goals. */
@Command(name = "build", description = {"Validates the stack definitions, writes the unpackaged charts and builds one"
        + " release folder per definition and Kubernetes version, reproducibly. Nothing is written when nothing changed."})
final class BuildCommand extends StackCommand {
    @Option(names = "--output", paramLabel = "DIR", description = "Where the release folders go. Default: <build directory>/cluster-stacks.")
    Path output;

    @Option(names = "--charts-directory", paramLabel = "DIR",
            description = "Where the unpackaged charts go. Default: <build directory>/cluster-stacks-charts.")
    Path chartsDirectory;

    @Option(names = "--version-mode", defaultValue = "stable", paramLabel = "MODE",
            description = "How versions are chosen: stable (after the previous release in the baseline), hash or custom.")
    String versionMode;

    @Option(names = "--cluster-stack-version", paramLabel = "VERSION", description = "The clusterStack version in custom mode, e.g. v3.")
    String clusterStackVersion;

    @Option(names = "--cluster-addon-version", paramLabel = "VERSION", description = "The clusterAddon version in custom mode.")
    String clusterAddonVersion;

    @Option(names = "--node-image-version", paramLabel = "VERSION", description = "The nodeImage version in custom mode.")
    String nodeImageVersion;

    @Mixin
    BaselineOptions baseline;

    @Option(names = "--vendor-dependencies", description = "Fetch every addon chart's dependencies into the addon archive.")
    boolean vendorDependencies;

    @Mixin
    HelmOptions helm;

    @Option(names = "--output-timestamp", paramLabel = "TIME",
            description = "Entry time of every archive: ISO-8601 (2026-01-01T00:00:00Z) or seconds since 1970. Default: 1980-01-01.")
    String outputTimestamp;

    @Override
    void configure(StackBuildSettings.Builder settings) {
        settings.outputDirectory(absolute(output))
                .chartsDirectory(absolute(chartsDirectory))
                .versionMode(versionMode)
                .clusterStackVersion(clusterStackVersion)
                .clusterAddonVersion(clusterAddonVersion)
                .nodeImageVersion(nodeImageVersion)
                .vendorDependencies(vendorDependencies)
                .outputTimestamp(outputTimestamp);
        helm.configure(settings);
        baseline.configure(settings);
    }

    @Override
    int run(ClusterStackRunner runner) {
        runner.generate();
        runner.packageReleases(null);
        return ClusterStackCli.OK;
    }
}
