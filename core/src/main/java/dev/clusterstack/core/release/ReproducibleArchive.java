package dev.clusterstack.core.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a folder as a gzip-compressed tar the way Helm packages a chart, reproducibly: the same
 * files with the same contents give the same bytes on any machine, in any time zone, as any user.
 *
 * <ul>
 *   <li>Entries are {@code <rootName>/<relative path>}, one per regular file, sorted by name in
 *       UTF-8 byte order. No directory entries: Helm's own {@code package} writes none and its
 *       chart loader skips them; empty folders are therefore not kept.</li>
 *   <li>uid/gid 0, empty user and group names, mode {@code 0644}, or {@code 0755} when the source
 *       file is executable by its owner (POSIX file systems only; elsewhere always {@code 0644}).</li>
 *   <li>Modification time: the given instant, truncated to whole seconds. Callers pass
 *       {@code project.build.outputTimestamp} when set, else {@link #DEFAULT_MTIME}.</li>
 *   <li>Names of 100 bytes or more, or with non-ASCII characters, get a POSIX/PAX extended header
 *       ({@code path} record) from commons-compress: named {@code ./PaxHeaders.X/<name>}, with
 *       owner 0/0, empty owner names and the entry's time, so it is as deterministic as the entry
 *       (a test guards that it carries nothing of the JVM's {@code user.name}).</li>
 *   <li>gzip header: no file name, no comment, mtime 0, OS byte 255 ("unknown", as Go and Helm
 *       write it). The compressed bytes depend on the zlib the JDK uses; they are identical
 *       wherever the same zlib version runs.</li>
 * </ul>
 *
 * <p>Symbolic links, and anything else that is neither a regular file nor a folder, are rejected,
 * as are names containing a backslash (Helm's loader would treat the backslash as a separator).
 */
public final class ReproducibleArchive {

    /**
     * Default entry time when the build sets no output timestamp: 1980-01-01T00:00:00Z, the
     * earliest time a ZIP (DOS) timestamp can hold, used as a fixed epoch by reproducible-build
     * tooling; it is a valid time in tar, zip and jar alike.
     */
    public static final Instant DEFAULT_MTIME = Instant.parse("1980-01-01T00:00:00Z");

    /**
     * Default compression: level 6, the level Helm's own {@code package} uses (Go's gzip default). Measured
     * on the sample stack's cluster-class chart, level 9 made the archive 0.5 % smaller for twice the time
     * (see the README's benchmarks).
     */
    public static final int DEFAULT_LEVEL = 6;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Largest mtime an 11-digit octal ustar field holds (2242-03-16). */
    private static final long MAX_OCTAL_11 = 077777777777L;
    private static final int FILE_MODE = 0644;
    private static final int EXECUTABLE_MODE = 0755;

    private ReproducibleArchive() {
    }

    /**
     * Writes {@code sourceDir} to {@code targetFile} with {@link #DEFAULT_LEVEL}.
     *
     * @param sourceDir  folder whose regular files are archived
     * @param rootName   the top folder name inside the archive (for a chart: the chart name)
     * @param targetFile the {@code .tgz} to create or replace; must lie outside {@code sourceDir}
     * @param mtime      entry modification time ({@code project.build.outputTimestamp} or
     *                   {@link #DEFAULT_MTIME})
     * @throws IOException as {@link #writeTarGz(Path, String, OutputStream, Instant, int)}
     * @see #writeTarGz(Path, String, OutputStream, Instant, int)
     */
    public static void writeTarGz(Path sourceDir, String rootName, Path targetFile, Instant mtime)
            throws IOException {
        writeTarGz(sourceDir, rootName, targetFile, mtime, DEFAULT_LEVEL);
    }

    /**
     * Writes {@code sourceDir} to {@code targetFile} (created or replaced; removed again if writing
     * fails).
     *
     * @param sourceDir  folder whose regular files are archived
     * @param rootName   the top folder name inside the archive
     * @param targetFile the {@code .tgz} to create or replace; must lie outside {@code sourceDir}; written
     *                   as a hidden {@code .partial} file next to it and renamed, so it is never half-written
     * @param mtime      entry modification time
     * @param level      gzip level 1..9
     * @throws IOException as {@link #writeTarGz(Path, String, OutputStream, Instant, int)}
     * @see #writeTarGz(Path, String, OutputStream, Instant, int)
     */
    public static void writeTarGz(Path sourceDir, String rootName, Path targetFile, Instant mtime, int level)
            throws IOException {
        Objects.requireNonNull(targetFile, "targetFile");
        List<Source> sources = collect(sourceDir, rootName);
        Path source = sourceDir.toRealPath();
        Path parent = targetFile.toAbsolutePath().normalize().getParent();
        if (parent != null && Files.isDirectory(parent) && parent.toRealPath().startsWith(source)) {
            throw new IllegalArgumentException("archive " + targetFile + " must not be written inside its source folder "
                    + sourceDir);
        }
        writeAtomically(sources, targetFile, mtime, level);
    }

    /**
     * Writes files held in memory to {@code targetFile} as {@link #writeTarGz(Path, String, Path, Instant)} writes
     * a folder holding them (each written as UTF-8 by this JVM: mode {@code 0644}), with {@link #DEFAULT_LEVEL}:
     * the same bytes without the files on disk.
     *
     * @param files    relative path ({@code /}-separated) to content
     * @param rootName the top folder name inside the archive, or {@code null} for none
     * @throws IOException if a content is not valid UTF-16 (as writing it to a file would fail), a name holds a
     *                     backslash, or the archive cannot be written
     */
    public static void writeTarGz(Map<String, String> files, String rootName, Path targetFile, Instant mtime)
            throws IOException {
        Objects.requireNonNull(targetFile, "targetFile");
        checkRootName(rootName);
        List<Source> sources = new ArrayList<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            if (f.getKey().contains("\\")) {
                throw new IOException("cannot archive " + f.getKey()
                        + ": the name contains a backslash, which Helm reads as a path separator");
            }
            // strict, as Files.writeString: a lone surrogate fails instead of becoming '?'
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(f.getValue()));
            byte[] content = new byte[encoded.remaining()];
            encoded.get(content);
            sources.add(new Source(rootName == null ? f.getKey() : rootName + "/" + f.getKey(), null, content,
                    content.length, false));
        }
        sources.sort((a, b) -> DirHash.compareUtf8(a.name(), b.name()));
        writeAtomically(sources, targetFile, mtime, DEFAULT_LEVEL);
    }

    private static void writeAtomically(List<Source> sources, Path targetFile, Instant mtime, int level) throws IOException {
        // written under a hidden name next to the target and renamed: the target is never half-written,
        // even when the build is killed (the bundle in target/ is a main artifact)
        Path target = targetFile.toAbsolutePath().normalize();
        Path partial = target.resolveSibling("." + target.getFileName() + "."
                + HexFormat.of().toHexDigits(RANDOM.nextLong()) + ".partial");
        try {
            try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                write(sources, out, mtime, level);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * Writes {@code sourceDir} as {@code .tgz} to {@code out}, which stays open.
     *
     * @param sourceDir folder whose regular files are archived (a symbolic link to a folder is
     *                  resolved; links inside it are rejected)
     * @param rootName  the top folder name inside the archive (for a chart: the chart name); one
     *                  path element, without {@code '/'} or {@code '\'}
     * @param out       receives the gzip stream; flushed, not closed
     * @param mtime     entry modification time, truncated to seconds; 1970..2242
     * @param level     gzip level 1..9
     * @throws IOException              if the folder cannot be read or holds a symbolic link or
     *                                  special file (the message names the path)
     * @throws IllegalArgumentException for a bad root name, time or level
     */
    public static void writeTarGz(Path sourceDir, String rootName, OutputStream out, Instant mtime, int level)
            throws IOException {
        Objects.requireNonNull(out, "out");
        write(collect(sourceDir, rootName), out, mtime, level);
    }

    /**
     * Writes the files of {@code sourceDir} to {@code targetFile} without a root folder: entry names
     * are the paths relative to {@code sourceDir} (the staged cluster-addon archive holds one chart
     * folder per addon at its top level), with {@link #DEFAULT_LEVEL}.
     *
     * @throws IOException as {@link #writeTarGz(Path, String, OutputStream, Instant, int)}
     */
    public static void writeTarGzContents(Path sourceDir, Path targetFile, Instant mtime) throws IOException {
        writeTarGz(sourceDir, null, targetFile, mtime, DEFAULT_LEVEL);
    }

    /** An entry: its file on disk, or its content ({@code file} null). */
    private record Source(String name, Path file, byte[] content, long size, boolean executable) {
    }

    private static void checkRootName(String rootName) {
        if (rootName != null && (rootName.isEmpty() || rootName.equals(".") || rootName.equals("..")
                || rootName.contains("/") || rootName.contains("\\") || rootName.indexOf('\0') >= 0)) {
            throw new IllegalArgumentException("archive root name must be one path element without '/' or '\\', was '"
                    + rootName + "'");
        }
    }

    private static List<Source> collect(Path sourceDir, String rootName) throws IOException {
        Objects.requireNonNull(sourceDir, "sourceDir");
        checkRootName(rootName);
        if (!Files.isDirectory(sourceDir)) {
            throw new IOException("cannot archive " + sourceDir + ": not a directory");
        }
        Path root = sourceDir.toRealPath();
        List<Source> sources = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path shown = sourceDir.resolve(root.relativize(file));
                if (attrs.isSymbolicLink()) {
                    throw new IOException("cannot archive symbolic link " + shown
                            + ": archives hold regular files only; replace the link by a copy");
                }
                if (!attrs.isRegularFile()) {
                    throw new IOException("cannot archive " + shown + ": not a regular file");
                }
                String rel = DirHash.slashPath(root.relativize(file));
                if (rel.contains("\\")) {
                    throw new IOException("cannot archive " + shown
                            + ": the name contains a backslash, which Helm reads as a path separator");
                }
                sources.add(new Source(rootName == null ? rel : rootName + "/" + rel, file, null, attrs.size(),
                        ownerExecutable(file)));
                return FileVisitResult.CONTINUE;
            }
        });
        sources.sort((a, b) -> DirHash.compareUtf8(a.name(), b.name()));
        return sources;
    }

    private static boolean ownerExecutable(Path file) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        return posix != null && posix.readAttributes().permissions().contains(PosixFilePermission.OWNER_EXECUTE);
    }

    private static void write(List<Source> sources, OutputStream target, Instant mtime, int level) throws IOException {
        Objects.requireNonNull(mtime, "mtime");
        long seconds = mtime.getEpochSecond();
        if (seconds < 0 || seconds > MAX_OCTAL_11) {
            throw new IllegalArgumentException("archive entry time must lie between 1970-01-01 and 2242-03-16, was "
                    + mtime);
        }
        FileTime time = FileTime.from(Instant.ofEpochSecond(seconds));
        DeterministicGzipOutputStream gzip = new DeterministicGzipOutputStream(new NonClosingOutputStream(target), level);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip, StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            byte[] buffer = new byte[64 * 1024];
            for (Source s : sources) {
                TarArchiveEntry entry = new TarArchiveEntry(s.name(), TarConstants.LF_NORMAL);
                fixOwnerAndTime(entry, time);
                entry.setMode(s.executable() ? EXECUTABLE_MODE : FILE_MODE);
                entry.setSize(s.size());
                tar.putArchiveEntry(entry);
                if (s.file() == null) {
                    tar.write(s.content());
                    tar.closeArchiveEntry();
                    continue;
                }
                try (InputStream in = Files.newInputStream(s.file())) {
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        tar.write(buffer, 0, n);
                    }
                } catch (IOException e) {
                    throw new IOException("cannot archive " + s.file() + ": " + e.getMessage(), e);
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
    }

    private static void fixOwnerAndTime(TarArchiveEntry entry, FileTime time) {
        entry.setUserId(0);
        entry.setGroupId(0);
        entry.setUserName("");
        entry.setGroupName("");
        entry.setLastModifiedTime(time);
    }
}
