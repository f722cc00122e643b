package dev.clusterstack.maven;

import dev.clusterstack.build.ClusterStackRunner;
import dev.clusterstack.build.StackBuildSettings;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;

/**
 * Imports a hand-written cluster stack in csctl's layout (a folder with {@code csctl.yaml}, the cluster-class chart
 * and {@code cluster-addon/}; or a per-version folder of the layout before csctl with {@code metadata.yaml}) into
 * this project: writes {@code src/main/clusterstack/stack.yaml} with the text files it needs beside it, and
 * {@code target/clusterstack-import/report.md} with everything not carried over exactly. Runs without a POM too, in
 * the current folder: {@code mvn dev.clusterstack:clusterstack-maven-plugin:import -Dclusterstack.import.source=<folder>}.
 * A project with a definition already is refused unless {@code -Dclusterstack.import.overwrite=true}.
 */
@Mojo(name = "import", requiresProject = false, threadSafe = true)
public class ImportMojo extends AbstractClusterStackMojo {

    /** The stack folder to import (required). Relative to the project folder, or the current folder without a POM. */
    @Parameter(property = PropertyNames.IMPORT_SOURCE)
    private File source;

    /** Replace the project's stack definition if it has one (otherwise the import refuses and writes nothing). */
    @Parameter(property = PropertyNames.IMPORT_OVERWRITE, defaultValue = "false")
    private boolean overwrite;

    /** Skips this goal. */
    @Parameter(property = PropertyNames.IMPORT_SKIP, defaultValue = "false")
    private boolean skipImport;

    @Override
    protected String goal() {
        return "import";
    }

    @Override
    protected boolean skipGoal() {
        return skipImport;
    }

    @Override
    protected String skipGoalProperty() {
        return PropertyNames.IMPORT_SKIP;
    }

    @Override
    protected void configure(StackBuildSettings.Builder settings) {
        // the source and overwrite are the step's arguments
    }

    @Override
    protected void run(ClusterStackRunner runner) {
        runner.importStack(source == null ? null : source.toPath(), overwrite);
    }
}
