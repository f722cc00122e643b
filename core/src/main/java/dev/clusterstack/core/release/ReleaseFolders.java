package dev.clusterstack.core.release;

import dev.clusterstack.core.contract.ReleaseLayout;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of release folders ({@code <provider>-<name>-<major>-<minor>-<clusterStackVersion>}) and
 * the look-up of the previous stable release among them.
 */
public final class ReleaseFolders {

    private static final Pattern NAME_PART = Pattern.compile("[a-z0-9]+");
    private static final Pattern MINOR_DASH = Pattern.compile("(0|[1-9][0-9]*)-(0|[1-9][0-9]*)");

    private ReleaseFolders() {
    }

    /**
     * The release folder name, e.g. {@code openstack-scs-1-32-v3} or
     * {@code docker-ferrol-1-27-v0-sha.3960147}.
     *
     * @param provider     provider, {@code [a-z0-9]+}
     * @param name         stack name, {@code [a-z0-9]+}
     * @param k8sMinorDash Kubernetes minor as {@code <major>-<minor>}, e.g. {@code 1-32}
     * @param clusterStack the cluster stack version
     * @return the folder name
     */
    public static String folderName(String provider, String name, String k8sMinorDash, StackVersion clusterStack) {
        Objects.requireNonNull(clusterStack, "clusterStack");
        return ReleaseLayout.folderName(prefix(provider, name, k8sMinorDash), clusterStack);
    }

    private static String prefix(String provider, String name, String k8sMinorDash) {
        requirePart("provider", provider);
        requirePart("name", name);
        if (k8sMinorDash == null || !MINOR_DASH.matcher(k8sMinorDash).matches()) {
            throw new IllegalArgumentException("Kubernetes minor must look like 1-32, was '" + k8sMinorDash + "'");
        }
        return ReleaseLayout.releaseName(provider, name, k8sMinorDash);
    }

    private static void requirePart(String what, String value) {
        if (value == null || !NAME_PART.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must match [a-z0-9]+ (no dash: the operator splits names on"
                    + " '-'), was '" + value + "'");
        }
    }

    /**
     * Finds the previous stable release: the folder {@code <provider>-<name>-<maj>-<min>-v<N>} in
     * {@code releasesDir} with the highest {@code N}. Hash-mode folders ({@code v0-sha.*}), other
     * stacks, hidden folders and plain files are ignored.
     *
     * @param releasesDir  the folder holding release folders; missing means no previous release
     * @param provider     provider, {@code [a-z0-9]+}
     * @param name         stack name, {@code [a-z0-9]+}
     * @param k8sMinorDash Kubernetes minor as {@code <major>-<minor>}
     * @return the release with its metadata and hashes, or empty if there is none
     * @throws IOException if the chosen folder lacks {@code metadata.yaml} or {@code hashes.json},
     *                     either is invalid, or its metadata disagrees with the folder name
     */
    public static Optional<PreviousRelease> findPrevious(Path releasesDir, String provider, String name,
            String k8sMinorDash) throws IOException {
        Objects.requireNonNull(releasesDir, "releasesDir");
        String prefix = prefix(provider, name, k8sMinorDash);
        if (!Files.isDirectory(releasesDir)) {
            return Optional.empty();
        }
        Pattern stable = Pattern.compile(Pattern.quote(prefix) + "-v([1-9][0-9]{0,8})");
        Path best = null;
        int bestNumber = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(releasesDir)) {
            for (Path entry : entries) {
                Matcher m = stable.matcher(entry.getFileName().toString());
                if (m.matches() && Files.isDirectory(entry)) {
                    int n = Integer.parseInt(m.group(1));
                    if (n > bestNumber) {
                        bestNumber = n;
                        best = entry;
                    }
                }
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        Path metadataFile = best.resolve(ReleaseMetadata.FILE_NAME);
        if (!Files.isRegularFile(metadataFile)) {
            throw new IOException("previous release " + best + " has no " + ReleaseMetadata.FILE_NAME);
        }
        Path hashesFile = best.resolve(ReleaseHashes.FILE_NAME);
        if (!Files.isRegularFile(hashesFile)) {
            throw new IOException("previous release " + best + " has no " + ReleaseHashes.FILE_NAME
                    + ": stable versioning compares the new hashes with it to decide the clusterAddon and nodeImage"
                    + " versions; restore the file, or choose the versions explicitly (custom mode)");
        }
        ReleaseMetadata metadata = ReleaseMetadata.read(metadataFile);
        StackVersion folderVersion = StackVersion.stable(bestNumber);
        if (!metadata.versions().clusterStack().equals(folderVersion)) {
            throw new IOException(metadataFile + ": field versions.clusterStack is "
                    + metadata.versions().clusterStack() + " but the folder name says " + folderVersion);
        }
        if (!metadata.kubernetesMinorDash().equals(k8sMinorDash)) {
            throw new IOException(metadataFile + ": field versions.kubernetes is " + metadata.kubernetesVersion()
                    + " but the folder name says Kubernetes " + k8sMinorDash);
        }
        return Optional.of(new PreviousRelease(best, metadata, ReleaseHashes.read(hashesFile)));
    }
}
