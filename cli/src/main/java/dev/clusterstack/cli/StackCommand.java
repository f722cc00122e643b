package dev.clusterstack.cli;

import dev.clusterstack.build.ClusterStackRunner;
import dev.clusterstack.build.StackBuildSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * What every command shares: the stack folder, the definitions, the build folder, offline, and the
 * runner of the build layer. Option paths are relative to the current folder; definitions and the
 * defaults ({@code target/...}) are relative to the stack folder, as in a Maven project.
 */
@Command(mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true)
abstract class StackCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", defaultValue = ".", paramLabel = "STACK_FOLDER",
            description = "The stack project folder (as a Maven project's folder).")
    Path stackFolder;

    @Option(names = "--definitions", split = ",", paramLabel = "FILE",
            description = "Stack definition files, relative to the stack folder, comma-separated."
                    + " Default: src/main/clusterstack/stack.yaml.")
    List<Path> definitions;

    @Option(names = "--build-directory", defaultValue = "target", paramLabel = "DIR",
            description = "The build folder, relative to the stack folder; it keeps the up-to-date state.")
    Path buildDirectory;

    @Option(names = "--offline", description = "Use no network (charts come from the chart cache).")
    boolean offline;

    @Option(names = {"-q", "--quiet"}, description = "Print warnings and errors only.")
    boolean quiet;

    @Option(names = "--verbose", description = "Print debug lines too.")
    boolean verbose;

    /** Adds the command's options to the settings. */
    abstract void configure(StackBuildSettings.Builder settings);

    /** Runs the command; returns the exit code. */
    abstract int run(ClusterStackRunner runner);

    @Override
    public Integer call() {
        Path project = stackFolder.toAbsolutePath().normalize();
        StackBuildSettings.Builder settings = StackBuildSettings.builder(project)
                .buildDirectory(project.resolve(buildDirectory))
                .definitions(definitions)
                .offline(offline)
                .toolFingerprint(toolFingerprint());
        configure(settings);
        ConsoleLog log = new ConsoleLog(spec.commandLine().getOut(), spec.commandLine().getErr(), verbose, quiet);
        return run(new ClusterStackRunner(settings.build(), log, CliWording.INSTANCE).sharing(new HashMap<>()));
    }

    /** An option's path: relative to the current folder, as a shell user expects. */
    static Path absolute(Path p) {
        return p == null ? null : p.toAbsolutePath().normalize();
    }

    /** The version and, for a jar, its size and time: a rebuilt SNAPSHOT jar invalidates up-to-date state. */
    private static String toolFingerprint() {
        StringBuilder b = new StringBuilder("clusterstack-cli:").append(ClusterStackCli.version());
        try {
            Path self = Path.of(ClusterStackCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(self)) {
                b.append('@').append(Files.size(self)).append(':').append(Files.getLastModifiedTime(self).toMillis());
            }
        } catch (Exception e) {
            b.append("@unknown");
        }
        return b.toString();
    }
}
