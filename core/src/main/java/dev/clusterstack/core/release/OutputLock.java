package dev.clusterstack.core.release;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Keeps two builds from writing one output folder at the same time: an exclusive file lock on
 * {@code .<folder name>.lock} next to the folder ({@code target/.cluster-stacks.lock} for
 * {@code target/cluster-stacks}). A second build (another process, or another thread of this one)
 * waits for it, up to a bound, and then fails with "another build is writing &lt;folder&gt;".
 *
 * <p>The lock is reentrant for the thread holding it, so a caller may hold it around several steps
 * (release folders, then the bundle built from them) while each step takes it again. The operating
 * system releases it when a process dies, so a killed build never blocks the next one. The lock file
 * itself stays (deleting it would let a third build lock a new file while a second one holds the old).
 */
public final class OutputLock implements AutoCloseable {
    /** How long a build waits for another one by default. */
    public static final Duration DEFAULT_WAIT = Duration.ofMinutes(10);

    private static final long POLL_MILLIS = 100;

    /** Locks held by this process, by lock file; guarded by itself. Looked up only, never iterated. */
    private static final Map<Path, Held> HELD = new HashMap<>();

    private static final class Held {
        final Thread owner;
        final FileChannel channel;
        final FileLock lock;
        int count = 1;

        Held(Thread owner, FileChannel channel, FileLock lock) {
            this.owner = owner;
            this.channel = channel;
            this.lock = lock;
        }
    }

    private final Path lockFile;
    private boolean closed;

    private OutputLock(Path lockFile) {
        this.lockFile = lockFile;
    }

    /** The lock file of an output folder: {@code .<name>.lock} in its parent. */
    public static Path lockFile(Path folder) {
        Path abs = folder.toAbsolutePath().normalize();
        if (abs.getParent() == null || abs.getFileName() == null) {
            throw new IllegalArgumentException("cannot lock " + folder + ": it has no parent folder");
        }
        return abs.resolveSibling("." + abs.getFileName() + ".lock");
    }

    /**
     * Takes the lock of {@code folder}, waiting while another build holds it.
     *
     * @param folder  the output folder (need not exist; its parent is created)
     * @param maxWait how long to wait for another build at most
     * @param log     told once, when this build has to wait: "waiting for another build writing &lt;folder&gt;"
     * @return the lock; {@link #close()} releases it
     * @throws IOException "another build is writing &lt;folder&gt;" when the wait ran out, or when the
     *                     lock file cannot be created
     */
    public static OutputLock acquire(Path folder, Duration maxWait, Consumer<String> log) throws IOException {
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(log, "log");
        Path file = lockFile(folder);
        Path shown = folder.toAbsolutePath().normalize();
        Files.createDirectories(file.getParent());
        long deadline = System.nanoTime() + maxWait.toNanos();
        boolean told = false;
        while (true) {
            synchronized (HELD) {
                Held held = HELD.get(file);
                if (held != null && held.owner == Thread.currentThread()) {
                    held.count++;
                    return new OutputLock(file);
                }
                if (held == null && tryLock(file)) {
                    return new OutputLock(file);
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new IOException("another build is writing " + shown + " (it holds " + file + "); gave up after "
                        + seconds(maxWait) + ": let it finish, or stop it and build again");
            }
            if (!told) {
                log.accept("waiting for another build writing " + shown + " (lock " + file + ", at most "
                        + seconds(maxWait) + ")");
                told = true;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for another build writing " + shown, e);
            }
        }
    }

    /** Locks {@code file} for this thread if no other process holds it; called with {@link #HELD} locked. */
    private static boolean tryLock(Path file) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IOException("cannot create the lock file " + file + ": " + e.getMessage(), e);
        }
        FileLock lock = null;
        try {
            lock = channel.tryLock();
        } finally {
            if (lock == null) {
                channel.close();
            }
        }
        if (lock == null) {
            return false;
        }
        HELD.put(file, new Held(Thread.currentThread(), channel, lock));
        return true;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Releases this hold; the file lock goes when the last hold of the thread is released. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (HELD) {
            Held held = HELD.get(lockFile);
            if (held == null || --held.count > 0) {
                return;
            }
            HELD.remove(lockFile);
            try {
                held.lock.release();
            } catch (IOException ignored) {
                // closing the channel below releases it as well
            }
            try {
                held.channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }
}
