package dev.clusterstack.core.compat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clusterstack.core.compat.PreviewReport.ClusterPreview;
import dev.clusterstack.core.compat.PreviewReport.ObjectChange;
import dev.clusterstack.core.helm.HelmRunner;
import dev.clusterstack.core.plan.ClassSource;
import dev.clusterstack.core.plan.ClusterFile;
import dev.clusterstack.core.plan.Finding;
import dev.clusterstack.core.plan.Plan;
import dev.clusterstack.core.plan.PlanOptions;
import dev.clusterstack.core.plan.Planner;
import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.problem.StackException;
import dev.clusterstack.core.release.ReleaseMetadata;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The upgrade preview: each test cluster planned ({@link Planner}) under the release it upgrades from and under the
 * release it upgrades to, as the Cluster Stack Operator's switch of {@code spec.topology.class} makes Cluster API do,
 * and each desired object compared ({@link ObjectComparison} holds the rules and the Cluster API code they follow).
 *
 * <p>Under each release the cluster's class is that release's ClusterClass; a cluster that sets no
 * {@code spec.topology.version} takes the release's Kubernetes version (from {@code metadata.yaml}; for a chart
 * {@code v<major>.<minor>.0}), one that sets it keeps it, as in the plan. Object names use the plan's fixed stand-in
 * for Cluster API's random characters, so they are the same under both releases, as Cluster API keeps the names of
 * existing objects.
 */
public final class UpgradePreview {
    private static final ObjectMapper JSON = new ObjectMapper();

    private UpgradePreview() {
    }

    /**
     * Plans every cluster under the older and the newer release and tells what the upgrade does to it, with a Helm
     * runner of its own (closed before returning).
     *
     * @see #preview(Path, Path, List, PlanOptions, HelmRunner)
     */
    public static PreviewReport preview(Path olderRelease, Path newerRelease, List<Path> clusterFiles, PlanOptions options) {
        checkClusterFiles(clusterFiles);
        try (HelmRunner helm = HelmRunner.create()) {
            return preview(olderRelease, newerRelease, clusterFiles, options, helm);
        }
    }

    /**
     * Plans every cluster under the older and the newer release and tells what the upgrade does to it.
     *
     * @param olderRelease the release clusters upgrade from: a release folder, or a cluster-class chart folder or .tgz
     *                     ({@link ReleaseInput})
     * @param newerRelease the release they upgrade to, likewise
     * @param clusterFiles Cluster YAML files; findings name them as given
     * @param options      how to plan (CRD schemas, work folder)
     * @param helm         renders the cluster-class charts
     * @return per cluster, in the order given: whether its variables validate under the newer class, and what each
     *         desired object does
     * @throws CompatException naming every cluster file that cannot be read as a Cluster (all at once, before any
     *                         rendering), or the release that cannot be read or rendered
     */
    public static PreviewReport preview(Path olderRelease, Path newerRelease, List<Path> clusterFiles, PlanOptions options,
                                        HelmRunner helm) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(helm, "helm");
        List<ClusterFile> clusters = checkClusterFiles(clusterFiles);
        Side older = side(olderRelease, helm);
        Side newer = side(newerRelease, helm);
        List<ClusterPreview> out = new ArrayList<>();
        for (ClusterFile cluster : clusters) {
            Plan before = Planner.plan(older.source, cluster.forRelease(older.className, older.kubernetes), options);
            Plan after = Planner.plan(newer.source, cluster.forRelease(newer.className, newer.kubernetes), options);
            out.add(compare(before, after, older.loaded.label(), newer.loaded.label()));
        }
        return new PreviewReport(older.loaded.label(), newer.loaded.label(), older.loaded.kubernetesVersion(),
                newer.loaded.kubernetesVersion(), out);
    }

    /** The two plans of one cluster compared. */
    static ClusterPreview compare(Plan before, Plan after, String olderLabel, String newerLabel) {
        List<String> variableFindings = new ArrayList<>();
        List<String> newerErrors = new ArrayList<>();
        for (Finding f : after.errors()) {
            (isVariable(f) ? variableFindings : newerErrors).add(f.toString());
        }
        List<String> olderErrors = before.errors().stream().map(Finding::toString).toList();
        Map<String, ObjectNode> a = trees(before);
        Map<String, ObjectNode> b = trees(after);
        Set<String> roles = new LinkedHashSet<>(a.keySet());
        roles.addAll(b.keySet());
        List<ObjectChange> objects = new ArrayList<>();
        for (String role : roles) {
            objects.add(ObjectComparison.compare(role, a.get(role), b.get(role), olderLabel, newerLabel));
        }
        return new ClusterPreview(before.clusterFile(), before.clusterName(), variableFindings.isEmpty(), variableFindings,
                olderErrors, newerErrors, objects);
    }

    /** A finding of the Cluster's variables or of a topology's variable overrides. */
    private static boolean isVariable(Finding f) {
        String field = f.field() == null ? "" : f.field();
        return field.startsWith("spec.topology.variables") || field.contains(".variables.overrides");
    }

    private static Map<String, ObjectNode> trees(Plan plan) {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        plan.objects().forEach((role, o) -> out.put(role, JSON.valueToTree(o)));
        return out;
    }

    /** A release read, rendered once for the planner, with its ClusterClass name and Kubernetes version. */
    private record Side(ReleaseInput.Loaded loaded, ClassSource source, String className, String kubernetes) {
    }

    private static Side side(Path release, HelmRunner helm) {
        Objects.requireNonNull(release, "release");
        ReleaseInput.Loaded loaded = ReleaseInput.of(release).load(helm);
        Path chart = Files.isRegularFile(release.resolve(ReleaseMetadata.FILE_NAME))
                ? release.resolve(loaded.stack() + "-" + loaded.minorDash() + "-cluster-class-" + loaded.version() + ".tgz")
                : release;
        ClassSource source;
        try {
            source = ClassSource.fromChart(chart, helm);
        } catch (StackException e) {
            throw new CompatException(messages(e));
        }
        String className = source.classNames().get(0);
        String kubernetes = loaded.kubernetesVersion() != null ? loaded.kubernetesVersion()
                : "v" + loaded.minorDash().replace('-', '.') + ".0";
        return new Side(loaded, source, className, kubernetes);
    }

    /** Reads every cluster file; the problems of all of them in one exception. */
    private static List<ClusterFile> checkClusterFiles(List<Path> clusterFiles) {
        Objects.requireNonNull(clusterFiles, "clusterFiles");
        List<ClusterFile> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : clusterFiles) {
            String display = file.toString();
            try {
                out.add(ClusterFile.read(file, display));
            } catch (StackException e) {
                problems.add(messages(e));
            }
        }
        if (!problems.isEmpty()) {
            throw new CompatException((problems.size() == 1 ? "a cluster file cannot be previewed: "
                    : problems.size() + " cluster files cannot be previewed:\n  ") + String.join("\n  ", problems));
        }
        return out;
    }

    private static String messages(StackException e) {
        List<String> lines = new ArrayList<>();
        for (Problem p : e.problems()) {
            lines.add((p.location() == null ? "" : p.location() + ": ") + (p.path().isEmpty() ? "" : p.path() + ": ")
                    + p.message());
        }
        return String.join("; ", lines);
    }
}
