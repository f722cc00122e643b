package dev.clusterstack.core.release;

import dev.clusterstack.core.definition.StackDefinition;
import dev.clusterstack.core.testsupport.ChildJvm;
import dev.clusterstack.core.verify.ReleaseVerifier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A build killed during packaging: while it runs and after it died, the output folder holds nothing
 * but complete release folders; what it staged is next to the output folder, and the next build
 * removes it.
 */
@Tag("jvm")
class KilledBuildTest {

    @Test
    void theOutputFolderOnlyEverHoldsCompleteReleasesAndTheNextBuildCleansTheStaging(@TempDir Path tmp) throws Exception {
        List<String> definitions = List.of(ReproducibleBuildTest.SAMPLES.resolve("openstack/stack.yaml").toString(),
                ReproducibleBuildTest.SAMPLES.resolve("docker/stack.yaml").toString());
        // kill while the first release is staged, and once some releases are in place and more are staged
        List<Predicate<Path>> killWhen = List.of(
                releases -> count(releases) == 0,
                releases -> count(releases) >= 2);
        for (int run = 0; run < killWhen.size(); run++) {
            Path releases = tmp.resolve("run-" + run).resolve("releases");
            Path staging = AtomicDirectory.stagingFolder(releases);
            List<String> args = new ArrayList<>(List.of(releases.getParent().toString()));
            args.addAll(definitions);
            ChildJvm build = ChildJvm.start(ReproducibleBuildChild.class, List.of(), args);
            int checks = 0;
            boolean killed = false;
            try {
                while (build.process().isAlive()) {
                    assertOnlyCompleteReleases(releases);
                    checks++;
                    if (count(staging) > 0 && killWhen.get(run).test(releases)) {
                        build.kill();
                        killed = true;
                        break;
                    }
                    Thread.sleep(5);
                }
            } finally {
                build.kill();
            }
            assertTrue(killed, "run " + run + ": the build ended before it could be killed: " + build.lines());
            assertOnlyCompleteReleases(releases);
            assertTrue(count(staging) > 0, "run " + run + ": the killed build left its staging next to the output folder");
            assertTrue(checks > 1, "the output folder was checked while the build ran");

            ReleaseBuilder.build(StackDefinition.load(Path.of(definitions.get(1))).stack(),
                    ReleaseBuilder.Options.of(VersionMode.STABLE, releases));
            assertFalse(Files.exists(staging), "run " + run + ": the next build removed the stale staging");
            assertOnlyCompleteReleases(releases);
            assertTrue(count(releases) >= 4, "the next build wrote its releases");
        }
    }

    static long count(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every entry is a release folder with its metadata, hashes, addon configuration and two readable archives. */
    static void assertOnlyCompleteReleases(Path releases) throws IOException {
        if (!Files.isDirectory(releases)) {
            return;
        }
        List<Path> entries;
        try (Stream<Path> s = Files.list(releases)) {
            entries = s.sorted().toList();
        }
        for (Path folder : entries) {
            String name = folder.getFileName().toString();
            if (!ReleaseVerifier.FOLDER.matcher(name).matches() || !Files.isDirectory(folder)) {
                fail("not a release folder in the output folder: " + name);
            }
            List<String> files;
            try (Stream<Path> s = Files.list(folder)) {
                files = s.map(p -> p.getFileName().toString()).sorted().toList();
            }
            String base = name.substring(0, name.lastIndexOf("-v"));
            assertEquals(5, files.size(), name + ": " + files);
            assertTrue(files.contains("clusteraddon.yaml") && files.contains("hashes.json") && files.contains("metadata.yaml"),
                    name + ": " + files);
            ReleaseMetadata.read(folder.resolve("metadata.yaml"));
            ReleaseHashes.read(folder.resolve("hashes.json"));
            for (String f : files) {
                if (f.endsWith(".tgz")) {
                    assertTrue(f.startsWith(base + "-cluster-class-") || f.startsWith(base + "-cluster-addon-"), f);
                    assertFalse(ReleaseVerifier.readTarGz(folder.resolve(f)).isEmpty(), name + "/" + f);
                }
            }
        }
    }
}
