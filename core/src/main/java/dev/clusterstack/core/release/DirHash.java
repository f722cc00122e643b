package dev.clusterstack.core.release;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Content hashes as the Go module system and csctl compute them.
 *
 * <p>{@link #h1(Path, String)} is {@code golang.org/x/mod/sumdb/dirhash.HashDir(dir, prefix, Hash1)}:
 * every non-directory entry under {@code dir} (walked without following symbolic links, as Go's
 * {@code filepath.Walk} does) is named {@code filepath.Join(prefix, relativePath)} with {@code '/'}
 * separators; the SHA-256 is taken over the lines {@code <sha256 hex of content>  <name>\n}, sorted
 * by name in byte order (Go's {@code sort.Strings} on UTF-8), and the result is {@code "h1:"} plus
 * the standard base64 of that digest. A symbolic link to a file is hashed with its target's content
 * (Go opens it); a symbolic link to a directory fails, as it does in Go.
 *
 * <p>csctl ({@code pkg/hash} / {@code pkg/cshash}, {@code GetHash}) calls {@code HashDir(path, "",
 * DefaultHash)} with an empty prefix for the whole stack folder, {@code cluster-addon/} and
 * {@code node-image/}, and hashes {@code cluster-addon-values.yaml} as a single file: base64 of the
 * plain SHA-256 of its bytes (no {@code h1} summary). Every csctl hash is then "cleaned": strip
 * {@code "h1:"}, drop {@code '/'}, {@code '='} and {@code '+'}, lowercase. {@link #csctl(Path)} and
 * {@link #csctlFile(Path)} give those cleaned forms, made only of {@code [a-z0-9]}.
 */
public final class DirHash {

    private DirHash() {
    }

    /**
     * Go's {@code dirhash.HashDir(dir, prefix, dirhash.Hash1)}.
     *
     * @param dir    the folder to hash; a symbolic link to a folder is resolved first
     * @param prefix replaces the folder name in the hashed file names ({@code ""}: plain relative
     *               paths, as csctl uses); joined and cleaned like Go's {@code filepath.Join}
     * @return {@code "h1:"} followed by standard base64 (with padding)
     * @throws IOException if {@code dir} is not a folder, a file cannot be read, or a name holds a
     *                     newline (Go refuses those too)
     */
    public static String h1(Path dir, String prefix) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(prefix, "prefix");
        if (!Files.isDirectory(dir)) {
            throw new IOException("cannot hash " + dir + ": not a directory");
        }
        Path root = dir.toRealPath();
        String cleanPrefix = prefix.isEmpty() ? "" : goClean(prefix);
        TreeMap<String, Path> files = new TreeMap<>(UTF8_ORDER);
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String rel = slashPath(root.relativize(file));
                files.put(join(cleanPrefix, rel), file);
                return FileVisitResult.CONTINUE;
            }
        });
        TreeMap<String, byte[]> digests = new TreeMap<>(UTF8_ORDER);
        for (var e : files.entrySet()) {
            if (e.getKey().indexOf('\n') >= 0) {
                throw new IOException("cannot hash " + e.getValue() + ": file names with newlines are not supported");
            }
            digests.put(e.getKey(), sha256Of(e.getValue()));
        }
        return summary(digests);
    }

    /**
     * {@link #h1(Path, String)} with an empty prefix over files held in memory: relative paths with
     * {@code '/'} to content. Gives the same hash as the folder the map describes.
     */
    public static String h1(Map<String, byte[]> files) {
        TreeMap<String, byte[]> digests = new TreeMap<>(UTF8_ORDER);
        files.forEach((name, content) -> {
            if (name.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("cannot hash " + name + ": file names with newlines are not supported");
            }
            digests.put(goClean(name), sha256().digest(content));
        });
        return summary(digests);
    }

    /** Hash1's summary: SHA-256 over {@code <sha256 hex>  <name>\n} lines in name order, base64, {@code h1:}. */
    private static String summary(TreeMap<String, byte[]> digestsByName) {
        MessageDigest summary = sha256();
        for (var e : digestsByName.entrySet()) {
            String line = HexFormat.of().formatHex(e.getValue()) + "  " + e.getKey() + "\n";
            summary.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return "h1:" + Base64.getEncoder().encodeToString(summary.digest());
    }

    /** {@link #csctl(Path)} over files held in memory (see {@link #h1(Map)}). */
    public static String csctl(Map<String, byte[]> files) {
        return csctlClean(h1(files));
    }

    /** {@link #csctlFile(Path)} of content held in memory. */
    public static String csctlFile(byte[] content) {
        return csctlClean(Base64.getEncoder().encodeToString(sha256().digest(content)));
    }

    /**
     * The hash csctl records for a folder: {@code csctlClean(h1(dir, ""))}.
     *
     * @param dir the folder (the whole stack folder, {@code cluster-addon/} or {@code node-image/})
     * @return the cleaned hash, only {@code [a-z0-9]}
     * @throws IOException as {@link #h1(Path, String)}
     */
    public static String csctl(Path dir) throws IOException {
        return csctlClean(h1(dir, ""));
    }

    /**
     * The hash csctl records for a single file ({@code cluster-addon-values.yaml}): the cleaned
     * standard base64 of the SHA-256 of its bytes.
     *
     * @param file a regular file (a symbolic link is followed)
     * @return the cleaned hash, only {@code [a-z0-9]}
     * @throws IOException if the file cannot be read
     */
    public static String csctlFile(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new IOException("cannot hash " + file + ": not a regular file");
        }
        return csctlClean(Base64.getEncoder().encodeToString(sha256Of(file)));
    }

    /**
     * csctl's {@code clean}: strip a leading {@code "h1:"}, remove {@code '/'}, {@code '='} and
     * {@code '+'}, lowercase (ASCII).
     *
     * @param hash an {@code h1:} hash or a base64 string
     * @return the cleaned form
     */
    public static String csctlClean(String hash) {
        String h = hash.startsWith("h1:") ? hash.substring(3) : hash;
        return h.replace("/", "").replace("=", "").replace("+", "").toLowerCase(Locale.ROOT);
    }

    /** Byte order of the UTF-8 encodings, as Go compares strings. */
    static int compareUtf8(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** Comparator over UTF-8 byte order (Go's string order). */
    static final Comparator<String> UTF8_ORDER = DirHash::compareUtf8;

    static String slashPath(Path relative) {
        StringBuilder sb = new StringBuilder();
        for (Path part : relative) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(part.toString());
        }
        return sb.toString();
    }

    /** Go's {@code filepath.Join(prefix, rel)} for a clean relative {@code rel} without dot elements. */
    private static String join(String cleanPrefix, String rel) {
        if (cleanPrefix.isEmpty() || cleanPrefix.equals(".")) {
            return rel;
        }
        if (cleanPrefix.equals("/")) {
            return "/" + rel;
        }
        return cleanPrefix + "/" + rel;
    }

    /** Go's {@code path.Clean}. */
    static String goClean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.charAt(0) == '/';
        Deque<String> out = new ArrayDeque<>();
        for (String element : path.split("/")) {
            if (element.isEmpty() || element.equals(".")) {
                continue;
            }
            if (element.equals("..")) {
                if (!out.isEmpty() && !out.peekLast().equals("..")) {
                    out.removeLast();
                } else if (!rooted) {
                    out.addLast("..");
                }
                continue;
            }
            out.addLast(element);
        }
        String joined = String.join("/", out);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }

    private static byte[] sha256Of(Path file) throws IOException {
        MessageDigest md = sha256();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                md.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new IOException("cannot hash " + file + ": " + e.getMessage(), e);
        }
        return md.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
