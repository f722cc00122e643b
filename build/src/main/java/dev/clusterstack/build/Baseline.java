package dev.clusterstack.build;

import dev.clusterstack.core.contract.ReleaseLayout;
import dev.clusterstack.core.release.VersionMode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The previous releases stable versioning counts on from: the folder {@link Setting#BASELINE}, by
 * default the output directory. The one place that knows where the baseline comes from.
 */
final class Baseline {
    private final ClusterStackRunner runner;

    Baseline(ClusterStackRunner runner) {
        this.runner = runner;
    }

    /** The folder of previous releases; a given folder must exist in stable mode. */
    Path folder(VersionMode mode) {
        Path given = runner.settings.baseline();
        if (given != null && mode == VersionMode.STABLE && !Files.isDirectory(given)) {
            throw runner.error(Setting.BASELINE, "the folder " + runner.display(given)
                    + " does not exist (it should hold the previous releases)");
        }
        return given != null ? given : runner.settings.outputDirectory();
    }

    /** Stable mode: the previous releases decide the versions, so their metadata and hashes are part of the key. */
    String key(VersionMode mode) {
        if (mode != VersionMode.STABLE) {
            return "";
        }
        Path baseline = runner.settings.baseline() != null ? runner.settings.baseline() : runner.settings.outputDirectory();
        if (!Files.isDirectory(baseline)) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        try (Stream<Path> s = Files.list(baseline)) {
            for (Path p : s.sorted().toList()) {
                if (Files.isDirectory(p) && ReleaseLayout.FOLDER.matcher(p.getFileName().toString()).matches()) {
                    b.append("previous ").append(p.getFileName());
                    for (String f : List.of(ReleaseLayout.METADATA_FILE, ReleaseLayout.HASHES_FILE)) {
                        Path file = p.resolve(f);
                        b.append(' ').append(Files.isRegularFile(file) ? BuildState.sha256(file) : "-");
                    }
                    b.append('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + baseline + ": " + e.getMessage(), e);
        }
        return b.toString();
    }
}
