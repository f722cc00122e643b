package dev.clusterstack.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clusterstack.build.BuildLog;
import dev.clusterstack.build.ClusterStackRunner;
import dev.clusterstack.build.StackBuildSettings;
import dev.clusterstack.build.Wording;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line and the Maven plugin build the same bytes. The sample stacks
 * ({@code sample-stack/}): the command line against the build layer driven as the goals drive it (the
 * plugin's defaults and the POM's {@code project.build.outputTimestamp}). The OpenStack invoker scenario:
 * the command line against what the real plugin wrote in a real Maven build (the invoker's copy under
 * {@code maven-plugin/target/it/}, present after the plugin's {@code verify}).
 */
class SameReleasesAsPluginTest {
    /** {@code project.build.outputTimestamp} of the root POM and of the scenario POM. */
    static final String OUTPUT_TIMESTAMP = "2026-01-01T00:00:00Z";
    static final Path SAMPLE = Path.of("../sample-stack").toAbsolutePath().normalize();
    static final List<String> SAMPLE_DEFINITIONS = List.of("src/main/clusterstack/openstack/stack.yaml",
            "src/main/clusterstack/docker/stack.yaml");
    static final Path SCENARIO = Path.of("../maven-plugin/target/it/openstack-several-versions").toAbsolutePath().normalize();

    static final BuildLog QUIET = new BuildLog() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }

        @Override
        public void debug(String message) {
        }
    };

    @Test
    void sampleStacksGiveTheSameReleaseFoldersAsThePluginsRunner(@TempDir Path work) throws IOException {
        Path cliTarget = work.resolve("cli");
        ClusterStackCliTest.Run run = ClusterStackCliTest.cli("build", SAMPLE.toString(), "--definitions",
                String.join(",", SAMPLE_DEFINITIONS), "--build-directory", cliTarget.toString(),
                "--output-timestamp", OUTPUT_TIMESTAMP, "--quiet");
        assertEquals(0, run.code(), run::toString);

        Path pluginTarget = work.resolve("plugin");
        StackBuildSettings settings = StackBuildSettings.builder(SAMPLE).buildDirectory(pluginTarget)
                .definitions(SAMPLE_DEFINITIONS.stream().map(Path::of).toList())
                .outputTimestamp(OUTPUT_TIMESTAMP).toolFingerprint("plugin").build();
        ClusterStackRunner runner = new ClusterStackRunner(settings, QUIET, Wording.IDS);
        runner.generate();
        runner.packageReleases(null);

        assertSameTree(pluginTarget.resolve("cluster-stacks"), cliTarget.resolve("cluster-stacks"), 40);
        assertSameTree(pluginTarget.resolve("cluster-stacks-charts"), cliTarget.resolve("cluster-stacks-charts"), 100);
    }

    @Test
    void openStackScenarioGivesTheSameReleaseFoldersAsTheRealPluginBuild(@TempDir Path work) throws IOException {
        Path plugin = SCENARIO.resolve("target/cluster-stacks");
        Assumptions.assumeTrue(Files.isDirectory(plugin), "no plugin build of the invoker scenario at " + plugin
                + ": run the invoker scenarios first (mvn -o verify -pl core,build,maven-plugin)");

        ClusterStackCliTest.Run run = ClusterStackCliTest.cli("build", SCENARIO.toString(), "--build-directory",
                work.toString(), "--output-timestamp", OUTPUT_TIMESTAMP, "--quiet");

        assertEquals(0, run.code(), run::toString);
        assertSameTree(plugin, work.resolve("cluster-stacks"), 15);
    }

    /** Same relative paths, same bytes; at least {@code minFiles} files. */
    static void assertSameTree(Path expected, Path actual, int minFiles) throws IOException {
        List<Path> expectedFiles = relative(expected);
        assertTrue(expectedFiles.size() >= minFiles, expectedFiles::toString);
        assertEquals(expectedFiles, relative(actual));
        for (Path p : expectedFiles) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(p)), Files.readAllBytes(actual.resolve(p)), p.toString());
        }
    }

    static List<Path> relative(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}
