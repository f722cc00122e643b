package dev.clusterstack.core.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicDirectoryTest {

    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (var walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String rel = DirHash.slashPath(dir.relativize(p));
                files.put(rel, Files.isDirectory(p) ? "<dir>" : new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }

    private static List<String> hidden(Path parent) throws IOException {
        try (var list = Files.list(parent)) {
            return list.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).sorted().toList();
        }
    }

    /** The names in a folder, sorted; none if it does not exist. */
    private static List<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Path previousRelease(Path parent) throws IOException {
        Path target = parent.resolve("openstack-scs-1-32-v3");
        Files.createDirectories(target.resolve("sub"));
        Files.writeString(target.resolve("metadata.yaml"), "previous\n");
        Files.write(target.resolve("sub/chart.tgz"), new byte[] {1, 2, 3, (byte) 0x80});
        return target;
    }

    @Test
    void createsAndReplacesLeavingNothingHidden(@TempDir Path tmp) throws IOException {
        Path parent = tmp.resolve("release");
        Path target = parent.resolve("openstack-scs-1-32-v3");
        AtomicDirectory.replace(target, dir -> Files.writeString(dir.resolve("a"), "one\n"));
        assertEquals(Map.of("", "<dir>", "a", "one\n"), snapshot(target));

        AtomicDirectory.replace(target, dir -> {
            assertFalse(dir.equals(target));
            assertEquals(tmp.resolve(".release.staging"), dir.getParent(), "temporary folder is outside the output folder");
            assertEquals(List.of("openstack-scs-1-32-v3"), names(parent), "only the complete folder in the output folder");
            assertEquals(Map.of("", "<dir>", "a", "one\n"), snapshot(target), "old content visible while writing");
            Files.writeString(dir.resolve("b"), "two\n");
        });
        assertEquals(Map.of("", "<dir>", "b", "two\n"), snapshot(target));
        assertEquals(List.of("openstack-scs-1-32-v3"), names(parent));
        assertEquals(List.of("release"), names(tmp), "the staging folder is gone");
    }

    @Test
    void writerFailureKeepsPreviousFolderAndRemovesTemp(@TempDir Path root) throws IOException {
        Path tmp = root.resolve("out");
        Path target = previousRelease(tmp);
        Map<String, String> before = snapshot(target);
        IOException boom = new IOException("disk full halfway");
        IOException thrown = assertThrows(IOException.class, () -> AtomicDirectory.replace(target, dir -> {
            Files.writeString(dir.resolve("metadata.yaml"), "new\n");
            Files.createDirectories(dir.resolve("deep/er"));
            Files.writeString(dir.resolve("deep/er/x"), "x\n");
            throw boom;
        }));
        assertSame(boom, thrown, "the writer's exception is rethrown unchanged");
        assertEquals(before, snapshot(target));
        assertEquals(List.of(), hidden(tmp));
        assertEquals(List.of("out"), names(root), "the temporary folder is removed");

        assertThrows(UncheckedIOException.class, () -> AtomicDirectory.replace(target, dir -> {
            throw new UncheckedIOException(new IOException("unchecked"));
        }));
        assertEquals(before, snapshot(target));
        assertEquals(List.of(), hidden(tmp));
    }

    @Test
    void killedBuildLeavesOnlyThePreviousFolderAndCleanStaleRemovesTheStaging(@TempDir Path root) throws Exception {
        Path tmp = root.resolve("out");
        Path target = previousRelease(tmp);
        Map<String, String> before = snapshot(target);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                AtomicDirectoryKillChild.class.getName(), target.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertNotNull(line, "child ended before writing halfway");
            assertTrue(line.startsWith("HALFWAY "), line);
            Path childTemp = Path.of(line.substring("HALFWAY ".length()));
            assertTrue(Files.isRegularFile(childTemp.resolve("metadata.yaml")), "child wrote into its temp folder");
            assertEquals(root.resolve(".out.staging"), childTemp.getParent(), "the child stages outside the output folder");
            assertEquals(List.of("openstack-scs-1-32-v3"), names(tmp), "while it writes, the output folder holds only the previous folder");
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        assertEquals(before, snapshot(target), "target untouched by the killed build");
        assertEquals(List.of("openstack-scs-1-32-v3"), names(tmp), "nothing of the killed build in the output folder");
        assertEquals(1, names(root.resolve(".out.staging")).size(), "the killed build left its temporary folder in the staging folder");

        List<Path> cleaned = AtomicDirectory.cleanStale(tmp);
        assertEquals(1, cleaned.size());
        assertEquals(List.of("out"), names(root), "the staging folder is removed");
        assertEquals(before, snapshot(target));
    }

    @Test
    void cleanStaleRestoresOldFolderWhenKilledBetweenTheRenames(@TempDir Path root) throws IOException {
        Path tmp = root.resolve("out");
        Path target = previousRelease(tmp);
        Map<String, String> before = snapshot(target);
        // the state after "rename target away" and before "rename temp to target"
        Path staging = Files.createDirectory(root.resolve(".out.staging"));
        Files.move(target, staging.resolve("openstack-scs-1-32-v3.old"));
        Path temp = Files.createDirectory(staging.resolve("openstack-scs-1-32-v3.tmp-0123456789abcdef"));
        Files.writeString(temp.resolve("metadata.yaml"), "complete but never moved\n");
        Path unrelated = Files.createDirectory(tmp.resolve(".git"));

        assertEquals(2, AtomicDirectory.cleanStale(tmp).size());
        assertEquals(before, snapshot(target));
        assertEquals(List.of(".git"), hidden(tmp), "entries of others are left alone");
        assertTrue(Files.isDirectory(unrelated));
        assertEquals(List.of("out"), names(root));
    }

    @Test
    void cleanStaleRemovesWhatEarlierVersionsLeftInTheOutputFolder(@TempDir Path root) throws IOException {
        Path tmp = root.resolve("out");
        Path target = previousRelease(tmp);
        Map<String, String> before = snapshot(target);
        Files.move(target, tmp.resolve(".openstack-scs-1-32-v3.atomic-old"));
        Files.createDirectory(tmp.resolve(".openstack-scs-1-32-v3.atomic-tmp-0123456789abcdef"));
        Files.createDirectories(tmp.resolve(".staging-123/docker-scs-1-32"));
        Files.createDirectory(tmp.resolve(".git"));

        assertEquals(3, AtomicDirectory.cleanStale(tmp).size());
        assertEquals(before, snapshot(target));
        assertEquals(List.of(".git", "openstack-scs-1-32-v3"), names(tmp));
    }

    @Test
    void replaceRecoversItsOwnTargetFirst(@TempDir Path root) throws IOException {
        Path tmp = root.resolve("out");
        Path target = previousRelease(tmp);
        Path staging = Files.createDirectory(root.resolve(".out.staging"));
        Files.move(target, staging.resolve("openstack-scs-1-32-v3.old"));
        assertThrows(IOException.class, () -> AtomicDirectory.replace(target, dir -> {
            throw new IOException("fails");
        }));
        assertEquals("previous\n", Files.readString(target.resolve("metadata.yaml")),
                "restored before the failing write");
        assertEquals(List.of("out"), names(root));

        // stale old copy next to an existing target is simply removed
        Files.createDirectories(staging.resolve("openstack-scs-1-32-v3.old"));
        AtomicDirectory.replace(target, dir -> Files.writeString(dir.resolve("metadata.yaml"), "new\n"));
        assertEquals("new\n", Files.readString(target.resolve("metadata.yaml")));
        assertEquals(List.of("out"), names(root));
    }

    @Test
    void cleanStaleOnMissingFolderDoesNothing(@TempDir Path tmp) throws IOException {
        assertEquals(List.of(), AtomicDirectory.cleanStale(tmp.resolve("missing")));
    }
}
