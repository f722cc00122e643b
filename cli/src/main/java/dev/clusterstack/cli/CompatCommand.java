package dev.clusterstack.cli;

import dev.clusterstack.build.ClusterStackRunner;
import dev.clusterstack.build.StackBuildSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code clusterstack compat}: the plugin's {@code compat} goal. */
@Command(name = "compat", description = {"Upgrade safety: compares every release of the last build with the releases"
        + " clusters upgrade from in the baseline (the previous release of the same Kubernetes minor and the latest of the"
        + " previous minor), or any two release folders or cluster-class charts (--older, --newer). Cluster API's rebase"
        + " rules are errors; the variable rules follow the definition's compatibility section (strict without one)."
        + " Exit 1 when clusters could not upgrade; release notes go beside the release folders."})
final class CompatCommand extends StackCommand {

    @Option(names = "--older", paramLabel = "DIR|TGZ",
            description = "The release folder or cluster-class chart clusters upgrade from (with --newer).")
    Path older;

    @Option(names = "--newer", paramLabel = "DIR|TGZ",
            description = "The release folder or cluster-class chart clusters upgrade to (with --older).")
    Path newer;

    @Mixin
    CompatOptions compat;

    @Override
    void configure(StackBuildSettings.Builder settings) {
        settings.compatOlder(absolute(older)).compatNewer(absolute(newer));
        compat.configure(settings);
    }

    @Override
    int run(ClusterStackRunner runner) {
        runner.compat();
        return ClusterStackCli.OK;
    }
}
