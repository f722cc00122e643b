package dev.clusterstack.core.validate;

import dev.clusterstack.core.problem.Problem;

import java.util.ArrayList;
import java.util.List;

/**
 * The one problem collector the rule classes of {@link StackValidator} share: problems in the order
 * found, each tagged with the Kubernetes version being checked ({@code null} for the whole stack).
 */
final class Problems {
    /** Suffix of every message of a rule that is this project's own and not Cluster API's. */
    static final String OWN_RULE = " (a clusterstack rule, not Cluster API's)";

    private final List<Problem> found = new ArrayList<>();
    private String version;

    void version(String value) {
        version = value;
    }

    void error(String path, String message) {
        found.add(Problem.error(path, message).forVersion(version));
    }

    void warning(String path, String message) {
        found.add(Problem.warning(path, message).forVersion(version));
    }

    /** Adds a problem found by a rule class that returns its own, for the version being checked. */
    void add(Problem p) {
        found.add(p.forVersion(version));
    }

    /** Whether a list entry is there; an empty one ({@code - ~} in YAML, {@code null} in Java) is an error. */
    boolean present(Object entry, String path) {
        if (entry == null) {
            error(path, "empty entry");
            return false;
        }
        return true;
    }

    /** Reports a Go template syntax error of {@code text}. */
    void goTemplate(String text, String path) {
        GoTemplates.check(text).ifPresent(e -> error(path, "not a valid Go template: " + e));
    }

    int errorCount() {
        return (int) found.stream().filter(Problem::isError).count();
    }

    List<Problem> list() {
        return List.copyOf(found);
    }
}
