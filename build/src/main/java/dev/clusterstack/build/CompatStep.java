package dev.clusterstack.build;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clusterstack.build.ClusterStackRunner.BuiltRelease;
import dev.clusterstack.build.ClusterStackRunner.CompatResult;
import dev.clusterstack.core.compat.CompatException;
import dev.clusterstack.core.compat.CompatReport;
import dev.clusterstack.core.compat.Compatibility;
import dev.clusterstack.core.compat.CompatibilityPolicy;
import dev.clusterstack.core.compat.Finding;
import dev.clusterstack.core.compat.Predecessors;
import dev.clusterstack.core.compat.PreviewReport;
import dev.clusterstack.core.compat.ReleaseInput;
import dev.clusterstack.core.compat.ReleaseNotes;
import dev.clusterstack.core.compat.Rule;
import dev.clusterstack.core.compat.UpgradePreview;
import dev.clusterstack.core.crd.CrdSchemas;
import dev.clusterstack.core.contract.ReleaseLayout;
import dev.clusterstack.core.helm.HelmRunner;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.plan.ClusterFile;
import dev.clusterstack.core.plan.PlanOptions;
import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.problem.StackException;
import dev.clusterstack.core.release.ReleaseMetadata;
import dev.clusterstack.core.release.StackVersion;
import dev.clusterstack.core.release.VersionMode;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.stream.Collectors;

import static dev.clusterstack.build.ClusterStackRunner.plural;

/**
 * Upgrade safety: each release compared with the releases clusters upgrade from (the core's {@link Compatibility}).
 * In {@code verify}, every release of the last package run against its predecessors in the baseline
 * ({@link Setting#BASELINE}: the output folder by default, a folder, or a registry read into its cache); in the
 * {@code compat} step also any two release folders or cluster-class charts ({@link Setting#COMPAT_OLDER},
 * {@link Setting#COMPAT_NEWER}). Errors fail, naming the variable, the rule and the test clusters
 * ({@link Setting#PLAN_CLUSTERS}) the finding concerns; warnings are logged. Each test cluster of both releases is
 * planned under the older and the newer one ({@link UpgradePreview}): one line per cluster in the log (a warning when
 * Cluster API would refuse its upgrade), the preview in the notes. The notes go to {@link Setting#NOTES_DIRECTORY},
 * never into a release folder.
 */
final class CompatStep {
    private final ClusterStackRunner runner;
    private final StackBuildSettings settings;
    /** How the previews plan: the plan step's work folder, and the CRD schemas when given. */
    private PlanOptions planOptions;
    private Path baselineFolder;

    CompatStep(ClusterStackRunner runner) {
        this.runner = runner;
        this.settings = runner.settings;
    }

    /** The {@code compat} step: the two given inputs, else the releases of the last package run. */
    CompatResult run() {
        Path older = settings.compatOlder();
        Path newer = settings.compatNewer();
        if (older != null || newer != null) {
            for (Setting s : List.of(Setting.COMPAT_OLDER, Setting.COMPAT_NEWER)) {
                Path p = s == Setting.COMPAT_OLDER ? older : newer;
                if (p == null) {
                    throw runner.error(s, "is required with " + runner.wording.brief(s == Setting.COMPAT_OLDER
                            ? Setting.COMPAT_NEWER : Setting.COMPAT_OLDER) + ": the two releases to compare");
                }
                if (!Files.exists(p)) {
                    throw runner.error(s, "there is no release folder or cluster-class chart " + runner.display(p));
                }
            }
            CompatibilityPolicy policy = policyFor(newer);
            planOptions = planOptions(runner.crdSchemas());
            try (HelmRunner helm = runner.helm()) {
                List<String> errors = new ArrayList<>();
                int warnings = compare(ReleaseInput.of(newer), List.of(ReleaseInput.of(older)), policy,
                        testClusters(), notesFolder(List.of()), errors, helm);
                fail(errors);
                return new CompatResult(1, 1, warnings);
            }
        }
        List<BuiltRelease> releases = runner.lastPackaged();
        if (releases.isEmpty()) {
            runner.log.warn("No cluster stack releases of this build to compare: " + runner.wording.step("package")
                    + " has not run for this project (or give " + runner.wording.brief(Setting.COMPAT_OLDER) + " and "
                    + runner.wording.brief(Setting.COMPAT_NEWER) + ")");
            return new CompatResult(0, 0, 0);
        }
        runner.requireFolders(releases);
        CrdSchemas schemas = runner.crdSchemas();
        try (HelmRunner helm = runner.helm()) {
            return check(releases, schemas, helm);
        }
    }

