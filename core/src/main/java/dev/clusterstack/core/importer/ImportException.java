package dev.clusterstack.core.importer;

import java.util.List;

/**
 * The stack cannot be imported: not a csctl stack folder, a chart Helm cannot render, templates that call
 * {@code lookup} or need values the stack does not provide, a target project with a definition already. Every
 * message names the file. Nothing was written.
 */
public class ImportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ImportException(List<String> problems) {
        super(problems.size() == 1 ? "cannot import the cluster stack: " + problems.get(0)
                : problems.size() + " problems, cannot import the cluster stack:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public ImportException(String problem) {
        this(List.of(problem));
    }

    /** Each problem, naming its file. */
    public List<String> problems() {
        return problems;
    }
}
