package dev.clusterstack.maven;

import dev.clusterstack.build.ClusterStackRunner;
import dev.clusterstack.build.StackBuildSettings;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;

/**
 * Upgrade safety on its own: compares each release of this build (the last {@code package} run) with the releases
 * clusters upgrade from in {@code <baseline>} (the previous release of the same Kubernetes minor and the latest of
 * the previous minor), as {@code verify} does; or any two release folders or cluster-class charts (folder or
 * {@code .tgz}, hand-written ones too), without a project:
 * {@code mvn clusterstack:compat -Dclusterstack.compat.older=<old> -Dclusterstack.compat.newer=<new>}.
 * Cluster API's rebase rules are errors; the variable rules follow the definition's {@code compatibility:} section
 * (strict without one). An error fails the build naming the variable or field, the rule and the test clusters it
 * concerns; the release notes go to {@code <notesDirectory>}, never into a release folder.
 */
@Mojo(name = "compat", defaultPhase = LifecyclePhase.VERIFY, requiresProject = false, threadSafe = true)
public class CompatMojo extends AbstractCompatMojo {

    /** The older release folder or cluster-class chart (with {@code <newer>}): the one clusters upgrade from. */
    @Parameter(property = PropertyNames.COMPAT_OLDER)
    private File older;

    /** The newer release folder or cluster-class chart (with {@code <older>}): the one clusters upgrade to. */
    @Parameter(property = PropertyNames.COMPAT_NEWER)
    private File newer;

    @Override
    protected String goal() {
        return "compat";
    }

    @Override
    protected boolean skipGoal() {
        return skipCompat;
    }

    @Override
    protected String skipGoalProperty() {
        return PropertyNames.COMPAT_SKIP;
    }

    @Override
    protected void configure(StackBuildSettings.Builder settings) {
        settings.compatOlder(older == null ? null : older.toPath())
                .compatNewer(newer == null ? null : newer.toPath());
        configureCompat(settings);
    }

    @Override
    protected void run(ClusterStackRunner runner) {
        runner.compat();
    }
}
