package dev.clusterstack.core.verify;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Reading and unpacking the release archives ({@code .tgz}) that {@link ReleaseVerifier} checks. */
final class TarGz {
    private TarGz() {
    }

    /** The text files of a .tgz (UTF-8), by entry name. */
    static Map<String, String> readText(Path archive) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        readTarGzBytes(archive).forEach((k, v) -> out.put(k, new String(v, StandardCharsets.UTF_8)));
        return out;
    }

    /** Unpacks a .tgz into {@code dir}; an entry that would land outside {@code dir} is refused. */
    static void unpack(Path archive, Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        for (Map.Entry<String, byte[]> e : readTarGzBytes(archive).entrySet()) {
            Path target = root.resolve(e.getKey()).normalize();
            if (!target.startsWith(root) || target.equals(root)) {
                throw new IOException("archive entry " + e.getKey() + " of " + archive.getFileName() + " leaves the archive");
            }
            Files.createDirectories(target.getParent());
            Files.write(target, e.getValue());
        }
    }

    private static Map<String, byte[]> readTarGzBytes(Path archive) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive));
             TarArchiveInputStream tar = new TarArchiveInputStream(in, StandardCharsets.UTF_8.name())) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (e.isFile()) {
                    out.put(e.getName(), tar.readAllBytes());
                }
            }
        }
        return out;
    }

    /** Deletes a temporary folder and everything in it, as far as it can. */
    static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort for a temporary folder
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
