package dev.clusterstack.core.model;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a release packages its addons; written in a stack definition as {@code addonLayout: staged | legacy}. */
public enum AddonLayout {
    /** One chart per addon and {@code clusteraddon.yaml} with the stages (the default). */
    STAGED("staged"),
    /** One umbrella chart whose dependencies are the addons, and {@code cluster-addon-values.yaml}. */
    LEGACY("legacy");

    private final String id;

    AddonLayout(String id) {
        this.id = id;
    }

    /** The word of the stack definition: {@code staged} or {@code legacy}. */
    public String id() {
        return id;
    }

    /** The layout a definition's word names, if any (exact spelling). */
    public static Optional<AddonLayout> of(String id) {
        return Arrays.stream(values()).filter(l -> l.id.equals(id)).findFirst();
    }

    /** {@code staged, legacy}: the words a definition may use. */
    public static String ids() {
        return Arrays.stream(values()).map(AddonLayout::id).collect(Collectors.joining(", "));
    }

    /** The definition's word, as output and hashes write it. */
    @Override
    public String toString() {
        return id;
    }
}
