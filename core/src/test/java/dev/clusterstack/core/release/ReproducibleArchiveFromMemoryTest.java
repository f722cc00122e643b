package dev.clusterstack.core.release;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Files held in memory give the archive byte for byte that the folder holding them gives (the release
 * builder archives a stack folder from memory unless Helm must vendor charts into it on disk).
 */
class ReproducibleArchiveFromMemoryTest {
    private static final Instant TIME = Instant.parse("2024-05-06T07:08:09Z");

    private static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("templates/z.yaml", "kind: Z\n");
        files.put("Chart.yaml", "apiVersion: v2\nname: c\n");
        files.put("templates/a-b.yaml", "");
        files.put("templates/a/b.yaml", "é ✓ 😀\n");
        files.put("templates/" + "long-name-".repeat(12) + ".yaml", "x");
        files.put("templates/ünïcode.yaml", "y");
        return files;
    }

    private static byte[] fromFolder(Map<String, String> files, String rootName, Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("folder"));
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = folder.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
        }
        Path archive = dir.resolve("folder.tgz");
        ReproducibleArchive.writeTarGz(folder, rootName, archive, TIME, ReproducibleArchive.DEFAULT_LEVEL);
        return Files.readAllBytes(archive);
    }

    private static byte[] fromMemory(Map<String, String> files, String rootName, Path dir) throws IOException {
        Path archive = dir.resolve("memory.tgz");
        ReproducibleArchive.writeTarGz(files, rootName, archive, TIME);
        return Files.readAllBytes(archive);
    }

    @Test
    void sameBytesAsTheFolderWithARootFolder(@TempDir Path dir) throws IOException {
        assertArrayEquals(fromFolder(files(), "chart", dir), fromMemory(files(), "chart", dir));
    }

    @Test
    void sameBytesAsTheFolderWithoutARootFolder(@TempDir Path dir) throws IOException {
        assertArrayEquals(fromFolder(files(), null, dir), fromMemory(files(), null, dir));
    }

    @Test
    void noFilesGiveTheArchiveOfAnEmptyFolder(@TempDir Path dir) throws IOException {
        assertArrayEquals(fromFolder(Map.of(), null, dir), fromMemory(Map.of(), null, dir));
    }

    @Test
    void textThatIsNoUtf16FailsAsWritingItToAFileDoes(@TempDir Path dir) {
        Map<String, String> bad = Map.of("a.yaml", "lone \uD800 surrogate");
        assertThrows(CharacterCodingException.class, () -> Files.writeString(dir.resolve("a.yaml"), bad.get("a.yaml")));
        assertThrows(CharacterCodingException.class, () -> fromMemory(bad, null, dir));
    }
}
