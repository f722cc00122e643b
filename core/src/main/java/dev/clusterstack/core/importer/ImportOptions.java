package dev.clusterstack.core.importer;

import java.nio.file.Path;

/**
 * Settings of {@link StackImporter#importStack}.
 *
 * @param overwrite  replace a stack definition the target project has already (otherwise the import refuses)
 * @param chartCache Helm's chart cache for rendering, or {@code null} for none (the cluster-class chart has no
 *                   dependencies to fetch; the addon charts are read, never rendered)
 */
public record ImportOptions(boolean overwrite, Path chartCache) {
    /** Refuse to overwrite, no chart cache. */
    public static ImportOptions defaults() {
        return new ImportOptions(false, null);
    }

    public ImportOptions withOverwrite(boolean value) {
        return new ImportOptions(value, chartCache);
    }
}
