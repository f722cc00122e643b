package dev.clusterstack.core.problem;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A stack that cannot be built because of the user's input: carries every problem found, all at
 * once. Callers print {@link #getMessage()}; it is meant for humans and never needs a stack trace.
 */
public class StackException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public StackException(List<Problem> problems) {
        super(format(problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public StackException(String message) {
        this(List.of(Problem.error("", message)));
    }

    public List<Problem> problems() {
        return problems;
    }

    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    static String format(List<Problem> problems) {
        long errors = problems.stream().filter(Problem::isError).count();
        String head = errors == 1 ? "1 error" : errors + " errors";
        long warnings = problems.size() - errors;
        if (warnings > 0) {
            head += ", " + warnings + (warnings == 1 ? " warning" : " warnings");
        }
        return head + " in the cluster stack:\n" + problems.stream()
                .map(p -> "  " + p).collect(Collectors.joining("\n"));
    }
}
