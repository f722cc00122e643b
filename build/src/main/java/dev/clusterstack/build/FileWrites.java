package dev.clusterstack.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** File writing of the steps that keep no state: a file is written only when its content changes. */
final class FileWrites {
    private FileWrites() {
    }

    /** Writes the files whose content differs; with {@code prune}, deletes every other file under {@code root}. */
    static List<Path> writeChanged(Path root, Map<Path, String> files, boolean prune) {
        List<Path> written = new ArrayList<>();
        try {
            for (Map.Entry<Path, String> f : files.entrySet()) {
                byte[] bytes = f.getValue().getBytes(StandardCharsets.UTF_8);
                Path target = f.getKey();
                if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                Files.write(target, bytes);
                written.add(target);
            }
            if (prune && Files.isDirectory(root)) {
                List<Path> stale;
                try (Stream<Path> s = Files.walk(root)) {
                    stale = s.filter(p -> !p.equals(root) && !files.containsKey(p)
                                    && (Files.isRegularFile(p) || isEmptyDir(p, files)))
                            .sorted(Comparator.reverseOrder()).toList();
                }
                for (Path p : stale) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + root + ": " + e.getMessage(), e);
        }
        return written;
    }

    private static boolean isEmptyDir(Path dir, Map<Path, String> keep) {
        return Files.isDirectory(dir) && keep.keySet().stream().noneMatch(k -> k.startsWith(dir));
    }

    /** Appends {@code <what> <sha256> <path>} for every file under {@code root}, sorted: part of an up-to-date key. */
    static void appendTree(StringBuilder key, String what, Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                key.append(what).append(' ').append(BuildState.sha256(p)).append(' ').append(p).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root + ": " + e.getMessage(), e);
        }
    }
}
