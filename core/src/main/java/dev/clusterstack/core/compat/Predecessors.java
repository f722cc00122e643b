package dev.clusterstack.core.compat;

import dev.clusterstack.core.release.ReleaseMetadata;
import dev.clusterstack.core.release.StackVersion;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The releases clusters upgrade from, in a baseline folder of release folders (a folder baseline, or the folder
 * {@code dev.clusterstack.core.publish.Baselines#resolve} materialises from a registry): the previous stable
 * release of the same Kubernetes minor ({@code v3} before {@code v4}) and the latest stable release of the
 * previous minor ({@code 1-32} before {@code 1-33}).
 */
public final class Predecessors {

    private static final Pattern MINOR = Pattern.compile("(0|[1-9][0-9]*)-(0|[1-9][0-9]*)");

    private Predecessors() {
    }

    /**
     * Finds the predecessors.
     *
     * @param baselineFolder   the folder holding release folders
     * @param provider         provider
     * @param name             stack name
     * @param kubernetesMinor  Kubernetes minor of the new release, {@code 1-33} (or {@code 1.33})
     * @param version          the new release's cluster stack version: same-minor releases before it count; a
     *                         hash version ({@code v0-sha.*}) counts every stable release of the minor
     * @return the release folders, same minor first; empty when there are none (a first release)
     * @throws CompatException when the baseline is not a readable folder, naming it
     */
    public static List<Path> find(Path baselineFolder, String provider, String name, String kubernetesMinor,
            StackVersion version) {
        Objects.requireNonNull(baselineFolder, "baselineFolder");
        Objects.requireNonNull(version, "version");
        Matcher minor = MINOR.matcher(kubernetesMinor == null ? "" : kubernetesMinor.replace('.', '-'));
        if (!minor.matches()) {
            throw new IllegalArgumentException("Kubernetes minor must look like 1-33, was '" + kubernetesMinor + "'");
        }
        if (!Files.isDirectory(baselineFolder)) {
            throw new CompatException("baseline " + baselineFolder + " is not a folder of release folders"
                    + (Files.exists(baselineFolder) ? " (it is a file)" : " (it does not exist)"));
        }
        int major = Integer.parseInt(minor.group(1));
        int min = Integer.parseInt(minor.group(2));
        int below = version.isHash() ? Integer.MAX_VALUE : version.number();
        List<Path> out = new ArrayList<>();
        latest(baselineFolder, provider + "-" + name + "-" + major + "-" + min, below).ifPresent(out::add);
        if (min > 0) {
            latest(baselineFolder, provider + "-" + name + "-" + major + "-" + (min - 1), Integer.MAX_VALUE)
                    .ifPresent(out::add);
        }
        return out;
    }

    private static Optional<Path> latest(Path baseline, String prefix, int below) {
        Pattern stable = Pattern.compile(Pattern.quote(prefix) + "-v([1-9][0-9]{0,8})");
        Path best = null;
        int bestNumber = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(baseline)) {
            for (Path entry : entries) {
                Matcher m = stable.matcher(entry.getFileName().toString());
                if (m.matches() && Files.isDirectory(entry)) {
                    int n = Integer.parseInt(m.group(1));
                    if (n < below && n > bestNumber) {
                        bestNumber = n;
                        best = entry;
                    }
                }
            }
        } catch (IOException e) {
            throw new CompatException("baseline " + baseline + " cannot be read: " + e.getMessage(), e);
        }
        if (best != null && !Files.isRegularFile(best.resolve(ReleaseMetadata.FILE_NAME))) {
            throw new CompatException("baseline " + baseline + ": release " + best.getFileName() + " is partial: it has no "
                    + ReleaseMetadata.FILE_NAME);
        }
        return Optional.ofNullable(best);
    }
}
