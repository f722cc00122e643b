package dev.clusterstack.cli;

import dev.clusterstack.build.SettingException;
import dev.clusterstack.build.StackBuildException;
import dev.clusterstack.core.helm.HelmException;
import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.problem.StackException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The command {@code clusterstack}: builds, verifies, documents and publishes cluster stacks from the
 * command line with the same build layer as the Maven goals. Exit codes: {@value #OK} done,
 * {@value #STACK_ERROR} the stack is wrong (every problem as {@code file:line:col: error: path: message}),
 * {@value #USAGE_ERROR} a wrong option or setting.
 */
@Command(name = "clusterstack", mixinStandardHelpOptions = true, versionProvider = ClusterStackCli.Version.class,
        subcommands = {BuildCommand.class, VerifyCommand.class, PlanCommand.class, CompatCommand.class, DocsCommand.class, PublishCommand.class,
                ImportCommand.class},
        description = "Turns a declarative cluster stack definition into the release folders the Cluster Stack"
                + " Operator consumes.",
        footer = {"", "Exit codes: 0 done, 1 the stack is wrong (problems with file:line:column), 2 a wrong option."})
public final class ClusterStackCli implements Runnable {
    /** Exit code: done. */
    public static final int OK = 0;
    /** Exit code: the stack (definition, release, chart) is wrong. */
    public static final int STACK_ERROR = 1;
    /** Exit code: a wrong command, option or setting. */
    public static final int USAGE_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), args));
    }

    /** Runs the command with the given streams and returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new ClusterStackCli());
        cli.setOut(out).setErr(err).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> failure(e, commandLine.getErr()));
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** No command: the usage. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: build, verify, docs or publish");
    }

    /** Prints a failure the user can act on, without a stack trace, and returns its exit code. */
    static int failure(Exception e, PrintWriter err) throws Exception {
        if (e instanceof StackException s) {
            err.println(s.getMessage().lines().findFirst().orElse(""));
            for (Problem p : s.problems()) {
                err.println(p);
            }
            return STACK_ERROR;
        }
        if (e instanceof SettingException s) {
            err.println("error: " + s.getMessage());
            err.println("Run 'clusterstack <command> --help' for the options.");
            return USAGE_ERROR;
        }
        if (e instanceof StackBuildException || e instanceof HelmException || e instanceof UncheckedIOException) {
            err.println("error: " + e.getMessage());
            return STACK_ERROR;
        }
        throw e;
    }

    /** The version of this build ({@code clusterstack-cli.properties}). */
    static String version() {
        try (InputStream in = ClusterStackCli.class.getResourceAsStream("/clusterstack-cli.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"clusterstack " + version(), "Java " + System.getProperty("java.version")};
        }
    }
}