    /** What the check in {@code verify} depends on besides the release folders, for its up-to-date state. */
    String key(List<BuiltRelease> releases) {
        if (settings.compatSkip()) {
            return "compat skipped\n";
        }
        StringBuilder b = new StringBuilder("compat notes " + notesFolder(releases) + "\n");
        b.append(Baseline.key(VersionMode.STABLE, baseline(releases)));
        for (ClusterStackRunner.LoadedStack s : runner.load()) {
            b.append("compatibility ").append(s.stack().provider()).append('-').append(s.stack().name()).append(' ')
                    .append(s.stack().compatibility()).append('\n');
        }
        if (Files.isDirectory(settings.planClusters())) {
            FileWrites.appendTree(b, "clusters", settings.planClusters());
        }
        return b.toString();
    }

    /**
     * Compares every release with its predecessors in the baseline; logs warnings, writes the notes.
     *
     * @return the counts
     * @throws StackBuildException listing every error
     */
    CompatResult check(List<BuiltRelease> releases, CrdSchemas schemas, HelmRunner helm) {
        if (settings.compatSkip()) {
            runner.log.info("Skipping the upgrade compatibility check (" + runner.wording.setting(Setting.COMPAT_SKIP) + ")");
            return new CompatResult(0, 0, 0);
        }
        planOptions = planOptions(schemas);
        Path baseline = baseline(releases);
        Path notes = notesFolder(releases);
        Map<String, CompatibilityPolicy> policies = policies();
        Map<String, ClusterFile> clusters = testClusters();
        List<String> errors = new ArrayList<>();
        int compared = 0;
        int warnings = 0;
        for (BuiltRelease r : releases) {
            Matcher m = ReleaseLayout.FOLDER.matcher(r.folderName());
            if (!m.matches()) {
                throw new StackBuildException("the release folder " + runner.display(r.folder()) + " is not named"
                        + " <provider>-<name>-<maj>-<min>-<version>");
            }
            String stack = m.group(1) + "-" + m.group(2);
            List<Path> predecessors;
            try {
                predecessors = Predecessors.find(baseline, m.group(1), m.group(2), m.group(3) + "-" + m.group(4),
                        StackVersion.parse(m.group(5)));
            } catch (CompatException e) {
                throw runner.error(Setting.BASELINE, e.getMessage());
            }
            if (predecessors.isEmpty()) {
                runner.log.info("Release " + r.folderName() + ": no earlier release in " + runner.display(baseline)
                        + " to upgrade from, nothing to check");
                writeNotes(new CompatReport(r.folderName(), kubernetesVersion(r.folder()), List.of(), List.of()), List.of(),
                        notes);
                continue;
            }
            compared++;
            warnings += compare(ReleaseInput.of(r.folder()), predecessors.stream().map(ReleaseInput::of).toList(),
                    policies.getOrDefault(stack, CompatibilityPolicy.strict()), clusters, notes, errors, helm);
        }
        fail(errors);
        return new CompatResult(releases.size(), compared, warnings);
    }

    /**
     * One comparison: errors collected (with the test clusters they concern), warnings logged, the upgrade of every
     * test cluster of both releases previewed, notes written.
     */
    private int compare(ReleaseInput newer, List<ReleaseInput> predecessors, CompatibilityPolicy policy,
            Map<String, ClusterFile> clusters, Path notesFolder, List<String> errors, HelmRunner helm) {
        CompatReport report;
        try {
            report = Compatibility.check(newer, predecessors, policy, helm);
        } catch (CompatException e) {
            errors.add(e.getMessage());
            return 0;
        }
        int warnings = 0;
        for (Finding f : report.findings()) {
            String line = report.release() + ": " + f;
            switch (f.level()) {
                case ERROR -> errors.add(line + concerned(f, report.release(), clusters));
                case WARNING -> {
                    warnings++;
                    runner.log.warn(line + concerned(f, report.release(), clusters));
                }
                case ALLOWED -> runner.log.info(line);
            }
        }
        for (CompatibilityPolicy.Allowance a : report.unusedAllowances()) {
            warnings++;
            runner.log.warn(report.release() + ": the compatibility allowance of " + a.rule().id() + " for "
                    + a.variable() + " matches no finding; remove it");
        }
        List<PreviewReport> previews = new ArrayList<>();
        for (int p = 0; p < predecessors.size(); p++) {
            PreviewReport preview = preview(predecessors.get(p).path(), report.comparisons().get(p).predecessor(),
                    newer.path(), report.release(), clusters, errors, helm);
            if (preview == null) {
                continue;
            }
            previews.add(preview);
            for (int i = 0; i < preview.clusters().size(); i++) {
                PreviewReport.ClusterPreview c = preview.clusters().get(i);
                String line = report.release() + ": upgrade from " + preview.older() + ": " + preview.lines().get(i);
                if (c.variablesValid() && c.newerErrors().isEmpty()) {
                    runner.log.info(line);
                } else {
                    warnings++;
                    runner.log.warn(line);
                }
            }
        }
        Path notes = writeNotes(report, previews, notesFolder);
        runner.log.info("Compared release " + report.release() + " with " + report.comparisons().stream()
                .map(CompatReport.Comparison::predecessor).collect(Collectors.joining(" and ")) + ": "
                + (report.failed() ? "clusters cannot upgrade" : "clusters can upgrade") + " (" + plural(warnings, "warning")
                + "); notes in " + runner.display(notes));
        return warnings;
    }

