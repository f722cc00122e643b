package dev.clusterstack.core.model;

import dev.clusterstack.core.contract.ReleaseLayout;
import dev.clusterstack.core.model.base.Copies;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A cluster stack: one provider, one stack name, and per Kubernetes version the content of its
 * release. Build it in Java with {@link #builder()} or load it from a stack definition with
 * the definition package's {@code StackDefinition}.
 */
public record ClusterStack(String provider, String name, List<KubernetesRelease> releases,
                           CompatibilitySettings compatibility) {
    public ClusterStack {
        releases = Copies.list(releases);
        compatibility = compatibility == null ? CompatibilitySettings.strict() : compatibility;
    }

    /** A stack with the default {@link CompatibilitySettings#strict() compatibility}. */
    public ClusterStack(String provider, String name, List<KubernetesRelease> releases) {
        this(provider, name, releases, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code <provider>-<name>-<maj>-<min>}: the release name the operator uses for this version's charts. */
    public String releaseName(KubernetesVersion version) {
        return ReleaseLayout.releaseName(provider, name, version.minorDash());
    }

    /** Builds a {@link ClusterStack}. */
    public static final class Builder {
        private String provider;
        private String name;
        private final List<KubernetesRelease> releases = new ArrayList<>();
        private CompatibilitySettings compatibility;

        public Builder provider(String v) { provider = v; return this; }
        public Builder name(String v) { name = v; return this; }
        /** How the upgrade safety check reports; default {@link CompatibilitySettings#strict()}. */
        public Builder compatibility(CompatibilitySettings v) { compatibility = v; return this; }
        /** {@code strict}, {@code warn} or {@code off}, with no per-rule modes. */
        public Builder compatibility(String mode) { compatibility = CompatibilitySettings.mode(mode); return this; }

        public Builder release(KubernetesRelease v) { releases.add(v); return this; }

        /** Adds a Kubernetes version with its content. */
        public Builder release(String kubernetesVersion, StackContent content) {
            releases.add(new KubernetesRelease(KubernetesVersion.parse(kubernetesVersion), null, null, content));
            return this;
        }

        /** Adds several Kubernetes versions whose content is computed from the version: no repetition. */
        public Builder releases(List<String> kubernetesVersions, Function<KubernetesVersion, StackContent> content) {
            for (String v : kubernetesVersions) {
                KubernetesVersion kv = KubernetesVersion.parse(v);
                releases.add(new KubernetesRelease(kv, null, null, content.apply(kv)));
            }
            return this;
        }

        public ClusterStack build() {
            return new ClusterStack(provider, name, releases, compatibility);
        }
    }
}
