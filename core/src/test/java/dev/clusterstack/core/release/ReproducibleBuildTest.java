package dev.clusterstack.core.release;

import dev.clusterstack.core.feature.Features;
import dev.clusterstack.core.testsupport.ChildJvm;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Output is byte-identical across JVM processes: the sample stacks and a stack with every feature on
 * are built from an empty folder by separate JVMs, each with its own start time (which seeds the
 * iteration order of {@code Map.of}/{@code Set.of}), identity hash algorithm, time zone, language and
 * default charset. Every file's SHA-256 and the list of files must be the same in all runs. A further
 * run over the first run's output (stable mode, content unchanged) must keep every version and byte.
 */
@Tag("jvm")
class ReproducibleBuildTest {
    static final Path SAMPLES = Path.of("../sample-stack/src/main/clusterstack");

    /** JVM settings per run; the identity hash algorithm and CDS vary too, the start time always does. */
    static final List<List<String>> JVMS = List.of(
            List.of(),
            List.of("-Duser.timezone=Pacific/Kiritimati", "-Duser.language=tr", "-Duser.country=TR",
                    "-Dfile.encoding=ISO-8859-1", "-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=0"),
            List.of("-Duser.timezone=America/St_Johns", "-Duser.language=de", "-Duser.country=DE",
                    "-Dfile.encoding=US-ASCII", "-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=1", "-Xshare:off"),
            List.of("-Duser.timezone=Asia/Kathmandu", "-Duser.language=ar", "-Duser.country=EG",
                    "-Dfile.encoding=UTF-8", "-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=3"),
            List.of("-Duser.timezone=America/Adak", "-Duser.language=ja", "-Duser.country=JP",
                    "-Dfile.encoding=ISO-8859-15", "-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=4",
                    "-XX:+UseSerialGC"),
            List.of("-Duser.timezone=Etc/GMT+12", "-Duser.language=th", "-Duser.country=TH", "-Duser.variant=TH",
                    "-Dfile.encoding=ISO-8859-1", "-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=2"));

    @Test
    void everyJvmWritesTheSameBytes(@TempDir Path tmp) throws Exception {
        List<String> definitions = List.of(SAMPLES.resolve("openstack/stack.yaml").toString(),
                SAMPLES.resolve("docker/stack.yaml").toString(), allFeaturesStack(tmp).toString());

        List<Map<String, String>> runs = new ArrayList<>();
        for (int i = 0; i < JVMS.size(); i++) {
            Path out = tmp.resolve("run-" + i);
            runChild(JVMS.get(i), out, definitions);
            runs.add(sha256Tree(out));
        }
        Map<String, String> first = runs.get(0);
        assertTrue(first.keySet().stream().anyMatch(f -> f.startsWith("releases/openstack-allfeatures-")),
                "the all-features stack was built: " + first.keySet());
        assertTrue(first.size() > 20, "releases and docs were written: " + first.keySet());
        for (int i = 1; i < runs.size(); i++) {
            assertSameTree(first, runs.get(i), "run 0 " + JVMS.get(0), "run " + i + " " + JVMS.get(i));
        }

        // stable mode again over the first run's releases: unchanged content keeps its versions and bytes
        runChild(JVMS.get(1), tmp.resolve("run-0"), definitions);
        assertSameTree(first, sha256Tree(tmp.resolve("run-0")), "run 0", "rebuild over run 0");
    }

    /**
     * The OpenStack sample, renamed, with the two features it leaves to the Docker sample switched on too, every
     * release in Cluster API v1beta1: with the oidc feature on top of the sample's own oidc_config patch, two patches
     * add the same API server arguments, which v1beta2's unique argument names refuse (a located error). The samples'
     * own v1beta2 releases are built in the same runs.
     */
    static Path allFeaturesStack(Path tmp) throws IOException {
        Path dir = tmp.resolve("all-features");
        copyTree(SAMPLES.resolve("openstack"), dir);
        Path file = dir.resolve("stack.yaml");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.contains("\nname: scs\n") && text.stripTrailing().endsWith("restrictApiAccess: {}"),
                "the sample's header and features are as this test expects");
        assertTrue(text.contains("\n    clusterApi: v1beta2\n"), "the sample writes some releases in v1beta2");
        text = text.replace("\n    clusterApi: v1beta2\n", "\n");
        text = text.replace("\nname: scs\n", "\nname: allfeatures\n").stripTrailing()
                + "\n  oidc:\n    variable: featureOidc\n  certSANs:\n    variable: featureCertSANs\n";
        Files.writeString(file, text, StandardCharsets.UTF_8);
        for (String id : Features.ids()) {
            assertTrue(text.contains("\n  " + id + ":"), "feature " + id + " is on in the all-features stack");
        }
        return file;
    }

    static void runChild(List<String> jvmOptions, Path out, List<String> definitions) throws Exception {
        List<String> args = new ArrayList<>(List.of(out.toString()));
        args.addAll(definitions);
        ChildJvm.start(ReproducibleBuildChild.class, jvmOptions, args).awaitSuccess("DONE", Duration.ofMinutes(5));
    }

    static void assertSameTree(Map<String, String> expected, Map<String, String> actual, String expectedName,
                               String actualName) {
        assertEquals(expected.keySet(), actual.keySet(), "files of " + actualName + " vs " + expectedName);
        List<String> differ = new ArrayList<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            if (!e.getValue().equals(actual.get(e.getKey()))) {
                differ.add(e.getKey());
            }
        }
        assertEquals(List.of(), differ, "files whose bytes differ between " + expectedName + " and " + actualName);
    }

    /** Relative path (with '/') to SHA-256 of every file under {@code root}, sorted. */
    static Map<String, String> sha256Tree(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(DirHash.slashPath(root.relativize(p)), sha256(Files.readAllBytes(p)));
            }
        }
        return out;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : new TreeSet<>(s.toList())) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
