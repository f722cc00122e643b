package dev.clusterstack.core.release;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child JVM for {@link AtomicDirectoryTest}: replaces the folder given as argument, writes one file
 * of the new release, reports "HALFWAY" on stdout and then waits to be killed.
 */
final class AtomicDirectoryKillChild {

    private AtomicDirectoryKillChild() {
    }

    public static void main(String[] args) throws Exception {
        AtomicDirectory.replace(Path.of(args[0]), dir -> {
            Files.writeString(dir.resolve("metadata.yaml"), "new content\n");
            System.out.println("HALFWAY " + dir);
            System.out.flush();
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Files.writeString(dir.resolve("hashes.json"), "never written\n");
        });
    }
}
