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
 * new content, even if the build is killed.
 *
 * <p>{@link #replace(Path, IOConsumer)} lets the writer fill a hidden sibling
 * {@code .<name>.atomic-tmp-<16 hex>} (same parent, so the moves below are renames on one file
 * system), then renames an existing target to {@code .<name>.atomic-old}, renames the temporary
 * folder to the target and deletes the old copy. If the writer or a rename fails, the temporary
 * folder is deleted and the previous target is left (or put back) in place.
 *
 * <p>A kill leaves at most a temporary folder (target untouched) or, between the two renames, an
 * {@code .atomic-old} folder with no target. {@link #cleanStale(Path)} removes the former and puts
 * the latter back; {@code replace} does the same for its own target before it starts. Neither is
 * safe against two builds writing the same target at the same time.
 */
public final class AtomicDirectory {

    private static final String TMP_MARK = ".atomic-tmp-";
    private static final String OLD_MARK = ".atomic-old";
    private static final Pattern TMP = Pattern.compile("^\\.(.+)" + Pattern.quote(TMP_MARK) + "[0-9a-f]{16}$");
    private static final Pattern OLD = Pattern.compile("^\\.(.+)" + Pattern.quote(OLD_MARK) + "$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicDirectory() {
    }

    /**
     * Writes a new version of {@code target} through {@code writer} and moves it into place.
     *
     * @param target the folder to create or replace; its parent is created if missing
     * @param writer fills the (empty) temporary folder it is given; must not touch {@code target}
     * @throws IOException if the writer fails (its exception is rethrown unchanged, after the
     *                     temporary folder is removed) or a rename fails; the previous target is
     *                     then intact
     */
    public static void replace(Path target, IOConsumer<Path> writer) throws IOException {
        Objects.requireNonNull(writer, "writer");
        Path abs = Objects.requireNonNull(target, "target").toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent == null || abs.getFileName() == null) {
            throw new IllegalArgumentException("cannot replace " + target + ": it has no parent folder");
        }
        String name = abs.getFileName().toString();
        Files.createDirectories(parent);
        recover(parent, name);

        Path tmp = createTemp(parent, name);
        try {
            writer.accept(tmp);
        } catch (IOException | RuntimeException | Error e) {
            deleteAfterFailure(tmp, e);
            throw e;
        }

        Path old = parent.resolve("." + name + OLD_MARK);
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
    }

    /**
     * Removes what killed runs of {@link #replace(Path, IOConsumer)} left in {@code parent}: every
     * {@code .<name>.atomic-tmp-*} folder is deleted; an {@code .<name>.atomic-old} folder is
     * renamed back to {@code <name>} if that is missing (the kill came between the two renames),
     * else deleted. Other entries are not touched.
     *
     * @param parent the folder holding the replaced folders; nothing happens if it does not exist
     * @return the leftover entries found (each removed or restored), sorted by name
     * @throws IOException if a leftover cannot be removed or restored
     */
    public static List<Path> cleanStale(Path parent) throws IOException {
        Objects.requireNonNull(parent, "parent");
        List<Path> handled = new ArrayList<>();
        if (!Files.isDirectory(parent)) {
            return handled;
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(parent, ".*")) {
            stream.forEach(entries::add);
        }
        entries.sort(null);
        for (Path entry : entries) {
            String fileName = entry.getFileName().toString();
            if (TMP.matcher(fileName).matches()) {
                deleteRecursively(entry);
                handled.add(entry);
            }
        }
        for (Path entry : entries) {
            Matcher old = OLD.matcher(entry.getFileName().toString());
            if (old.matches()) {
                recover(parent, old.group(1));
                handled.add(entry);
            }
        }
        return handled;
    }

    private static void recover(Path parent, String name) throws IOException {
        Path old = parent.resolve("." + name + OLD_MARK);
        if (!Files.exists(old, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path target = parent.resolve(name);
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

    private static Path createTemp(Path parent, String name) throws IOException {
        while (true) {
            Path tmp = parent.resolve("." + name + TMP_MARK + HexFormat.of().toHexDigits(RANDOM.nextLong()));
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
