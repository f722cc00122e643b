package dev.clusterstack.core.release;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the versions of a release are chosen, as csctl's {@code --mode}. */
public enum VersionMode {
    /** All three versions given explicitly. */
    CUSTOM,
    /** Every version is {@code v0-sha.<first 7 characters of the cluster stack hash>}. */
    HASH,
    /** Next versions after the previous release, bumped by what changed. */
    STABLE;

    /**
     * Parses a mode name, ignoring case ({@code stable}, {@code hash}, {@code custom}).
     *
     * @param text the name
     * @return the mode
     * @throws IllegalArgumentException listing the valid names
     */
    public static VersionMode parse(String text) {
        for (VersionMode m : values()) {
            if (m.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown version mode '" + text + "': use one of "
                + Arrays.stream(values()).map(m -> m.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }
}
