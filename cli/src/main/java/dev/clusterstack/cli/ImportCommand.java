package dev.clusterstack.cli;

import dev.clusterstack.build.ClusterStackRunner;
import dev.clusterstack.build.StackBuildSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.concurrent.Callable;

/** {@code clusterstack import}: the plugin's {@code import} goal. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {"Imports a hand-written cluster stack in csctl's layout (csctl.yaml, the cluster-class chart,"
                + " cluster-addon/; or a per-version folder with metadata.yaml) into a stack project: writes"
                + " src/main/clusterstack/stack.yaml with its text files, and target/clusterstack-import/report.md with"
                + " everything not carried over exactly. Exit 1 when the source cannot be imported; nothing is written then."})
final class ImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "The stack folder to import.")
    Path source;

    @Option(names = "--project", defaultValue = ".", paramLabel = "DIR",
            description = "The stack project folder to import into (created when missing).")
    Path project;

    @Option(names = "--overwrite", description = "Replace the project's stack definition if it has one.")
    boolean overwrite;

    @Option(names = {"-q", "--quiet"}, description = "Print warnings and errors only.")
    boolean quiet;

    @Option(names = "--verbose", description = "Print every finding of the report too.")
    boolean verbose;

    @Override
    public Integer call() {
        Path folder = StackCommand.absolute(project);
        StackBuildSettings settings = StackBuildSettings.builder(folder).offline(true).build();
        ConsoleLog log = new ConsoleLog(spec.commandLine().getOut(), spec.commandLine().getErr(), verbose, quiet);
        new ClusterStackRunner(settings, log, CliWording.INSTANCE).sharing(new HashMap<>())
                .importStack(StackCommand.absolute(source), overwrite);
        return ClusterStackCli.OK;
    }
}
