package dev.clusterstack.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildStateTest {

    @Test
    void roundTripAndUpToDateOnlyWithSameKeyAndIntactOutputs(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("with space/out.tgz");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "content");
        Path file = dir.resolve("state/package.state");
        new BuildState("k1", List.of("release a b " + dir), Map.of(out, BuildState.sha256(out))).write(file);

        BuildState read = BuildState.read(file);

        assertEquals("k1", read.key());
        assertEquals(List.of("release a b " + dir), read.entries());
        assertEquals(Map.of(out, BuildState.sha256(out)), read.outputs());
        assertTrue(read.upToDate("k1"));
        assertFalse(read.upToDate("k2"));
        Files.writeString(out, "changed");
        assertFalse(read.upToDate("k1"));
        Files.delete(out);
        assertFalse(read.upToDate("k1"));
    }

    @Test
    void missingStateIsNoState(@TempDir Path dir) {
        assertNull(BuildState.read(dir.resolve("none.state")));
    }
}
