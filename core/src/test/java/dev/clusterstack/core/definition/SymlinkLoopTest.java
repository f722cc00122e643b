package dev.clusterstack.core.definition;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A stack folder that is a loop of symbolic links is reported as a loop, not as a missing file. */
class SymlinkLoopTest {
    @Test
    void aFolderLinkedToItselfIsALoop(@TempDir Path dir) throws IOException {
        Path stack = Files.createSymbolicLink(dir.resolve("clusterstack"), Path.of("clusterstack"));
        assertEquals(Optional.of(stack), YamlSource.symlinkLoop(stack.resolve("stack.yaml")));
        assertEquals(List.of("error: src/main/clusterstack/stack.yaml cannot be reached: the symbolic link " + stack
                + " leads into a loop of links"), Definitions.printed(stack.resolve("stack.yaml"), "src/main/clusterstack/stack.yaml"));
    }

    @Test
    void twoLinksPointingAtEachOtherAreALoop(@TempDir Path dir) throws IOException {
        Path a = Files.createSymbolicLink(dir.resolve("a"), Path.of("b/inner"));
        Files.createSymbolicLink(dir.resolve("b"), Path.of("a"));
        assertEquals(Optional.of(a), YamlSource.symlinkLoop(a.resolve("stack.yaml")));
    }

    @Test
    void linksWithoutALoopAndMissingFilesAreNoLoop(@TempDir Path dir) throws IOException {
        Path real = Files.createDirectories(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("real"));
        Files.createSymbolicLink(dir.resolve("chain"), Path.of("link"));
        Files.writeString(real.resolve("stack.yaml"), "provider: x\n");
        assertEquals(Optional.empty(), YamlSource.symlinkLoop(dir.resolve("chain/stack.yaml")));
        assertEquals(Optional.empty(), YamlSource.symlinkLoop(link.resolve("missing.yaml")));
        assertEquals(List.of("error: file not found: missing.yaml"), Definitions.printed(link.resolve("missing.yaml"),
                "missing.yaml"));
    }
}
