package dev.clusterstack.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clusterstack.core.release.OutputLock;
import dev.clusterstack.core.testsupport.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two builds of one project at the same time (two JVMs, as two {@code mvn package} runs are): the
 * second waits for the first, both succeed, and the releases and the bundle are complete and the
 * bytes of a build on its own.
 */
@Tag("jvm")
class ConcurrentPackageTest {

    static StackBuildSettings settings(Path project) {
        return StackBuildSettings.builder(project).outputTimestamp("2026-01-01T00:00:00Z").toolFingerprint("test").build();
    }

    static void writeProject(Path project) throws IOException {
        Path dir = Files.createDirectories(project.resolve("src/main/clusterstack/files"));
        Files.writeString(dir.resolveSibling("stack.yaml"), ClusterStackRunnerTest.STACK);
        Files.writeString(dir.resolve("motd.txt.ftl"), "Kubernetes [=kubernetes.version]\n");
    }

    @Test
    void twoBuildsOfOneProjectAtOnceBothSucceedAndWriteTheBytesOfOne(@TempDir Path tmp) throws Exception {
        Path project = tmp.resolve("project");
        writeProject(project);
        Path output = settings(project).outputDirectory();
        Path bundle = project.resolve("target/stack-1.0.tgz");
        List<ChildJvm> builds = new ArrayList<>();
        try {
            // held here until both builds wait for it, so that they surely run at the same time
            try (OutputLock held = OutputLock.acquire(output, Duration.ZERO, line -> { })) {
                for (int i = 0; i < 2; i++) {
                    builds.add(ChildJvm.start(ConcurrentPackageChild.class, List.of(),
                            List.of(project.toString(), bundle.toString())));
                }
                for (ChildJvm b : builds) {
                    b.awaitPrinted("INFO waiting for another build writing " + output, Duration.ofMinutes(2));
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
        assertEquals(1, builds.stream().filter(b -> b.printed("INFO Built release docker-scs-1-32-v1")).count(),
                "one build writes the releases");
        assertEquals(1, builds.stream().filter(b -> b.printed("INFO Cluster stack releases are up to date")).count(),
                "the other finds them written");

        Path alone = tmp.resolve("alone");
        writeProject(alone);
        Path aloneBundle = alone.resolve("target/stack-1.0.tgz");
        new ClusterStackRunner(settings(alone), new SilentLog(), ClusterStackRunnerTest.WORDING).packageReleases(aloneBundle);
        assertArrayEquals(Files.readAllBytes(aloneBundle), Files.readAllBytes(bundle), "the bundle");
        Map<String, String> expected = sha256Tree(settings(alone).outputDirectory());
        assertEquals(10, expected.size(), expected::toString);
        assertEquals(expected, sha256Tree(output));
        assertEquals(List.of(".cluster-stacks.lock", "cluster-stacks", "clusterstack", "stack-1.0.tgz"),
                names(project.resolve("target")), "no staging left");
        assertFalse(Files.exists(project.resolve("target/clusterstack/bundle")));
    }

    /** A log that drops everything. */
    static final class SilentLog implements BuildLog {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }

        @Override
        public void debug(String message) {
        }
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static Map<String, String> sha256Tree(Path root) throws IOException, NoSuchAlgorithmException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return out;
    }
}
