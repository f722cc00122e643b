package dev.clusterstack.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The launcher script {@code src/main/dist/clusterstack} (copied beside the jar by the build): the first run writes a
 * class-data sharing archive into the cache, later runs use it, and every run builds the same bytes with the command
 * line's exit codes and messages and no JVM log lines. The jar is a manifest-only jar naming this module's classes.
 */
@Tag("jvm")
class LauncherScriptTest {
    private static final Path SCRIPT = Path.of("src/main/dist/clusterstack").toAbsolutePath();

    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
    }

    @Test
    void theFirstRunWritesTheArchiveAndEveryRunBuildsTheSameBytes() throws Exception {
        Path bin = launcher();
        Path cache = tmp.resolve("cache");
        Path first = stack("first", ClusterStackCliTest.STACK);
        Result r1 = run(bin, cache, "build", first.toString(), "-q");
        assertEquals(0, r1.code(), r1::toString);
        assertEquals("", r1.err(), "no JVM log lines");
        List<String> archives = list(cache.resolve("clusterstack"));
        assertEquals(1, archives.size(), archives::toString);
        assertTrue(archives.get(0).matches("cli-\\d+\\.jsa"), archives::toString);
        assertTrue(Files.size(cache.resolve("clusterstack").resolve(archives.get(0))) > 1_000_000, "an archive of classes");

        Path second = stack("second", ClusterStackCliTest.STACK);
        Result r2 = run(bin, cache, "build", second.toString(), "-q");
        assertEquals(0, r2.code(), r2::toString);
        assertEquals("", r2.err(), "no JVM log lines");
        assertEquals(archives, list(cache.resolve("clusterstack")), "the archive is reused, not written again");
        Map<String, String> a = hashes(first.resolve("target/cluster-stacks"));
        assertFalse(a.isEmpty());
        assertEquals(a, hashes(second.resolve("target/cluster-stacks")));

        Result off = runWith(bin, cache, Map.of("CLUSTERSTACK_CDS", "off"), "--version");
        assertEquals(0, off.code(), off::toString);
        assertTrue(off.out().contains(ClusterStackCli.version()), off::toString);
    }

    @Test
    void aWrongStackExitsOneWithTheLocatedProblemOnly() throws Exception {
        Path bin = launcher();
        Path wrong = stack("wrong", ClusterStackCliTest.STACK.replace("version: 1.32.5", "version: banana"));
        Result r = run(bin, tmp.resolve("cache"), "build", wrong.toString(), "-q");
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("stack.yaml:"), r::toString);
        assertFalse(r.err().contains("[warning]") || r.err().contains("at dev.clusterstack"), r::toString);
    }

    @Test
    void withoutAJarBesideItExitsTwo() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("empty-bin"));
        Files.copy(SCRIPT, bin.resolve("clusterstack"));
        Result r = run(bin, tmp.resolve("cache"), "--version");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("no clusterstack-cli-*.jar beside"), r::toString);
    }

    @Test
    void shellcheckClean() throws Exception {
        assumeTrue(onPath("shellcheck"), "shellcheck not installed (apt-get install shellcheck): launcher lint skipped");
        Process p = new ProcessBuilder("shellcheck", "-S", "style", "-s", "bash", SCRIPT.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
    }

    /** The script and a manifest-only jar whose class path is this module's test class path. */
    private Path launcher() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.copy(SCRIPT, bin.resolve("clusterstack"));
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, ClusterStackCli.class.getName());
        List<String> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath();
            urls.add(p.toUri().toString());
        }
        main.put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
        try (OutputStream out = Files.newOutputStream(bin.resolve("clusterstack-cli-test.jar"));
             JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        return bin;
    }

    private Path stack(String name, String yaml) throws IOException {
        Path project = tmp.resolve(name);
        Files.createDirectories(project.resolve("src/main/clusterstack"));
        Files.writeString(project.resolve("src/main/clusterstack/stack.yaml"), yaml);
        return project;
    }

    private Result run(Path bin, Path cache, String... args) throws Exception {
        return runWith(bin, cache, Map.of(), args);
    }

    private Result runWith(Path bin, Path cache, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", bin.resolve("clusterstack").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        pb.environment().put("XDG_CACHE_HOME", cache.toString());
        pb.environment().put("CLUSTERSTACK_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().putAll(env);
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), "the launcher finishes");
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Map<String, String> hashes(Path dir) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                m.put(dir.relativize(p).toString(), HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return m;
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(File.pathSeparator)).anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }
}
