package dev.clusterstack.maven;

import dev.clusterstack.build.ClusterStackRunner;
import dev.clusterstack.build.Setting;
import dev.clusterstack.build.SettingException;
import dev.clusterstack.build.StackBuildSettings;
import dev.clusterstack.core.release.OciPublisher;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

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

    @Parameter(defaultValue = "${settings}", readonly = true)
    private Settings settings;

    @Component
    private SettingsDecrypter settingsDecrypter;

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
        builder.publishRepository(repository).publishCredentials(credentials()).plainHttp(plainHttp);
    }

    @Override
    protected void run(ClusterStackRunner runner) throws MojoExecutionException {
        runner.publish();
    }

    private OciPublisher.Credentials credentials() {
        if (serverId == null || serverId.isBlank()) {
            return null;
        }
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server == null) {
            throw credentialsError("there is no <server> with id '" + serverId + "' in settings.xml");
        }
        if (settingsDecrypter != null) {
            SettingsDecryptionResult result = settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
            for (SettingsProblem problem : result.getProblems()) {
                if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                    throw credentialsError("cannot decrypt the password of <server> '" + serverId + "': "
                            + problem.getMessage());
                }
            }
            if (result.getServer() != null) {
                server = result.getServer();
            }
        }
        if (server.getUsername() == null || server.getPassword() == null) {
            throw credentialsError("<server> '" + serverId + "' in settings.xml needs a <username> and a <password>");
        }
        return new OciPublisher.Credentials(server.getUsername(), server.getPassword());
    }

    private static SettingException credentialsError(String problem) {
        return new SettingException(Setting.PUBLISH_CREDENTIALS, problem, MavenWording.INSTANCE);
    }
}
