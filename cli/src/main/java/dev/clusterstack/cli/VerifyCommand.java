package dev.clusterstack.cli;

import dev.clusterstack.build.ClusterStackRunner;
import dev.clusterstack.build.StackBuildSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** {@code clusterstack verify}: the plugin's {@code verify} goal. */
@Command(name = "verify", description = {"Checks every release folder of the last build as the Cluster Stack Operator"
        + " will use it: contract names and files, helm lint --strict, helm template with no values, class references,"
        + " the addon archive, and CRD schemas when --crds are given; then upgrade safety against the releases in the"
        + " baseline, as the compat command."})
final class VerifyCommand extends StackCommand {

    @Option(names = "--crds", split = ",", paramLabel = "PATH",
            description = "CRD files or folders of the management cluster, comma-separated. None: no schema validation.")
    List<Path> crds;

    @Mixin
    HelmOptions helm;

    @Mixin
    CompatOptions compat;

    @Option(names = "--skip-compat", description = "Leave out the upgrade compatibility check (each release against the"
            + " releases clusters upgrade from).")
    boolean skipCompat;

    @Override
    void configure(StackBuildSettings.Builder settings) {
        settings.crds(crds == null ? null : crds.stream().map(StackCommand::absolute).toList());
        helm.configure(settings);
        compat.configure(settings);
        settings.compatSkip(skipCompat);
    }

    @Override
    int run(ClusterStackRunner runner) {
        runner.verify();
        return ClusterStackCli.OK;
    }
}
