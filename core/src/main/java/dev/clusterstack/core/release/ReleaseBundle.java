package dev.clusterstack.core.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One reproducible archive of several release folders ({@code <release folder>/<file>} entries), e.g.
 * the main artifact of a build that makes several releases.
 */
public final class ReleaseBundle {
    private ReleaseBundle() {
    }

    /**
     * Writes the bundle.
     *
     * @param releases release folder name to the files that go into it, in the order to write
     * @param bundle   the archive to write (its folder is created)
     * @param staging  an empty or absent folder to assemble the bundle in; deleted afterwards
     * @param mtime    entry time, or null for {@link ReproducibleArchive#DEFAULT_MTIME}
     * @throws IOException when a file cannot be read or written
     */
    public static void write(Map<String, List<Path>> releases, Path bundle, Path staging, Instant mtime)
            throws IOException {
        AtomicDirectory.deleteRecursively(staging);
        for (Map.Entry<String, List<Path>> r : releases.entrySet()) {
            Path dir = Files.createDirectories(staging.resolve(r.getKey()));
            for (Path f : r.getValue()) {
                Files.copy(f, dir.resolve(f.getFileName().toString()));
            }
        }
        Files.createDirectories(bundle.toAbsolutePath().getParent());
        ReproducibleArchive.writeTarGzContents(staging, bundle, mtime != null ? mtime : ReproducibleArchive.DEFAULT_MTIME);
        AtomicDirectory.deleteRecursively(staging);
    }
}
