package dev.clusterstack.core.feature.scripts;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Shared helpers: feature resources from the classpath and real child processes. */
final class ScriptSupport {

    static final String FEATURE_DIR = "/dev/clusterstack/core/feature/";

    private ScriptSupport() {
    }

    /** Text of a feature resource (script or unit template). */
    static String resource(String name) {
        try (InputStream in = ScriptSupport.class.getResourceAsStream(FEATURE_DIR + name)) {
            assertNotNull(in, "missing classpath resource " + FEATURE_DIR + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * All feature resources whose names end with the suffix, listed from the folder that holds
     * etcd-defrag.sh (target/classes; the same package folder also exists in target/test-classes).
     */
    static List<String> resourceNames(String suffix) {
        URL anchor = ScriptSupport.class.getResource(FEATURE_DIR + "etcd-defrag.sh");
        assertNotNull(anchor, "missing classpath resource " + FEATURE_DIR + "etcd-defrag.sh");
        try (Stream<Path> files = Files.list(Path.of(anchor.toURI()).getParent())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies a feature resource into dir, executable, and returns its path. */
    static Path install(String name, Path dir) throws IOException {
        Path target = dir.resolve(name);
        Files.writeString(target, resource(name), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        return target;
    }

    /** Whether an executable of that name is on PATH. */
    static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        return Arrays.stream(path.split(":"))
                .filter(s -> !s.isEmpty())
                .map(s -> Path.of(s, command))
                .anyMatch(Files::isExecutable);
    }

    record Result(int exitCode, String output) {
        List<String> lines() {
            return output.lines().toList();
        }
    }

    /** Runs a command (stdout and stderr merged), failing the test when it outlives the timeout. */
    static Result run(Map<String, String> env, Duration timeout, List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        pb.environment().putAll(env);
        try {
            Path out = Files.createTempFile("script-out", ".log");
            try {
                pb.redirectOutput(out.toFile());
                Process p = pb.start();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    fail("timed out after " + timeout + ": " + command + "\n" + Files.readString(out));
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Result run(Map<String, String> env, Duration timeout, String... command) {
        return run(env, timeout, List.of(command));
    }
}
