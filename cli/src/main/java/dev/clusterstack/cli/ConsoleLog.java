package dev.clusterstack.cli;

import dev.clusterstack.build.BuildLog;

import java.io.PrintWriter;

/** Progress on standard output, warnings on standard error; debug lines only with {@code --verbose}. */
record ConsoleLog(PrintWriter out, PrintWriter err, boolean verbose, boolean quiet) implements BuildLog {
    @Override
    public void info(String message) {
        if (!quiet) {
            out.println(message);
            out.flush();
        }
    }

    @Override
    public void warn(String message) {
        err.println("warning: " + message);
        err.flush();
    }

    @Override
    public void debug(String message) {
        if (verbose) {
            out.println(message);
            out.flush();
        }
    }
}
