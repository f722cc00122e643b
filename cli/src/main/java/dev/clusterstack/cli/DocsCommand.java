package dev.clusterstack.cli;

import dev.clusterstack.build.ClusterStackRunner;
import dev.clusterstack.build.StackBuildSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code clusterstack docs}: the plugin's {@code docs} goal. */
@Command(name = "docs", description = {"Writes a Markdown reference of each stack's ClusterClass variables,"
        + " one section per Kubernetes version, to <docs directory>/<provider>-<name>.md."})
final class DocsCommand extends StackCommand {

    @Option(names = "--docs-directory", paramLabel = "DIR",
            description = "Where the Markdown files go. Default: <build directory>/cluster-stack-docs.")
    Path docsDirectory;

    @Override
    void configure(StackBuildSettings.Builder settings) {
        settings.docsDirectory(absolute(docsDirectory));
    }

    @Override
    int run(ClusterStackRunner runner) {
        runner.docs();
        return ClusterStackCli.OK;
    }
}
