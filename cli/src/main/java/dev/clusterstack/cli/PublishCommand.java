package dev.clusterstack.cli;

import dev.clusterstack.build.ClusterStackRunner;
import dev.clusterstack.build.Setting;
import dev.clusterstack.build.StackBuildSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code clusterstack publish}: the plugin's {@code publish} goal. */
@Command(name = "publish", description = {"Pushes every release folder of the last build to an OCI registry as csctl"
        + " does: one artifact per release, tagged <provider>-<name>-<maj>-<min>-<version>. An existing tag is never"
        + " overwritten."})
final class PublishCommand extends StackCommand {
    /** The environment variable with the registry password or token. */
    static final String PASSWORD_VARIABLE = "CLUSTERSTACK_REGISTRY_PASSWORD";

    @Option(names = "--repository", paramLabel = "oci://HOST[:PORT]/PATH", description = "The OCI repository to push to.")
    String repository;

    @Option(names = "--username", paramLabel = "NAME",
            description = "User name at the registry; the password or token comes from $" + PASSWORD_VARIABLE
                    + ". Unset: anonymous.")
    String username;

    @Option(names = "--plain-http", description = "Talk plain HTTP to the registry instead of HTTPS (a local test registry).")
    boolean plainHttp;

    @Override
    void configure(StackBuildSettings.Builder settings) {
        settings.publishRepository(repository)
                .publishCredentials(EnvironmentCredentials.of(username, PASSWORD_VARIABLE, Setting.PUBLISH_CREDENTIALS))
                .plainHttp(plainHttp);
    }

    @Override
    int run(ClusterStackRunner runner) {
        runner.publish();
        return ClusterStackCli.OK;
    }
}
