package dev.clusterstack.core.release;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces a folder (a release folder) so that readers see either the complete old or the complete
 * new content, even if the build is killed, and so that the folder holding it (the output folder)
 * never holds anything else: no temporary or half-written folder.
 *
 * <p>{@link #replace(Path, IOConsumer)} lets the writer fill {@code <name>.tmp-<16 hex>} in the
 * staging folder {@code .<output folder name>.staging}, a sibling of the output folder (same file
 * system, so the moves below are renames), then renames an existing target to {@code <name>.old}
 * there, renames the temporary folder to the target and deletes the old copy. If the writer or a
 * rename fails, the temporary folder is deleted and the previous target is left (or put back) in place.
 *
 * <p>A kill leaves at most a temporary folder in the staging folder (target untouched) or, between
 * the two renames, an {@code .old} folder there and no target. {@link #cleanStale(Path)} removes the
 * former and puts the latter back; {@code replace} does the same for its own target before it starts.
 * Neither is safe against two builds writing the same output folder at the same time: hold its
 * {@link OutputLock} for that.
 */
public final class AtomicDirectory {

    private static final String TMP_MARK = ".tmp-";
    private static final String OLD_MARK = ".old";
    private static final Pattern OLD = Pattern.compile("^(.+)" + Pattern.quote(OLD_MARK) + "$");
    /** What versions before the staging folder left inside the output folder. */
    private static final Pattern LEGACY_TMP = Pattern.compile("^\\.(.+)\\.atomic-tmp-[0-9a-f]{16}$|^\\.staging-.*$");
    private static final Pattern LEGACY_OLD = Pattern.compile("^\\.(.+)\\.atomic-old$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicDirectory() {
    }

    /**
     * The staging folder of an output folder: {@code .<name>.staging} next to it, on the same file
     * system, so that nothing but complete folders is ever inside the output folder.
     */
    public static Path stagingFolder(Path outputFolder) {
        Path abs = outputFolder.toAbsolutePath().normalize();
        if (abs.getParent() == null || abs.getFileName() == null) {
            throw new IllegalArgumentException("cannot stage next to " + outputFolder + ": it has no parent folder");
        }
        return abs.resolveSibling("." + abs.getFileName() + ".staging");
    }

    /**
     * Writes a new version of {@code target} through {@code writer} and moves it into place.
     *
     * @param target the folder to create or replace; its parent (the output folder) is created if missing
     * @param writer fills the (empty) temporary folder it is given; must not touch {@code target}
     * @throws IOException if the writer fails (its exception is rethrown unchanged, after the
     *                     temporary folder is removed) or a rename fails; the previous target is
     *                     then intact
     */
    public static void replace(Path target, IOConsumer<Path> writer) throws IOException {
        Objects.requireNonNull(writer, "writer");
        Path abs = Objects.requireNonNull(target, "target").toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent == null || abs.getFileName() == null || parent.getParent() == null) {
            throw new IllegalArgumentException("cannot replace " + target + ": it has no parent folder to stage next to");
        }
        String name = abs.getFileName().toString();
        Files.createDirectories(parent);
        Path staging = Files.createDirectories(stagingFolder(parent));
        try {
            recover(parent, staging, name);

            Path tmp = createTemp(staging, name);
            try {
                writer.accept(tmp);
            } catch (IOException | RuntimeException | Error e) {
                deleteAfterFailure(tmp, e);
                throw e;
            }

            Path old = staging.resolve(name + OLD_MARK);
            boolean hadTarget = Files.exists(abs, LinkOption.NOFOLLOW_LINKS);
            if (hadTarget) {
                try {
                    Files.move(abs, old, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    deleteAfterFailure(tmp, e);
                    throw new IOException("cannot move " + abs + " aside to " + old + ": " + e.getMessage(), e);
                }
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (hadTarget) {
                    try {
                        Files.move(old, abs, StandardCopyOption.ATOMIC_MOVE);
                    } catch (IOException restore) {
                        e.addSuppressed(restore);
                    }
                }
                deleteAfterFailure(tmp, e);
                throw new IOException("cannot move " + tmp + " to " + abs + ": " + e.getMessage(), e);
            }
            if (hadTarget) {
                try {
                    deleteRecursively(old);
                } catch (IOException e) {
                    throw new IOException(abs + " was replaced, but its previous content in " + old
                            + " could not be deleted (cleanStale removes it): " + e.getMessage(), e);
                }
            }
        } finally {
            deleteIfEmpty(staging);
        }
    }

    /**
     * Removes what killed builds left: the staging folder of {@code parent} with everything in it,
     * except that an {@code <name>.old} folder there is renamed back to {@code <name>} in
     * {@code parent} if that is missing (the kill came between the two renames). Leftovers of earlier
     * versions inside {@code parent} ({@code .<name>.atomic-tmp-*}, {@code .<name>.atomic-old},
     * {@code .staging-*}) are handled the same way. Other entries are not touched. Call it only while
     * holding the output folder's {@link OutputLock}: it also removes what a running build stages.
     *
     * @param parent the output folder holding the replaced folders; nothing happens if neither it nor
     *               its staging folder exists
     * @return the leftover entries found (each removed or restored), sorted by name
     * @throws IOException if a leftover cannot be removed or restored
     */
    public static List<Path> cleanStale(Path parent) throws IOException {
        Objects.requireNonNull(parent, "parent");
        List<Path> handled = new ArrayList<>();
        Path staging = stagingFolder(parent);
        for (Path entry : sortedEntries(staging, "*")) {
            Matcher old = OLD.matcher(entry.getFileName().toString());
            if (old.matches()) {
                restoreOrDelete(entry, parent.resolve(old.group(1)));
            } else {
                deleteRecursively(entry);
            }
            handled.add(entry);
        }
        deleteIfEmpty(staging);
        for (Path entry : sortedEntries(parent, ".*")) {
            String fileName = entry.getFileName().toString();
            Matcher old = LEGACY_OLD.matcher(fileName);
            if (old.matches()) {
                restoreOrDelete(entry, parent.resolve(old.group(1)));
                handled.add(entry);
            } else if (LEGACY_TMP.matcher(fileName).matches()) {
                deleteRecursively(entry);
                handled.add(entry);
            }
        }
        handled.sort(null);
        return handled;
    }

    private static List<Path> sortedEntries(Path dir, String glob) throws IOException {
        List<Path> entries = new ArrayList<>();
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob)) {
                stream.forEach(entries::add);
            }
        }
        entries.sort(null);
        return entries;
    }

    private static void recover(Path parent, Path staging, String name) throws IOException {
        restoreOrDelete(staging.resolve(name + OLD_MARK), parent.resolve(name));
    }

    /** Puts a copy moved aside back to {@code target} if that is missing, else deletes it. */
    private static void restoreOrDelete(Path old, Path target) throws IOException {
        if (!Files.exists(old, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            deleteRecursively(old);
        } else {
            try {
                Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new IOException("cannot restore " + target + " from " + old + ": " + e.getMessage(), e);
            }
        }
    }

    /** Deletes an empty folder; a folder that is missing or still holds something stays as it is. */
    static void deleteIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // not empty (another step still stages there) or already gone
        }
    }

    private static Path createTemp(Path staging, String name) throws IOException {
        while (true) {
            Path tmp = staging.resolve(name + TMP_MARK + HexFormat.of().toHexDigits(RANDOM.nextLong()));
            try {
                return Files.createDirectory(tmp);
            } catch (FileAlreadyExistsException e) {
                // another random name
            }
        }
    }

    private static void deleteAfterFailure(Path tmp, Throwable cause) {
        try {
            deleteRecursively(tmp);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /** Deletes a file or folder tree without following symbolic links. */
    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
