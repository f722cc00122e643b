package dev.clusterstack.core.problem;

/**
 * Where something stands in a source file: 1-based line and column. {@code file} is the path as the
 * user knows it (relative to the project where possible).
 */
public record Location(String file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
