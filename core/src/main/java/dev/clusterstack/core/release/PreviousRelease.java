package dev.clusterstack.core.release;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An earlier release folder, as stable mode needs it.
 *
 * @param folder   the release folder
 * @param metadata its {@code metadata.yaml}
 * @param hashes   its {@code hashes.json}
 */
public record PreviousRelease(Path folder, ReleaseMetadata metadata, ReleaseHashes hashes) {

    /** Checks nothing is missing. */
    public PreviousRelease {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(hashes, "hashes");
    }

    /** @return the versions from its metadata */
    public ReleaseVersions versions() {
        return metadata.versions();
    }
}
