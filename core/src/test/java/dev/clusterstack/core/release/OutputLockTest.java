package dev.clusterstack.core.release;

import dev.clusterstack.core.definition.StackDefinition;
import dev.clusterstack.core.testsupport.ChildJvm;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two builds of one output folder at once: the second waits for the first, or fails saying why. */
@Tag("jvm")
class OutputLockTest {

    @Test
    void theHoldingThreadMayTakeItAgainOtherThreadsWaitAndThenGiveUpClearly(@TempDir Path tmp) throws Exception {
        Path folder = tmp.resolve("cluster-stacks");
        List<String> log = new CopyOnWriteArrayList<>();
        try (OutputLock outer = OutputLock.acquire(folder, Duration.ZERO, log::add)) {
            try (OutputLock inner = OutputLock.acquire(folder, Duration.ZERO, log::add)) {
                assertEquals(List.of(), log, "the holder does not wait for itself");
            }
            IOException e = CompletableFuture.supplyAsync(() -> assertThrows(IOException.class,
                    () -> OutputLock.acquire(folder, Duration.ofMillis(300), log::add))).get(30, TimeUnit.SECONDS);
            assertTrue(e.getMessage().startsWith("another build is writing " + folder + " (it holds "
                    + tmp.resolve(".cluster-stacks.lock") + "); gave up after 300 ms"), e.getMessage());
            assertEquals(List.of("waiting for another build writing " + folder + " (lock "
                    + tmp.resolve(".cluster-stacks.lock") + ", at most 300 ms)"), log);
        }
        log.clear();
        CompletableFuture.runAsync(() -> {
            try (OutputLock other = OutputLock.acquire(folder, Duration.ZERO, log::add)) {
                assertTrue(Files.isRegularFile(tmp.resolve(".cluster-stacks.lock")));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).get(30, TimeUnit.SECONDS);
        assertEquals(List.of(), log, "free again once the holder closed it");
        assertFalse(Files.exists(folder), "the lock does not create the folder; it lives next to it");
    }

    @Test
    void anotherProcessHoldingItMakesThisOneWaitAKilledOneDoesNot(@TempDir Path tmp) throws Exception {
        Path folder = tmp.resolve("cluster-stacks");
        ChildJvm holder = ChildJvm.start(OutputLockChild.class, List.of(), List.of(folder.toString()));
        try {
            holder.awaitPrinted("LOCKED", Duration.ofMinutes(1));
            List<String> log = new ArrayList<>();
            IOException e = assertThrows(IOException.class, () -> OutputLock.acquire(folder, Duration.ofMillis(500), log::add));
            assertTrue(e.getMessage().startsWith("another build is writing " + folder), e.getMessage());
            assertEquals(1, log.size(), log::toString);
        } finally {
            holder.kill();
        }
        try (OutputLock lock = OutputLock.acquire(folder, Duration.ZERO, line -> { })) {
            assertTrue(Files.isRegularFile(OutputLock.lockFile(folder)), "the system released the killed holder's lock");
        }
    }

    /**
     * Two JVMs build the sample stacks into one output folder at the same time. This process holds the
     * lock until both report that they wait, so that they surely overlap; then both finish, and the
     * releases are exactly those of a build on its own.
     */
    @Test
    void twoBuildsOfOneFolderAtOnceBothSucceedWithTheBytesOfOneBuild(@TempDir Path tmp) throws Exception {
        List<String> definitions = List.of(ReproducibleBuildTest.SAMPLES.resolve("docker/stack.yaml").toString(),
                ReproducibleBuildTest.SAMPLES.resolve("openstack/stack.yaml").toString());
        Path shared = tmp.resolve("shared");
        List<String> args = new ArrayList<>(List.of(shared.toString()));
        args.addAll(definitions);
        List<ChildJvm> builds = new ArrayList<>();
        try {
            try (OutputLock held = OutputLock.acquire(shared.resolve("releases"), Duration.ZERO, line -> { })) {
                builds.add(ChildJvm.start(ReproducibleBuildChild.class, List.of(), args));
                builds.add(ChildJvm.start(ReproducibleBuildChild.class, List.of(), args));
                for (ChildJvm b : builds) {
                    b.awaitPrinted("waiting for another build writing " + shared.resolve("releases"), Duration.ofMinutes(2));
                }
            }
            for (ChildJvm b : builds) {
                b.awaitSuccess("DONE", Duration.ofMinutes(5));
            }
        } finally {
            for (ChildJvm b : builds) {
                b.kill();
            }
        }
        Path alone = tmp.resolve("alone/releases");
        for (String d : definitions) {
            ReleaseBuilder.build(StackDefinition.load(Path.of(d)).stack(), ReleaseBuilder.Options.of(VersionMode.STABLE, alone));
        }
        var expected = ReproducibleBuildTest.sha256Tree(alone);
        assertEquals(45, expected.size(), "the samples' 9 releases, 5 files each: " + expected);
        ReproducibleBuildTest.assertSameTree(expected, ReproducibleBuildTest.sha256Tree(shared.resolve("releases")),
                "a build on its own", "two builds at once");
        assertFalse(Files.exists(AtomicDirectory.stagingFolder(shared.resolve("releases"))), "no staging left");
    }
}
