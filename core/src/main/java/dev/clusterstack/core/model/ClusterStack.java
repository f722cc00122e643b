package dev.clusterstack.core.model;

import dev.clusterstack.core.contract.ReleaseLayout;
import dev.clusterstack.core.model.base.Copies;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
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
        private ClusterApiVersion clusterApi;
        private final List<KubernetesRelease> releases = new ArrayList<>();
        private final Set<Integer> ownApi = new TreeSet<>();
        private CompatibilitySettings compatibility;

        public Builder provider(String v) { provider = v; return this; }
        public Builder name(String v) { name = v; return this; }
        /** How the upgrade safety check reports; default {@link CompatibilitySettings#strict()}. */
        public Builder compatibility(CompatibilitySettings v) { compatibility = v; return this; }
        /** {@code strict}, {@code warn} or {@code off}, with no per-rule modes. */
        public Builder compatibility(String mode) { compatibility = CompatibilitySettings.mode(mode); return this; }

        /**
         * The Cluster API version of every release that does not choose its own (default
         * {@link ClusterApiVersion#DEFAULT}); applies to the releases added before and after it.
         */
        public Builder clusterApi(ClusterApiVersion v) { clusterApi = v; return this; }

        /** Adds a release as it is: it keeps its own Cluster API version. */
        public Builder release(KubernetesRelease v) {
            releases.add(v);
            ownApi.add(releases.size() - 1);
            return this;
        }

        /** Adds a Kubernetes version with its content. */
        public Builder release(String kubernetesVersion, StackContent content) {
            releases.add(new KubernetesRelease(KubernetesVersion.parse(kubernetesVersion), null, null, content, null));
            return this;
        }

        /** Adds a Kubernetes version with its content, written in its own Cluster API version. */
        public Builder release(String kubernetesVersion, ClusterApiVersion clusterApi, StackContent content) {
            releases.add(new KubernetesRelease(KubernetesVersion.parse(kubernetesVersion), null, null, content,
                    Objects.requireNonNull(clusterApi, "clusterApi")));
            ownApi.add(releases.size() - 1);
            return this;
        }

        /** Adds several Kubernetes versions whose content is computed from the version: no repetition. */
        public Builder releases(List<String> kubernetesVersions, Function<KubernetesVersion, StackContent> content) {
            for (String v : kubernetesVersions) {
                KubernetesVersion kv = KubernetesVersion.parse(v);
                releases.add(new KubernetesRelease(kv, null, null, content.apply(kv), null));
            }
            return this;
        }

        public ClusterStack build() {
            List<KubernetesRelease> out = new ArrayList<>();
            for (int i = 0; i < releases.size(); i++) {
                KubernetesRelease r = releases.get(i);
                out.add(clusterApi == null || r == null || ownApi.contains(i) ? r : r.withClusterApi(clusterApi));
            }
            return new ClusterStack(provider, name, out, compatibility);
        }
    }
}
