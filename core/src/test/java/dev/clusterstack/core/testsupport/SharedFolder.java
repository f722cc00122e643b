package dev.clusterstack.core.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The {@code shared/} folder beside the project (CRDs, reference stacks, specs). Surefire sets the system property
 * {@code clusterstack.shared}; from a module folder the fallback is {@code ../../shared}.
 */
public final class SharedFolder {

  public static final String PROPERTY = "clusterstack.shared";

  private SharedFolder() {
  }

  /** The shared folder, if it exists. */
  public static Optional<Path> shared() {
    Path path = Path.of(System.getProperty(PROPERTY, "../../shared")).toAbsolutePath().normalize();
    return Files.isDirectory(path) ? Optional.of(path) : Optional.empty();
  }

  /**
   * {@code shared/<relative>}, or skips the calling test (JUnit assumption) with a message naming the missing folder.
   *
   * @param relative e.g. {@code crds} or {@code reference/cluster-stacks}
   */
  public static Path sharedOrSkip(String relative) {
    Path base = Path.of(System.getProperty(PROPERTY, "../../shared")).toAbsolutePath().normalize();
    Path path = base.resolve(relative).normalize();
    if (!Files.exists(path)) {
      Assumptions.assumeTrue(false, path + " not found (" + PROPERTY + "=" + System.getProperty(PROPERTY)
          + "): test skipped");
    }
    return path;
  }
}
