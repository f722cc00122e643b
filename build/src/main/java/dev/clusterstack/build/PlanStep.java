package dev.clusterstack.build;

import dev.clusterstack.build.ClusterStackRunner.BuiltRelease;
import dev.clusterstack.build.ClusterStackRunner.PlanResult;
import dev.clusterstack.core.contract.ReleaseLayout;
import dev.clusterstack.core.crd.CrdSchemas;
import dev.clusterstack.core.helm.HelmRunner;
import dev.clusterstack.core.plan.ClassSource;
import dev.clusterstack.core.plan.ClusterFile;
import dev.clusterstack.core.plan.Finding;
import dev.clusterstack.core.plan.Plan;
import dev.clusterstack.core.plan.PlanOptions;
import dev.clusterstack.core.plan.PlanWriter;
import dev.clusterstack.core.plan.Planner;
import dev.clusterstack.core.problem.StackException;
import dev.clusterstack.core.release.ReleaseMetadata;
import dev.clusterstack.core.render.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.clusterstack.build.ClusterStackRunner.plural;

/**
 * The {@code plan} step: what Cluster API would create for test clusters, per release of the last package run
 * (or for one hand-written cluster-class chart, {@link Setting#PLAN_CHART}). The clusters are the files of
 * {@link Setting#PLAN_CLUSTERS} that name the release ({@link ClusterFile#plannedAgainst}), and automatic ones:
 * per release one that sets no variable ({@value #AUTO_DEFAULTS}) and one per variable whose schema has an
 * {@code example} ({@code auto-<variable>}). Writes {@code <plansDirectory>/<release>/<cluster>/} ({@link PlanWriter})
 * and {@code <plansDirectory>/plans.md}; a patch no planned cluster enabled is a warning, an error of any plan fails.
 */
final class PlanStep {
    /** The automatic cluster that sets no variable. */
    static final String AUTO_DEFAULTS = "auto-defaults";
    /** The summary of all plans. */
    static final String SUMMARY = "plans.md";

    private final ClusterStackRunner runner;
    private final StackBuildSettings settings;

    PlanStep(ClusterStackRunner runner) {
        this.runner = runner;
        this.settings = runner.settings;
    }

    /** One cluster-class chart to plan against. */
    private record Target(String releaseName, Path chart, String kubernetesVersion) {
    }

    /** One planned cluster. */
    private record Planned(String releaseName, String cluster, Plan plan) {
    }

