package dev.clusterstack.maven;

import dev.clusterstack.build.ClusterStackRunner;
import dev.clusterstack.build.Setting;
import dev.clusterstack.build.StackBuildSettings;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Pushes every release folder of this build (the last {@code package} run) to an OCI registry as
 * {@code csctl publish} does: one artifact per release, tagged {@code <provider>-<name>-<maj>-<min>-<version>}
 * ({@code v0-sha-xxxxxxx} for hash versions), artifact type {@code application/vnd.scs.cluster-stacks.v1},
 * one layer per file. A tag that exists already is refused, never overwritten. Not bound to a phase:
 * bind it to {@code deploy} in the POM, or run {@code clusterstack:publish} after {@code package}.
 */
@Mojo(name = "publish", threadSafe = true)
public class PublishMojo extends AbstractClusterStackMojo {

    /** The OCI repository to push to, {@code oci://host[:port]/path}, e.g. {@code oci://ghcr.io/acme/cluster-stacks}. */
    @Parameter(property = PropertyNames.PUBLISH_REPOSITORY)
    private String repository;

    /**
     * The id of a {@code <server>} in {@code settings.xml} whose {@code <username>} and {@code <password>}
     * (encrypted ones are decrypted) authenticate at the registry. Unset: anonymous.
     */
    @Parameter(property = PropertyNames.PUBLISH_SERVER_ID)
    private String serverId;

    /** Talks plain HTTP to the registry instead of HTTPS (a local test registry). */
    @Parameter(property = PropertyNames.PUBLISH_PLAIN_HTTP, defaultValue = "false")
    private boolean plainHttp;

    /** Skips this goal. */
    @Parameter(property = PropertyNames.PUBLISH_SKIP, defaultValue = "false")
    private boolean skipPublish;

    @Override
    protected String goal() {
        return "publish";
    }

    @Override
    protected boolean skipGoal() {
        return skipPublish;
    }

    @Override
    protected String skipGoalProperty() {
        return PropertyNames.PUBLISH_SKIP;
    }

    @Override
    protected void configure(StackBuildSettings.Builder builder) {
        builder.publishRepository(repository).publishCredentials(credentials(serverId, Setting.PUBLISH_CREDENTIALS))
                .plainHttp(plainHttp);
    }

    @Override
    protected void run(ClusterStackRunner runner) throws MojoExecutionException {
        runner.publish();
    }
}
