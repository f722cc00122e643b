package dev.clusterstack.maven;

import dev.clusterstack.build.ClusterStackRunner;
import dev.clusterstack.build.StackBuildSettings;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;

/**
 * Writes a Markdown reference of each stack's ClusterClass variables (name, type, default, required,
 * description, the patches that use it), one section per Kubernetes version, to
 * {@code <docsDirectory>/<provider>-<name>.md}. Only changed files are written.
 */
@Mojo(name = "docs", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class DocsMojo extends AbstractClusterStackMojo {

    /** Where the Markdown files go. */
    @Parameter(property = PropertyNames.DOCS_DIRECTORY, defaultValue = "${project.build.directory}/cluster-stack-docs")
    private File docsDirectory;

    /** Skips this goal. */
    @Parameter(property = PropertyNames.DOCS_SKIP, defaultValue = "false")
    private boolean skipDocs;

    @Override
    protected String goal() {
        return "docs";
    }

    @Override
    protected boolean skipGoal() {
        return skipDocs;
    }

    @Override
    protected String skipGoalProperty() {
        return PropertyNames.DOCS_SKIP;
    }

    @Override
    protected void configure(StackBuildSettings.Builder settings) {
        settings.docsDirectory(docsDirectory == null ? null : docsDirectory.toPath());
    }

    @Override
    protected void run(ClusterStackRunner runner) {
        runner.docs();
    }
}
