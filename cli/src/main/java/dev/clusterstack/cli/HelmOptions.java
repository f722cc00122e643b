package dev.clusterstack.cli;

import dev.clusterstack.build.StackBuildSettings;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options of the commands that run Helm: where charts are cached, and which extra CAs Helm trusts. */
final class HelmOptions {
    @Option(names = "--chart-cache", defaultValue = "${sys:user.home}/.m2/repository/.cache/clusterstack/charts",
            paramLabel = "DIR", description = "Keeps fetched charts, so that rebuilds (and --offline) need no network;"
            + " shared with the Maven plugin.")
    Path chartCache;

    @Option(names = "--ca-certificates", paramLabel = "PEM",
            description = "Extra CA certificates Helm trusts for chart repositories and registries.")
    Path caCertificates;

    void configure(StackBuildSettings.Builder settings) {
        settings.chartCache(StackCommand.absolute(chartCache)).caCertificates(StackCommand.absolute(caCertificates));
    }
}
