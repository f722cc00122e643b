package dev.clusterstack.core.feature.scripts;

import static dev.clusterstack.core.feature.scripts.ScriptSupport.install;
import static dev.clusterstack.core.feature.scripts.ScriptSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clusterstack.core.feature.scripts.ScriptSupport.Result;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runs apiserver-limits.sh against a kubeadm-shaped kube-apiserver static pod manifest. */
class ApiserverLimitsScriptTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String KUBEADM_RESOURCES = """
                resources:
                  requests:
                    cpu: 250m
            """;

    @TempDir
    Path dir;
    Path script;
    Path manifestDir;
    Path manifest;
    String original;

    @BeforeEach
    void setUp() throws IOException {
        script = install("apiserver-limits.sh", dir);
        manifestDir = Files.createDirectories(dir.resolve("manifests"));
        manifest = manifestDir.resolve("kube-apiserver.yaml");
        try (InputStream in = getClass().getResourceAsStream("kube-apiserver.yaml")) {
            assertNotNull(in, "sample manifest");
            original = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(original.contains(KUBEADM_RESOURCES), "sample has kubeadm's resources block");
        Files.writeString(manifest, original);
    }

    private Result apply(long memMib, int cpus, String... flags) {
        List<String> cmd = new ArrayList<>(List.of(script.toString(), "--manifest", manifest.toString()));
        cmd.addAll(List.of(flags));
        return run(Map.of("APISERVER_LIMITS_MEM_MIB", Long.toString(memMib),
                "APISERVER_LIMITS_CPUS", Integer.toString(cpus)), TIMEOUT, cmd);
    }

    private static String resources(String cpuLimit, String memLimit, String memRequest) {
        return "    resources:\n"
                + "      limits:\n"
                + "        cpu: " + cpuLimit + "\n"
                + "        memory: " + memLimit + "\n"
                + "      requests:\n"
                + "        cpu: 250m\n"
                + (memRequest == null ? "" : "        memory: " + memRequest + "\n");
    }

    /** The whole file equals the original with only the resources block replaced. */
    @Test
    void specExampleTwoCpus3923MiB() throws IOException {
        Files.setPosixFilePermissions(manifest, PosixFilePermissions.fromString("rw-------"));
        Result r = apply(3923, 2);
        assertEquals(0, r.exitCode(), r.output());
        String expected = original.replace(KUBEADM_RESOURCES, resources("1500m", "2952M", "512M"));
        assertNotEquals(original, expected);
        assertEquals(expected, Files.readString(manifest));
        assertTrue(r.output().contains("apiserver-limits: set limits cpu 1500m, memory 2952M"), r.output());
        // atomic replace kept the mode and left no temp file behind in the static pod folder
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(manifest)));
        try (Stream<Path> files = Files.list(manifestDir)) {
            assertEquals(List.of(manifest), files.toList());
        }
    }

    @Test
    void secondRunChangesNothing() throws IOException {
        assertEquals(0, apply(3923, 2).exitCode());
        byte[] once = Files.readAllBytes(manifest);
        Result again = apply(3923, 2);
        assertEquals(0, again.exitCode(), again.output());
        assertTrue(again.output().contains("already has resource limits; nothing to do"), again.output());
        assertEquals(new String(once, StandardCharsets.UTF_8), Files.readString(manifest));
        // other node sizes or settings do not matter once a limit is set
        assertEquals(0, apply(16000, 8, "--memory-percent", "50").exitCode());
        assertEquals(new String(once, StandardCharsets.UTF_8), Files.readString(manifest));
    }

    @ParameterizedTest(name = "{0} MiB, {1} CPUs, {2} -> {3}, {4}")
    @CsvSource(delimiter = '|', textBlock = """
            8000  | 4 | --memory-percent 50 --cpu-percent 50        | 4010M  | 2000m | 512M
            3923  | 2 | --memory-percent=60 --cpu-milli-per-core=1000 | 2363M  | 2000m | 512M
            3923  | 2 | --memory-offset 0 --memory-request 1Gi       | 2942M  | 1500m | 1Gi
            65536 | 1 | --memory-percent 100 --memory-request none   | 65546M | 750m  |
            """)
    void otherSettings(long mem, int cpus, String flags, String memLimit, String cpuLimit, String memRequest)
            throws IOException {
        Result r = apply(mem, cpus, flags.trim().split("\\s+"));
        assertEquals(0, r.exitCode(), r.output());
        assertEquals(original.replace(KUBEADM_RESOURCES, resources(cpuLimit, memLimit, memRequest)),
                Files.readString(manifest));
    }

    @Test
    void environmentConfiguresToo() throws IOException {
        Result r = run(Map.of("APISERVER_LIMITS_MEM_MIB", "8000", "APISERVER_LIMITS_CPUS", "4",
                "APISERVER_LIMITS_MANIFEST", manifest.toString(), "APISERVER_LIMITS_MEMORY_PERCENT", "50",
                "APISERVER_LIMITS_CPU_MILLI_PER_CORE", "500", "APISERVER_LIMITS_MEMORY_REQUEST", "256M"),
                TIMEOUT, script.toString());
        assertEquals(0, r.exitCode(), r.output());
        assertEquals(original.replace(KUBEADM_RESOURCES, resources("2000m", "4010M", "256M")),
                Files.readString(manifest));
    }

    @Test
    void existingLimitsAreLeftAlone() throws IOException {
        String limited = original.replace(KUBEADM_RESOURCES, """
                    resources:
                      limits:
                        cpu: "2"
                      requests:
                        cpu: 250m
                """);
        Files.writeString(manifest, limited);
        Result r = apply(3923, 2);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("already has resource limits; nothing to do"), r.output());
        assertEquals(limited, Files.readString(manifest));
    }

    @Test
    void missingResourcesBlockIsCreatedInKubeadmKeyOrder() throws IOException {
        Files.writeString(manifest, original.replace(KUBEADM_RESOURCES, ""));
        Result r = apply(3923, 2);
        assertEquals(0, r.exitCode(), r.output());
        String expected = original.replace(KUBEADM_RESOURCES, """
                    resources:
                      limits:
                        cpu: 1500m
                        memory: 2952M
                      requests:
                        memory: 512M
                """);
        assertEquals(expected, Files.readString(manifest));
    }

    @Test
    void refusesARequestAboveTheLimitAndUnknownContainers() throws IOException {
        Result tooSmall = apply(500, 1); // limit 385M < request 512M: the pod would be invalid
        assertNotEquals(0, tooSmall.exitCode(), tooSmall.output());
        assertTrue(tooSmall.output().contains("exceeds the computed limit 385M"), tooSmall.output());
        assertEquals(original, Files.readString(manifest));

        Result wrongName = apply(3923, 2, "--container", "etcd");
        assertEquals(3, wrongName.exitCode(), wrongName.output());
        assertEquals(original, Files.readString(manifest));

        Result badPercent = apply(3923, 2, "--memory-percent", "0");
        assertEquals(2, badPercent.exitCode(), badPercent.output());
        assertEquals(original, Files.readString(manifest));
        try (Stream<Path> files = Files.list(manifestDir)) {
            assertEquals(List.of(manifest), files.toList(), "no temp files left behind");
        }
    }
}
