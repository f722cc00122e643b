package dev.clusterstack.core.release;

import java.util.Objects;
import java.util.Optional;

/**
 * Decides the versions of a new release as csctl does ({@code pkg/clusterstack/mode.go}).
 *
 * <ul>
 *   <li>{@link VersionMode#CUSTOM}: the three versions as given, validated.</li>
 *   <li>{@link VersionMode#HASH}: every version {@code v0-sha.<first 7 characters of the
 *       clusterStack hash>}.</li>
 *   <li>{@link VersionMode#STABLE}: without a previous release all {@code v1}; else clusterStack
 *       +1 always, clusterAddon +1 only if {@code clusterAddonDir} or {@code clusterAddonValues}
 *       changed, nodeImage +1 only if {@code nodeImageDir} changed (csctl compares exactly these
 *       hashes).</li>
 * </ul>
 *
 * <p>Unlike csctl, no error is raised when no addon or node-image hash changed (csctl then refuses
 * with "no change in the cluster stack", even if only the cluster class changed); deciding whether
 * a release is worth making is left to the caller ({@link ReleaseHashes#clusterStack()} equal to
 * the previous one means nothing at all changed).
 */
public final class Versioner {

    private Versioner() {
    }

    /**
     * Chooses versions for {@code mode}.
     *
     * @param mode     how to choose
     * @param current  hashes of the stack being released
     * @param previous the previous stable release (STABLE only; empty for the first release)
     * @param custom   the explicit versions (CUSTOM only, else ignored and may be null)
     * @return the versions
     */
    public static ReleaseVersions decide(VersionMode mode, ReleaseHashes current, Optional<PreviousRelease> previous,
            ReleaseVersions custom) {
        Objects.requireNonNull(mode, "mode");
        switch (mode) {
            case CUSTOM:
                if (custom == null) {
                    throw new IllegalArgumentException(
                            "custom version mode needs the clusterStack, clusterAddon and nodeImage versions");
                }
                return custom;
            case HASH:
                return hash(current);
            case STABLE:
                return stable(current, previous);
            default:
                throw new IllegalStateException(mode.name());
        }
    }

    /**
     * Custom mode: parses the three given versions.
     *
     * @param clusterStack the cluster stack version, e.g. {@code v3}
     * @param clusterAddon the cluster addon version
     * @param nodeImage    the node image version
     * @return the versions
     * @throws IllegalArgumentException naming the component whose version is missing or invalid
     */
    public static ReleaseVersions custom(String clusterStack, String clusterAddon, String nodeImage) {
        return new ReleaseVersions(parse("clusterStack", clusterStack), parse("clusterAddon", clusterAddon),
                parse("nodeImage", nodeImage));
    }

    private static StackVersion parse(String component, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("custom version mode: the " + component + " version is missing");
        }
        try {
            return StackVersion.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("custom version mode: " + component + " " + e.getMessage(), e);
        }
    }

    /**
     * Hash mode: all three versions {@code v0-sha.<first 7 characters of current.clusterStack>}.
     *
     * @param current hashes of the stack being released
     * @return the versions
     */
    public static ReleaseVersions hash(ReleaseHashes current) {
        StackVersion v = StackVersion.ofHash(Objects.requireNonNull(current, "current").clusterStack());
        return new ReleaseVersions(v, v, v);
    }

    /**
     * Stable mode.
     *
     * @param current  hashes of the stack being released
     * @param previous the previous stable release, empty for the first one
     * @return the versions
     */
    public static ReleaseVersions stable(ReleaseHashes current, Optional<PreviousRelease> previous) {
        Objects.requireNonNull(previous, "previous");
        return previous.isPresent()
                ? stable(current, previous.get().versions(), previous.get().hashes())
                : stable(current, null, null);
    }

    /**
     * Stable mode.
     *
     * @param current          hashes of the stack being released
     * @param previousVersions versions of the previous release, or null if there is none
     * @param previousHashes   hashes of the previous release, null exactly when previousVersions is
     * @return the versions
     * @throws IllegalArgumentException if a previous version is a hash version
     */
    public static ReleaseVersions stable(ReleaseHashes current, ReleaseVersions previousVersions,
            ReleaseHashes previousHashes) {
        Objects.requireNonNull(current, "current");
        if ((previousVersions == null) != (previousHashes == null)) {
            throw new IllegalArgumentException("stable mode needs both the versions and the hashes of the previous"
                    + " release, or neither");
        }
        if (previousVersions == null) {
            StackVersion v1 = StackVersion.stable(1);
            return new ReleaseVersions(v1, v1, v1);
        }
        return new ReleaseVersions(
                bump("clusterStack", previousVersions.clusterStack(), true),
                bump("clusterAddon", previousVersions.clusterAddon(), current.clusterAddonChangedSince(previousHashes)),
                bump("nodeImage", previousVersions.nodeImage(), current.nodeImageChangedSince(previousHashes)));
    }

    private static StackVersion bump(String component, StackVersion previous, boolean changed) {
        if (previous.isHash()) {
            throw new IllegalArgumentException("stable version mode: the previous release has the hash version "
                    + previous + " for " + component + "; a stable release must follow a stable one (v<N>)");
        }
        return changed ? previous.next() : previous;
    }
}
