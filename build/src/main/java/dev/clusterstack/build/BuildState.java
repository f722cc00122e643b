package dev.clusterstack.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a goal wrote last time, kept under {@code target/clusterstack/}: a key (SHA-256 over
 * everything that decides the output: inputs, settings, tool build), free entries (e.g. the
 * releases) and every output file with its SHA-256. The goal is up to date when the key is the same
 * and every output file is still there with the same content.
 *
 * <p>File format, one entry per line: {@code key <hex>}, {@code entry <text>}, {@code output <sha256> <path>}.
 */
public record BuildState(String key, List<String> entries, Map<Path, String> outputs) {

    public BuildState {
        entries = List.copyOf(entries);
        outputs = Map.copyOf(outputs);
    }

    /** Reads a state file; null when it is missing or unreadable (then the goal simply runs). */
    public static BuildState read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
        String key = null;
        List<String> entries = new ArrayList<>();
        Map<Path, String> outputs = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.startsWith("key ")) {
                key = line.substring(4);
            } else if (line.startsWith("entry ")) {
                entries.add(line.substring(6));
            } else if (line.startsWith("output ") && line.length() > 72) {
                outputs.put(Path.of(line.substring(72)), line.substring(7, 71));
            }
        }
        return key == null ? null : new BuildState(key, entries, outputs);
    }

    /** Writes the state atomically (a temporary file moved into place). */
    public void write(Path file) {
        StringBuilder b = new StringBuilder("# clusterstack up-to-date state; delete to force a rebuild\n");
        b.append("key ").append(key).append('\n');
        entries.forEach(e -> b.append("entry ").append(e).append('\n'));
        outputs.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(o -> b.append("output ").append(o.getValue()).append(' ').append(o.getKey()).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, b, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** True when the key matches and every output file still has its recorded content. */
    public boolean upToDate(String currentKey) {
        if (!key.equals(currentKey) || outputs.isEmpty()) {
            return false;
        }
        for (Map.Entry<Path, String> o : outputs.entrySet()) {
            if (!Files.isRegularFile(o.getKey()) || !o.getValue().equals(sha256(o.getKey()))) {
                return false;
            }
        }
        return true;
    }

    public static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    /** SHA-256 of a file's content, lower-case hex. */
    public static String sha256(Path file) {
        MessageDigest md = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[65536];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** SHA-256 of text, lower-case hex. */
    public static String sha256(String text) {
        return HexFormat.of().formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
