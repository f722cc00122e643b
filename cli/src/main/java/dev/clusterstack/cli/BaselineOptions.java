package dev.clusterstack.cli;

import dev.clusterstack.build.Setting;
import dev.clusterstack.build.StackBuildSettings;
import dev.clusterstack.core.publish.OciRepository;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The previous releases: stable versions count on from them, the compatibility check compares with them. */
final class BaselineOptions {
    /** The environment variable with the password or token of a registry baseline. */
    static final String BASELINE_PASSWORD_VARIABLE = "CLUSTERSTACK_BASELINE_PASSWORD";

    @Option(names = "--baseline", paramLabel = "DIR|oci://HOST[:PORT]/PATH",
            description = "The previous releases (stable mode counts on from them, clusters upgrade from them): a folder,"
                    + " or an OCI repository whose latest release of each Kubernetes minor is read into"
                    + " <build directory>/clusterstack/baseline-cache/ (offline: that cache is used). Default: the output"
                    + " folder.")
    String baseline;

    @Option(names = "--baseline-username", paramLabel = "NAME",
            description = "User name at a registry baseline; the password or token comes from $" + BASELINE_PASSWORD_VARIABLE
                    + ". Unset: anonymous.")
    String baselineUsername;

    @Option(names = "--baseline-plain-http", description = "Read a registry baseline over plain HTTP instead of HTTPS"
            + " (a local test registry).")
    boolean baselinePlainHttp;

    void configure(StackBuildSettings.Builder settings) {
        settings.baseline(baseline == null || baseline.isBlank() || OciRepository.isOciAddress(baseline) ? baseline
                        : StackCommand.absolute(Path.of(baseline)).toString())
                .baselineCredentials(EnvironmentCredentials.of(baselineUsername, BASELINE_PASSWORD_VARIABLE,
                        Setting.BASELINE_CREDENTIALS))
                .baselinePlainHttp(baselinePlainHttp);
    }
}
