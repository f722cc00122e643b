package dev.clusterstack.core.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an upgrade from one release to the next does to each test cluster: both releases planned for the cluster, and
 * each desired object compared (see {@link UpgradePreview}).
 *
 * @param older          the release clusters upgrade from, e.g. {@code docker-scs-1-32-v3}
 * @param newer          the release they upgrade to
 * @param kubernetesFrom the older release's Kubernetes version, or null for a chart
 * @param kubernetesTo   the newer release's Kubernetes version, or null for a chart
 * @param clusters       one per cluster file, in the order given
 */
public record PreviewReport(String older, String newer, String kubernetesFrom, String kubernetesTo,
                            List<ClusterPreview> clusters) {

    public PreviewReport {
        Objects.requireNonNull(older, "older");
        Objects.requireNonNull(newer, "newer");
        clusters = List.copyOf(clusters);
    }

    /** How one desired object changes, from the least to the most disruptive (then added and removed). */
    public enum Change {
        /** The planned object is the same under both releases. */
        UNCHANGED,
        /** Only labels or annotations change: Cluster API patches them in place, nothing rolls out. */
        METADATA_ONLY,
        /** The spec changes and the object is patched in place; no machine is replaced. */
        IN_PLACE,
        /** It changes, and whether in place or by a rollout depends on the provider: see the reason. */
        UNDETERMINED,
        /** The spec changes so that machines are replaced: a template is rotated, or a rollout field changes. */
        ROLLOUT,
        /** The object exists only under the newer release. */
        ADDED,
        /** The object exists only under the older release. */
        REMOVED
    }

    /**
     * One changed field.
     *
     * @param path     a JSON pointer into the object, e.g. {@code /spec/kubeadmConfigSpec/files/0/content}
     * @param oldValue the value under the older release as JSON, or null when absent there
     * @param newValue the value under the newer release as JSON, or null when absent there
     */
    public record PathChange(String path, String oldValue, String newValue) {
        public PathChange {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * One desired object of the cluster.
     *
     * @param role      the plan's role: {@code infrastructure-cluster}, {@code control-plane},
     *                  {@code control-plane-machine-template}, {@code md-<name>-bootstrap-template},
     *                  {@code md-<name>-infrastructure-template}, {@code md-<name>-machine-deployment}
     * @param kind      the object's kind (under the newer release, else the older)
     * @param name      the object's name in the plan
     * @param change    how it changes
     * @param rollsOut  whose machines roll out ({@code control plane machines}, {@code machines of machine deployment
     *                  md-0}), or null when none
     * @param reason    one sentence: what Cluster API does with this change, naming the paths that decide it
     * @param paths     every changed field, in a fixed order (the older object's order, then fields new in the newer)
     */
    public record ObjectChange(String role, String kind, String name, Change change, String rollsOut, String reason,
                               List<PathChange> paths) {
        public ObjectChange {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(change, "change");
            paths = List.copyOf(paths);
        }
    }

    /**
     * One cluster file.
     *
     * @param clusterFile      the file as given
     * @param clusterName      the Cluster's {@code metadata.name}
     * @param variablesValid   whether the cluster's variables (and overrides) validate under the newer release's class
     * @param variableFindings the variable errors under the newer release, each naming file, line and variable
     * @param olderErrors      other errors planning the cluster under the older release (the preview is then partial)
     * @param newerErrors      other errors planning it under the newer release (Cluster API refuses the cluster)
     * @param objects          the desired objects, in the plan's order
     */
    public record ClusterPreview(String clusterFile, String clusterName, boolean variablesValid,
                                 List<String> variableFindings, List<String> olderErrors, List<String> newerErrors,
                                 List<ObjectChange> objects) {
        public ClusterPreview {
            Objects.requireNonNull(clusterFile, "clusterFile");
            variableFindings = List.copyOf(variableFindings);
            olderErrors = List.copyOf(olderErrors);
            newerErrors = List.copyOf(newerErrors);
            objects = List.copyOf(objects);
        }

        /** @return whose machines roll out, each once, in object order */
        public List<String> rollouts() {
            List<String> out = new ArrayList<>();
            objects.stream().map(ObjectChange::rollsOut).filter(Objects::nonNull).filter(r -> !out.contains(r))
                    .forEach(out::add);
            return out;
        }

        /** @return the objects that change (not {@link Change#UNCHANGED}) */
        public List<ObjectChange> changed() {
            return objects.stream().filter(o -> o.change() != Change.UNCHANGED).toList();
        }
    }

    /** @return true when a cluster's variables do not validate under the newer release, or it does not plan there */
    public boolean refused() {
        return clusters.stream().anyMatch(c -> !c.variablesValid() || !c.newerErrors().isEmpty());
    }

    /** @return one line per cluster for a build log, e.g. {@code cluster `clusters/big.yaml`: control plane machines roll out (...)} */
    public List<String> lines() {
        return clusters.stream().map(c -> PreviewText.line(this, c)).toList();
    }

    /** @return the preview as a Markdown section ({@link PreviewText#render}) */
    public String markdown() {
        return PreviewText.render(this);
    }
}