    private static void fail(List<String> errors) {
        if (!errors.isEmpty()) {
            throw new StackBuildException("Upgrade compatibility check failed: " + errors.size()
                    + (errors.size() == 1 ? " error" : " errors") + " (clusters on an earlier release could not upgrade):\n"
                    + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n")));
        }
    }

    /**
     * The upgrade preview of the test clusters planned against both releases, with file names as shown elsewhere
     * (relative to the project); null when no test cluster concerns both, or when it failed (the error collected).
     */
    private PreviewReport preview(Path older, String olderLabel, Path newer, String newerLabel,
            Map<String, ClusterFile> clusters, List<String> errors, HelmRunner helm) {
        List<Path> files = new ArrayList<>();
        clusters.forEach((name, c) -> {
            if (c.plannedAgainst(releaseName(olderLabel), olderLabel) && c.plannedAgainst(releaseName(newerLabel), newerLabel)) {
                files.add(settings.planClusters().resolve(name + ".yaml"));
            }
        });
        if (files.isEmpty()) {
            return null;
        }
        try {
            return shown(UpgradePreview.preview(older, newer, files, planOptions, helm));
        } catch (CompatException | StackException e) {
            errors.add("upgrade preview from " + olderLabel + " to " + newerLabel + ": " + shown(e.getMessage()));
            return null;
        }
    }

    /** The report with the cluster files relative to the project, as the rest of the build names them. */
    private PreviewReport shown(PreviewReport r) {
        List<PreviewReport.ClusterPreview> clusters = r.clusters().stream().map(c -> new PreviewReport.ClusterPreview(
                shown(c.clusterFile()), c.clusterName(), c.variablesValid(), c.variableFindings().stream().map(this::shown).toList(),
                c.olderErrors().stream().map(this::shown).toList(), c.newerErrors().stream().map(this::shown).toList(),
                c.objects())).toList();
        return new PreviewReport(r.older(), r.newer(), r.kubernetesFrom(), r.kubernetesTo(), clusters);
    }

    private String shown(String text) {
        return text.replace(settings.projectDirectory() + File.separator, "");
    }

    private static String releaseName(String label) {
        return label.replaceFirst("-v[0-9][0-9a-z.-]*$", "");
    }

    private PlanOptions planOptions(CrdSchemas schemas) {
        PlanOptions options = PlanOptions.defaults(runner.stateFile("plan-work"));
        return schemas == null ? options : options.withCrds(schemas);
    }

    private Path writeNotes(CompatReport report, List<PreviewReport> previews, Path folder) {
        try {
            return ReleaseNotes.write(report, previews, folder);
        } catch (CompatException e) {
            throw runner.error(Setting.NOTES_DIRECTORY, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the release notes to " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The output folder the releases are in (the package run's), else {@link Setting#OUTPUT_DIRECTORY}. */
    private Path outputFolder(List<BuiltRelease> releases) {
        return releases.isEmpty() ? settings.outputDirectory() : releases.get(0).folder().getParent();
    }

    /** {@link Setting#NOTES_DIRECTORY}, by default {@code cluster-stacks-notes} beside the output folder. */
    private Path notesFolder(List<BuiltRelease> releases) {
        return settings.notesDirectory() != null ? settings.notesDirectory()
                : ReleaseNotes.defaultFolder(outputFolder(releases));
    }

    /** The test clusters a variable finding concerns: those that set the variable (or, when it became required, not). */
    static String concerned(Finding f, String release, Map<String, ClusterFile> clusters) {
        String releaseName = releaseName(release);
        List<String> hit = new ArrayList<>();
        if (f.rule() == Rule.MACHINE_DEPLOYMENT_CLASS_REMOVED || f.rule() == Rule.MACHINE_POOL_CLASS_REMOVED) {
            Matcher m = java.util.regex.Pattern.compile("class (\\S+) is removed").matcher(f.message());
            String field = f.rule() == Rule.MACHINE_DEPLOYMENT_CLASS_REMOVED ? "machineDeployments" : "machinePools";
            if (m.find()) {
                clusters.forEach((name, c) -> {
                    if (c.plannedAgainst(releaseName, release)) {
                        for (JsonNode w : c.tree().path("spec").path("topology").path("workers").path(field)) {
                            if (m.group(1).equals(w.path("class").asText())) {
                                hit.add(c.displayName() + ":" + c.location("spec.topology.workers." + field + "["
                                        + w.path("name").asText() + "].class").line());
                            }
                        }
                    }
                });
            }
            return hit.isEmpty() ? "" : "; used by the test cluster" + (hit.size() == 1 ? " " : "s ") + String.join(", ", hit);
        }
        if (f.rule().clusterApi()) {
            return "";
        }
        String variable = f.path().split("[.\\[{]", 2)[0];
        boolean required = f.rule() == Rule.VARIABLE_REQUIRED;
        clusters.forEach((name, c) -> {
            if (c.plannedAgainst(releaseName, release)) {
                boolean sets = false;
                for (JsonNode v : c.tree().path("spec").path("topology").path("variables")) {
                    sets |= variable.equals(v.path("name").asText());
                }
                if (sets != required) {
                    hit.add(c.displayName() + (sets ? ":" + c.location("spec.topology.variables[" + variable + "]").line() : ""));
                }
            }
        });
        if (hit.isEmpty()) {
            return "";
        }
        return (required ? "; not set by the test cluster" : "; set by the test cluster") + (hit.size() == 1 ? " " : "s ")
                + String.join(", ", hit);
    }

    /** The baseline folder: the output folder of the releases by default, a folder, or a registry read into its cache. */
    private Path baseline(List<BuiltRelease> releases) {
        if (baselineFolder == null) { // a registry is read once per step, for the up-to-date key and the check
            baselineFolder = settings.baseline() == null ? outputFolder(releases)
                    : new Baseline(runner).folder(VersionMode.STABLE);
        }
        return baselineFolder;
    }

    /** The compatibility policy of every loaded definition, by {@code <provider>-<name>}. */
    private Map<String, CompatibilityPolicy> policies() {
        Map<String, CompatibilityPolicy> out = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (ClusterStackRunner.LoadedStack s : runner.load()) {
            ClusterStack stack = s.stack();
            out.put(stack.provider() + "-" + stack.name(), CompatibilityPolicy.of(stack.compatibility(), problems));
        }
        if (!problems.isEmpty()) {
            throw new StackException(problems);
        }
        return out;
    }

    /** For two given inputs: the policy of the project's definition when there is exactly one, else strict. */
    private CompatibilityPolicy policyFor(Path newer) {
        if (!settings.definitions().stream().allMatch(Files::isRegularFile)) {
            runner.log.info("No stack definition: the compatibility rules are strict");
            return CompatibilityPolicy.strict();
        }
        Map<String, CompatibilityPolicy> policies = policies();
        String name = newer.getFileName().toString();
        for (Map.Entry<String, CompatibilityPolicy> e : policies.entrySet()) {
            if (name.startsWith(e.getKey() + "-")) {
                return e.getValue();
            }
        }
        return policies.size() == 1 ? policies.values().iterator().next() : CompatibilityPolicy.strict();
    }

    /** The test clusters of {@link Setting#PLAN_CLUSTERS}, none when the folder is absent. */
    private Map<String, ClusterFile> testClusters() {
        return Files.isDirectory(settings.planClusters()) ? new PlanStep(runner).testClusters() : Map.of();
    }

    private static String kubernetesVersion(Path releaseFolder) {
        try {
            return ReleaseMetadata.read(releaseFolder.resolve(ReleaseMetadata.FILE_NAME)).kubernetesVersion();
        } catch (IOException e) {
            throw new StackBuildException("release " + releaseFolder.getFileName() + ": " + e.getMessage());
        }
    }
}
