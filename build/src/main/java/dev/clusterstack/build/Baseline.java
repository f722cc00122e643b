package dev.clusterstack.build;

import dev.clusterstack.core.contract.ReleaseLayout;
import dev.clusterstack.core.publish.Baselines;
import dev.clusterstack.core.publish.OciRepository;
import dev.clusterstack.core.release.VersionMode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The previous releases stable versioning counts on from: {@link Setting#BASELINE}, a folder (relative
 * to the project folder) or an OCI repository {@code oci://host[:port]/path} read into a cache under
 * {@code target/clusterstack/baseline-cache/}; by default the output directory. The one place that
 * knows where the baseline comes from.
 */
final class Baseline {
    private final ClusterStackRunner runner;

    Baseline(ClusterStackRunner runner) {
        this.runner = runner;
    }

    /**
     * The folder of previous releases: the output directory by default; in stable mode a registry
     * baseline is first read into its cache (offline: the cache is used), and a given folder must exist.
     */
    Path folder(VersionMode mode) {
        StackBuildSettings settings = runner.settings;
        String given = settings.baseline();
        if (given == null) {
            return settings.outputDirectory();
        }
        if (mode != VersionMode.STABLE) {
            return OciRepository.isOciAddress(given) ? settings.outputDirectory()
                    : settings.projectDirectory().resolve(given).normalize();
        }
        Path folder;
        try {
            folder = Baselines.resolve(given, settings.projectDirectory(), settings.baselineCredentials(),
                    settings.baselinePlainHttp(), settings.offline(), runner.stateFile("baseline-cache"), runner.log::info);
        } catch (IllegalArgumentException e) {
            throw runner.error(Setting.BASELINE, e.getMessage());
        } catch (IOException e) {
            throw new StackBuildException(e.getMessage());
        }
        if (!Files.isDirectory(folder)) {
            throw runner.error(Setting.BASELINE, "the folder " + runner.display(folder)
                    + " does not exist (it should hold the previous releases)");
        }
        return folder;
    }

    /**
     * Stable mode: the previous releases in {@code baseline} (from {@link #folder}) decide the versions, so
     * their metadata and hashes are part of the key.
     */
    static String key(VersionMode mode, Path baseline) {
        if (mode != VersionMode.STABLE) {
            return "";
        }
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
