package dev.clusterstack.core.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirHashTest {

    /**
     * Reproduces Go's Hash1 with system tools: list files, sort in byte order (LC_ALL=C), one line
     * "sha256hex  prefix/name" each, SHA-256 of the summary, base64 of the binary digest.
     */
    private static final String SHELL_H1 = String.join("\n",
            "set -euo pipefail",
            "cd \"$1\"",
            "prefix=\"$2\"",
            "find . -type f -print0 | sed -z 's|^\\./||' | LC_ALL=C sort -z |",
            "while IFS= read -r -d '' f; do",
            "  printf '%s  %s\\n' \"$(sha256sum < \"$f\" | cut -c1-64)\" \"${prefix:+$prefix/}$f\"",
            "done | sha256sum | cut -c1-64 | xxd -r -p | base64");

    private static String shellH1(Path dir, String prefix) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", SHELL_H1, "h1", dir.toString(), prefix)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), "shell pipeline failed");
        return "h1:" + out;
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /** A folder with nesting, spaces, byte-order traps ("a-b" vs "a/b") and an empty folder. */
    private static Path sampleStack(Path root) throws IOException {
        write(root.resolve("csctl.yaml"), "apiVersion: csctl.clusterstack.x-k8s.io/v1alpha1\n");
        write(root.resolve("cluster-class/Chart.yaml"), "name: cc\nversion: v1\n");
        write(root.resolve("cluster-class/templates/cluster-class.yaml"), "kind: ClusterClass\n");
        write(root.resolve("cluster-addon/cni/values.yaml"), "cilium: {}\n");
        write(root.resolve("a-b"), "dash\n");
        write(root.resolve("a/b"), "slash\n");
        write(root.resolve("with space.txt"), "space\n");
        write(root.resolve("B-upper"), "upper sorts before lower\n");
        Files.createDirectories(root.resolve("empty-dir"));
        Files.write(root.resolve("binary.bin"), new byte[] {0, 1, 2, (byte) 0xff});
        return root;
    }

    @Test
    void h1MatchesShellPipelineWithAndWithoutPrefix(@TempDir Path tmp) throws Exception {
        Path dir = sampleStack(tmp.resolve("stack"));
        assertEquals(shellH1(dir, ""), DirHash.h1(dir, ""));
        assertEquals(shellH1(dir, "example.com/mod@v1.2.3"), DirHash.h1(dir, "example.com/mod@v1.2.3"));
    }

    @Test
    void h1SortsByUtf8BytesLikeGo(@TempDir Path tmp) throws Exception {
        assumeTrue("UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding")),
                "file names need a UTF-8 file system encoding");
        // U+FF21 is EF BC A1 in UTF-8 and sorts before U+1F600 (F0 9F 98 80) in byte order,
        // but after it in UTF-16 order (FF21 > D83D): String.compareTo would get this wrong.
        Path dir = tmp.resolve("unicode");
        write(dir.resolve("\uFF21.txt"), "fullwidth A\n");
        write(dir.resolve("\uD83D\uDE00.txt"), "emoji\n");
        write(dir.resolve("\u00e9.txt"), "e acute\n");
        assertTrue("\uFF21".compareTo("\uD83D\uDE00") > 0, "UTF-16 order differs from byte order here");
        assertEquals(shellH1(dir, ""), DirHash.h1(dir, ""));
    }

    @Test
    void literalVectorForTinyFolder(@TempDir Path tmp) throws IOException {
        // Computed once with:
        //   mkdir -p tiny/sub; printf 'hello\n' > tiny/a.txt; printf 'world\n' > tiny/sub/b.txt; cd tiny
        //   (printf '%s  %s\n' "$(sha256sum < a.txt | cut -c1-64)" a.txt
        //    printf '%s  %s\n' "$(sha256sum < sub/b.txt | cut -c1-64)" sub/b.txt) \
        //     | sha256sum | cut -c1-64 | xxd -r -p | base64
        // and the same with names "example.com/m@v1.0.0/a.txt", "example.com/m@v1.0.0/sub/b.txt".
        Path dir = tmp.resolve("tiny");
        write(dir.resolve("a.txt"), "hello\n");
        write(dir.resolve("sub/b.txt"), "world\n");
        assertEquals("h1:cEiP8rChaw7Gg4phJDRj9Ep9kNhpIidz/E6YKYKlbIc=", DirHash.h1(dir, ""));
        assertEquals("h1:qIADypxolFZmau9mGFn5hqWt8zG8CpfCPmCPUnZ/+HY=", DirHash.h1(dir, "example.com/m@v1.0.0"));
        // Go's filepath.Join cleans the prefix: a trailing slash or "./" changes nothing.
        assertEquals(DirHash.h1(dir, "example.com/m@v1.0.0"), DirHash.h1(dir, "./example.com/m@v1.0.0/"));
        assertEquals(DirHash.h1(dir, ""), DirHash.h1(dir, "."));
        // csctl form: strip h1:, drop '/', '=', '+', lowercase.
        assertEquals("ceip8rchaw7gg4phjdrj9ep9knhpiidze6ykyklbic", DirHash.csctl(dir));
    }

    @Test
    void csctlFileIsCleanedBase64OfPlainSha256(@TempDir Path tmp) throws IOException {
        // printf 'hello\n' | sha256sum | cut -c1-64 | xxd -r -p | base64
        //   -> WJG1tSLV3whtD/CxEPvZ0hu0/HFjrzTQgoai6Eb2vgM=
        Path file = tmp.resolve("cluster-addon-values.yaml");
        write(file, "hello\n");
        assertEquals("wjg1tslv3whtdcxepvz0hu0hfjrztqgoai6eb2vgm", DirHash.csctlFile(file));
    }

    @Test
    void hashDependsOnContentAndNamesButNotOnEmptyFoldersOrTimes(@TempDir Path tmp) throws IOException {
        Path dir = sampleStack(tmp.resolve("stack"));
        String before = DirHash.csctl(dir);
        Files.createDirectories(dir.resolve("another/empty"));
        try (var files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(0));
            }
        }
        assertEquals(before, DirHash.csctl(dir));
        Files.move(dir.resolve("a-b"), dir.resolve("a-c"));
        String renamed = DirHash.csctl(dir);
        assertNotEquals(before, renamed);
        write(dir.resolve("a-c"), "dash!\n");
        assertNotEquals(renamed, DirHash.csctl(dir));
        assertTrue(DirHash.csctl(dir).matches("[a-z0-9]+"));
    }

    @Test
    void symlinkToFileIsHashedWithTargetContentLikeGo(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("links");
        write(dir.resolve("real.txt"), "content\n");
        Files.createSymbolicLink(dir.resolve("link.txt"), Path.of("real.txt"));
        // find -type f skips links, so compare with a copy instead of the shell pipeline
        Path copy = tmp.resolve("copy");
        write(copy.resolve("real.txt"), "content\n");
        write(copy.resolve("link.txt"), "content\n");
        assertEquals(DirHash.h1(copy, ""), DirHash.h1(dir, ""));
    }

    @Test
    void clearErrors(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("d");
        write(dir.resolve("sub/x"), "x\n");
        Files.createSymbolicLink(dir.resolve("dirlink"), dir.resolve("sub"));
        IOException e = assertThrows(IOException.class, () -> DirHash.h1(dir, ""));
        assertTrue(e.getMessage().contains("dirlink"), e.getMessage());

        Path missing = tmp.resolve("missing");
        IOException e2 = assertThrows(IOException.class, () -> DirHash.csctl(missing));
        assertTrue(e2.getMessage().contains(missing.toString()) && e2.getMessage().contains("not a directory"));

        IOException e3 = assertThrows(IOException.class, () -> DirHash.csctlFile(dir));
        assertTrue(e3.getMessage().contains("not a regular file"), e3.getMessage());
    }

    @Test
    void goCleanMatchesGoPathClean() {
        // expectations from Go's path.Clean documentation and tests
        List<String[]> cases = new ArrayList<>(List.of(
                new String[] {"", "."}, new String[] {"a/c", "a/c"}, new String[] {"a//c", "a/c"},
                new String[] {"a/c/.", "a/c"}, new String[] {"a/c/b/..", "a/c"}, new String[] {"/../a/c", "/a/c"},
                new String[] {"../../a", "../../a"}, new String[] {"a/../..", ".."}, new String[] {"/", "/"},
                new String[] {"./", "."}, new String[] {"abc/", "abc"}));
        for (String[] c : cases) {
            assertEquals(c[1], DirHash.goClean(c[0]), "Clean(\"" + c[0] + "\")");
        }
    }
}
