package dev.clusterstack.core.definition;

import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.problem.StackException;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Test definitions under {@code src/test/resources/definition}, loaded with their relative name as display name. */
public final class Definitions {
    private Definitions() {
    }

    /** The folder {@code definition} of the test resources. */
    public static Path dir() {
        try {
            return Path.of(Definitions.class.getResource("/definition").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads a definition that must be rejected and returns its problems. */
    public static List<Problem> rejected(String relative) {
        return assertThrows(StackException.class, () -> StackDefinition.load(dir().resolve(relative), relative),
                relative + " should be rejected").problems();
    }

    /** As {@link #rejected(String)}, each problem as printed: {@code file:line:column: error: path: message}. */
    public static List<String> printed(String relative) {
        return rejected(relative).stream().map(Problem::toString).toList();
    }

    /** Loads a definition from any path, showing it as {@code shown}, that must be rejected. */
    public static List<String> printed(Path file, String shown) {
        return assertThrows(StackException.class, () -> StackDefinition.load(file, shown), shown + " should be rejected")
                .problems().stream().map(Problem::toString).toList();
    }
}
