package dev.clusterstack.build;

/** Where the runner reports progress: Maven's log, the console of the command line. */
public interface BuildLog {
    void info(String message);

    void warn(String message);

    void debug(String message);
}
