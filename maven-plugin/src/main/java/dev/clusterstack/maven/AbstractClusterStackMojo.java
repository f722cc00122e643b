package dev.clusterstack.maven;

import dev.clusterstack.build.ClusterStackRunner;
import dev.clusterstack.build.Setting;
import dev.clusterstack.build.SettingException;
import dev.clusterstack.build.StackBuildException;
import dev.clusterstack.build.StackBuildSettings;
import dev.clusterstack.core.helm.HelmException;
import dev.clusterstack.core.publish.Credentials;
import dev.clusterstack.core.problem.StackException;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What every goal shares: the definitions, the skip flags, and the mapping of the build layer's errors
 * to Maven failures (settings worded by {@link MavenWording}). A goal only reads its parameters into
 * {@link StackBuildSettings} and calls one method of {@link ClusterStackRunner}.
 */
abstract class AbstractClusterStackMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    protected PluginDescriptor plugin;

    @Parameter(defaultValue = "${settings}", readonly = true)
    private Settings mavenSettings;

    @Component
    private SettingsDecrypter settingsDecrypter;

    /**
     * The stack definition files, relative to the project folder. Default: the single
     * {@code src/main/clusterstack/stack.yaml}. On the command line: comma-separated.
     */
    @Parameter(property = PropertyNames.DEFINITIONS)
    protected List<File> definitions;

    /** Skips every goal of this plugin. */
    @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
    protected boolean skip;

    /** The goal name, as in {@code clusterstack:<goal>}. */
    protected abstract String goal();

    /** The goal's own skip flag and its property. */
    protected abstract boolean skipGoal();

    protected abstract String skipGoalProperty();

    /** Adds the goal's parameters. */
    protected abstract void configure(StackBuildSettings.Builder settings);

    /** Calls the runner and hands its result to Maven. */
    protected abstract void run(ClusterStackRunner runner) throws MojoExecutionException, MojoFailureException;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping clusterstack:" + goal() + " (" + PropertyNames.SKIP + "=true)");
            return;
        }
        if (skipGoal()) {
            getLog().info("Skipping clusterstack:" + goal() + " (" + skipGoalProperty() + "=true)");
            return;
        }
        // without a POM (a goal that requires no project) Maven's stand-in project has no folder: the current one
        Path base = project.getBasedir() != null ? project.getBasedir().toPath() : Path.of(session.getExecutionRootDirectory());
        String buildDirectory = project.getBuild().getDirectory();
        StackBuildSettings.Builder settings = StackBuildSettings.builder(base)
                .buildDirectory(buildDirectory == null || buildDirectory.contains("${") ? base.resolve("target")
                        : base.resolve(buildDirectory))
                .definitions(definitions == null ? null : definitions.stream().map(File::toPath).toList())
                .offline(session != null && session.isOffline())
                .toolFingerprint(toolFingerprint());
        try {
            configure(settings);
            @SuppressWarnings("unchecked")
            Map<String, Object> context = getPluginContext();
            run(new ClusterStackRunner(settings.build(), new MavenBuildLog(getLog()), MavenWording.INSTANCE).sharing(context));
        } catch (SettingException | StackException | StackBuildException | HelmException e) {
            throw new MojoFailureException(e.getMessage());
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    /** Registry credentials of {@code <server>} {@code serverId} in settings.xml ({@link ServerCredentials}), or null. */
    protected Credentials credentials(String serverId, Setting setting) {
        return ServerCredentials.of(mavenSettings, settingsDecrypter, serverId, setting);
    }

    /**
     * The plugin version and, for each jar of this project it runs, its size and time: a rebuilt SNAPSHOT plugin
     * invalidates up-to-date state. Not the jars' content: hashing them cost every goal about 0.1 s of a cold JVM.
     */
    private String toolFingerprint() {
        if (plugin == null) {
            return "unknown";
        }
        StringBuilder b = new StringBuilder(plugin.getId());
        Artifact self = plugin.getPluginArtifact();
        List<Artifact> artifacts = plugin.getArtifacts() == null ? List.of() : plugin.getArtifacts();
        for (Artifact a : artifacts) {
            if ("dev.clusterstack".equals(a.getGroupId())) {
                append(b, a);
            }
        }
        if (self != null && artifacts.stream().noneMatch(a -> a.getArtifactId().equals(self.getArtifactId()))) {
            append(b, self);
        }
        return b.toString();
    }

    private static void append(StringBuilder b, Artifact a) {
        b.append(' ').append(a.getArtifactId()).append(':').append(a.getVersion());
        Path file = a.getFile() == null ? null : a.getFile().toPath();
        try {
            if (file != null && Files.isRegularFile(file)) {
                b.append('@').append(Files.size(file)).append(':').append(Files.getLastModifiedTime(file).toMillis());
            }
        } catch (IOException e) {
            b.append("@unknown");
        }
    }
}