    PlanResult run() {
        List<Target> targets = targets();
        if (targets.isEmpty()) {
            return new PlanResult(0, 0, List.of());
        }
        Map<String, ClusterFile> clusters = testClusters();
        Path out = settings.plansDirectory();
        PlanOptions options = PlanOptions.defaults(runner.stateFile("plan-work"));
        CrdSchemas schemas = runner.crdSchemas();
        if (schemas != null) {
            options = options.withCrds(schemas);
        }
        List<Planned> planned = new ArrayList<>();
        List<String> releases = new ArrayList<>();
        try (HelmRunner helm = runner.helm()) {
            for (Target t : targets) {
                ClassSource source = ClassSource.fromChart(t.chart(), helm);
                if (source.classNames().isEmpty()) {
                    throw new StackBuildException(runner.display(t.chart()) + " renders no ClusterClass: nothing to plan");
                }
                String className = source.classNames().get(0);
                String release = t.releaseName() != null ? t.releaseName() : releaseNameOf(className);
                String version = t.kubernetesVersion() != null ? t.kubernetesVersion() : kubernetesMinorOf(release);
                releases.add(release);
                // this release's plans of an earlier run go; nothing else in the folder is touched
                deleteTree(out.resolve(release));
                Map<String, ClusterFile> forRelease = new LinkedHashMap<>();
                clusters.forEach((name, c) -> {
                    if (c.plannedAgainst(release, className)) {
                        forRelease.put(name, c);
                    }
                });
                forRelease.putAll(automatic(source, className, out.resolve(release)));
                for (Map.Entry<String, ClusterFile> c : forRelease.entrySet()) {
                    Plan plan = Planner.plan(source, c.getValue().forRelease(className, version), options);
                    PlanWriter.write(plan, out.resolve(release).resolve(c.getKey()));
                    planned.add(new Planned(release, c.getKey(), plan));
                }
            }
            Files.writeString(out.resolve(SUMMARY), summary(releases, planned), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the plans to " + out + ": " + e.getMessage(), e);
        } catch (StackException e) {
            throw new StackBuildException(e.getMessage());
        }
        return report(releases, planned);
    }

    private PlanResult report(List<String> releases, List<Planned> planned) {
        List<String> errors = new ArrayList<>();
        int warnings = 0;
        for (Planned p : planned) {
            for (Finding f : p.plan().findings()) {
                if (f.isError()) {
                    errors.add(p.releaseName() + " / " + p.cluster() + ": " + f);
                } else {
                    warnings++;
                    runner.log.warn(p.releaseName() + " / " + p.cluster() + ": " + f);
                }
            }
        }
        List<String> uncovered = new ArrayList<>();
        for (String release : releases) {
            for (String patch : uncovered(release, planned)) {
                uncovered.add(release + ": " + patch);
                runner.log.warn("Patch " + patch + " of " + release + " is enabled by no planned cluster:"
                        + " no test cluster covers it");
            }
        }
        if (!errors.isEmpty()) {
            throw new StackBuildException("Cluster stack plan failed: " + errors.size() + (errors.size() == 1 ? " error" : " errors")
                    + " (plans in " + runner.display(settings.plansDirectory()) + "):\n"
                    + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n")));
        }
        runner.log.info("Planned " + plural(planned.size(), "cluster") + " against " + plural(releases.size(), "release")
                + " in " + runner.display(settings.plansDirectory()) + " (" + plural(warnings, "warning") + ", "
                + uncovered.size() + " uncovered " + (uncovered.size() == 1 ? "patch" : "patches") + ")");
        return new PlanResult(releases.size(), planned.size(), uncovered);
    }

    private static List<String> uncovered(String release, List<Planned> planned) {
        return PlanWriter.uncoveredPatches(planned.stream().filter(p -> p.releaseName().equals(release))
                .map(Planned::plan).toList());
    }

    /** The hand-written chart, or the cluster-class archives of the last package run. */
    private List<Target> targets() {
        Path chart = settings.planChart();
        if (chart != null) {
            if (!Files.exists(chart)) {
                throw runner.error(Setting.PLAN_CHART, "there is no cluster-class chart folder or .tgz " + runner.display(chart));
            }
            return List.of(new Target(null, chart, null));
        }
        List<BuiltRelease> releases = runner.lastPackaged();
        if (releases.isEmpty()) {
            runner.log.warn("No cluster stack releases of this build to plan: " + runner.wording.step("package")
                    + " has not run for this project (or give " + runner.wording.setting(Setting.PLAN_CHART) + ")");
            return List.of();
        }
        runner.requireFolders(releases);
        List<Target> out = new ArrayList<>();
        for (BuiltRelease r : releases) {
            String prefix = ReleaseLayout.clusterClassChart(r.releaseName()) + "-";
            Path archive = r.files().stream().filter(f -> f.getFileName().toString().startsWith(prefix)
                    && f.getFileName().toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new StackBuildException("the release folder " + runner.display(r.folder())
                            + " has no cluster-class archive: run " + runner.wording.step("package") + " again"));
            out.add(new Target(r.releaseName(), archive, kubernetesVersion(r.folder()).orElse(null)));
        }
        return out;
    }

    private static Optional<String> kubernetesVersion(Path releaseFolder) {
        Path metadata = releaseFolder.resolve(ReleaseMetadata.FILE_NAME);
        try {
            return Files.isRegularFile(metadata) ? Optional.of(ReleaseMetadata.read(metadata).kubernetesVersion()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The test clusters, file name without {@code .yaml} to Cluster, in name order; none when the folder is absent. */
    Map<String, ClusterFile> testClusters() {
        Path folder = settings.planClusters();
        Map<String, ClusterFile> out = new LinkedHashMap<>();
        if (!Files.isDirectory(folder)) {
            runner.log.info("No test clusters in " + runner.display(folder) + ": only the automatic clusters are planned");
            return out;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            try {
                out.put(name.substring(0, name.length() - ".yaml".length()), ClusterFile.read(f, runner.display(f)));
            } catch (StackException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new StackBuildException("Cluster stack plan failed: test clusters that are no Cluster:\n"
                    + String.join("\n", problems));
        }
        return out;
    }

    /**
     * The automatic clusters of one class: no variable set, and one per variable with a schema {@code example};
     * each written as {@code <release>/<cluster>-cluster.yaml} beside its plan, so that findings point at a file.
     */
    private Map<String, ClusterFile> automatic(ClassSource source, String className, Path releaseDir) throws IOException {
        Map<String, ClusterFile> clusters = new LinkedHashMap<>();
        clusters.put(AUTO_DEFAULTS, autoCluster(AUTO_DEFAULTS, className, null, null, releaseDir));
        for (Map<String, Object> v : variables(source, className)) {
            Object schema = v.get("schema") instanceof Map<?, ?> s ? s.get("openAPIV3Schema") : null;
            if (schema instanceof Map<?, ?> open && open.containsKey("example") && v.get("name") instanceof String name) {
                String cluster = "auto-" + name;
                clusters.put(cluster, autoCluster(cluster, className, name, open.get("example"), releaseDir));
            }
        }
        return clusters;
    }

    private ClusterFile autoCluster(String name, String className, String variable, Object value, Path releaseDir)
            throws IOException {
        Map<String, Object> topology = new LinkedHashMap<>();
        topology.put("class", className);
        if (variable != null) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", variable);
            item.put("value", value);
            topology.put("variables", List.of(item));
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("namespace", ClassSource.NAMESPACE);
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("apiVersion", "cluster.x-k8s.io/v1beta1");
        cluster.put("kind", "Cluster");
        cluster.put("metadata", metadata);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("topology", topology);
        cluster.put("spec", spec);
        String text = Yaml.write(cluster);
        Path file = releaseDir.resolve(name + "-cluster.yaml");
        Files.createDirectories(releaseDir);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return ClusterFile.parse(text, runner.display(file));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> variables(ClassSource source, String className) {
        for (Map<String, Object> o : source.objects()) {
            if ("ClusterClass".equals(o.get("kind")) && o.get("metadata") instanceof Map<?, ?> m
                    && className.equals(m.get("name")) && o.get("spec") instanceof Map<?, ?> spec
                    && spec.get("variables") instanceof List<?> vars) {
                return vars.stream().filter(Map.class::isInstance).map(x -> (Map<String, Object>) x).toList();
            }
        }
        return List.of();
    }

    private static String summary(List<String> releases, List<Planned> planned) {
        StringBuilder b = new StringBuilder("# Cluster stack plans\n\n");
        b.append("Per release, each planned Cluster (`").append(AUTO_DEFAULTS).append("`: no variable set; `auto-<variable>`:"
                + " the variable's schema example; others: test clusters) and what its plan found. Each Cluster's objects"
                + " and findings are in `<release>/<cluster>/`.\n\n");
        b.append("| Release | Cluster | Objects | Errors | Warnings |\n|---|---|---|---|---|\n");
        for (Planned p : planned) {
            long errors = p.plan().findings().stream().filter(Finding::isError).count();
            b.append("| ").append(p.releaseName()).append(" | ").append(p.cluster()).append(" | ").append(p.plan().roles().size())
                    .append(" | ").append(errors).append(" | ").append(p.plan().findings().size() - errors).append(" |\n");
        }
        b.append("\n## Patch coverage\n\n");
        for (String release : releases) {
            List<String> uncovered = uncovered(release, planned);
            b.append("- ").append(release).append(": ").append(uncovered.isEmpty()
                    ? "every patch is enabled by some planned cluster"
                    : "warning: enabled by no planned cluster: " + uncovered.stream().map(p -> "`" + p + "`")
                    .collect(Collectors.joining(", "))).append('\n');
        }
        return b.toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted((a, c) -> c.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * The release name a class name belongs to: {@code <provider>-<name>-<maj>-<min>} of
     * {@code <release>-<chart version>} (the operator's naming; chart versions start with {@code v}).
     */
    static String releaseNameOf(String className) {
        return className.replaceFirst("-v[0-9][0-9a-z.-]*$", "");
    }

    /** {@code v<maj>.<min>.0} from a release name {@code <provider>-<name>-<maj>-<min>} (a chart without metadata). */
    static String kubernetesMinorOf(String releaseName) {
        Matcher m = java.util.regex.Pattern.compile(".*-([0-9]+)-([0-9]+)").matcher(releaseName);
        return m.matches() ? "v" + m.group(1) + "." + m.group(2) + ".0" : "v1.0.0";
    }
}
