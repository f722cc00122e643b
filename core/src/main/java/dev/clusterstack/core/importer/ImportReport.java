package dev.clusterstack.core.importer;

import java.nio.file.Path;
import java.util.List;

/**
 * What an import wrote and what it could not carry over.
 *
 * @param definition the written {@code stack.yaml}
 * @param report     the written Markdown report
 * @param files      every file written, the definition and the report included
 * @param findings   what differs from the original or needs a look, in the order found
 */
public record ImportReport(Path definition, Path report, List<Path> files, List<Finding> findings) {
    public ImportReport {
        files = List.copyOf(files);
        findings = List.copyOf(findings);
    }

    /** How much a finding matters. */
    public enum Kind {
        /** Part of the original is not in the definition: the generated release differs there. */
        NOT_CARRIED_OVER,
        /** Carried over exactly, but probably not what the author meant. */
        WARNING,
        /** The generated release differs only in a way the operator and Cluster API treat alike. */
        NORMALISED
    }

    /**
     * One finding.
     *
     * @param kind    how much it matters
     * @param where   the original file (relative to the stack folder), and where in it
     * @param message what and why
     */
    public record Finding(Kind kind, String where, String message) {
    }

    /** The findings of one kind. */
    public List<Finding> findings(Kind kind) {
        return findings.stream().filter(f -> f.kind() == kind).toList();
    }
}
