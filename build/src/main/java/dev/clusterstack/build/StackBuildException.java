package dev.clusterstack.build;

/**
 * The build cannot go on because of the user's input (a definition, a release that fails
 * verification, a chart that cannot be fetched). The message says everything: it is shown without a
 * stack trace.
 */
public final class StackBuildException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StackBuildException(String message) {
        super(message, null, false, false);
    }
}
