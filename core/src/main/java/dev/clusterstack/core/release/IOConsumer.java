package dev.clusterstack.core.release;

import java.io.IOException;

/**
 * A consumer that may throw {@link IOException}, for callbacks that write files.
 *
 * @param <T> the argument type
 */
@FunctionalInterface
public interface IOConsumer<T> {

    /**
     * Performs this operation.
     *
     * @param value the argument
     * @throws IOException if writing fails
     */
    void accept(T value) throws IOException;
}
