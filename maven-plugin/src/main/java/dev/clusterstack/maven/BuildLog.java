package dev.clusterstack.maven;

/** Where the runner reports progress; the Maven goals pass their {@code Log}. */
public interface BuildLog {
    void info(String message);

    void warn(String message);

    void debug(String message);
}
