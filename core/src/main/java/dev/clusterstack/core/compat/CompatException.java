package dev.clusterstack.core.compat;

/** Input the comparison cannot use (an unreadable baseline, a partial release, a foreign predecessor); the message names it. */
public final class CompatException extends RuntimeException {

    public CompatException(String message) {
        super(message);
    }

    public CompatException(String message, Throwable cause) {
        super(message, cause);
    }
}
