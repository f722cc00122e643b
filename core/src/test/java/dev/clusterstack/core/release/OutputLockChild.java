package dev.clusterstack.core.release;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Child JVM for {@link OutputLockTest}: takes the lock of the folder given as argument, reports
 * "LOCKED" on stdout and holds it until it is killed or its stdin is closed.
 */
final class OutputLockChild {

    private OutputLockChild() {
    }

    public static void main(String[] args) throws Exception {
        try (OutputLock lock = OutputLock.acquire(Path.of(args[0]), Duration.ofMinutes(1), System.out::println)) {
            System.out.println("LOCKED");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock until the parent closes stdin or kills this process
            }
        }
    }
}
