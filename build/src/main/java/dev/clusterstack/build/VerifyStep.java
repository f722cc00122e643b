package dev.clusterstack.build;

import dev.clusterstack.build.ClusterStackRunner.BuiltRelease;
import dev.clusterstack.build.ClusterStackRunner.VerifyResult;
import dev.clusterstack.core.crd.CrdSchemas;
import dev.clusterstack.core.helm.HelmRunner;
import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.verify.ReleaseVerifier;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.clusterstack.build.ClusterStackRunner.plural;

/** The {@code verify} step: the releases of the last package run, checked once per content ({@code verify.state}). */
final class VerifyStep {
    private final ClusterStackRunner runner;
    private final StackBuildSettings settings;

    VerifyStep(ClusterStackRunner runner) {
        this.runner = runner;
        this.settings = runner.settings;
    }

    VerifyResult run() {
        List<BuiltRelease> releases = runner.lastPackaged();
        if (releases.isEmpty()) {
            runner.log.warn("No cluster stack releases of this build to verify: " + runner.wording.step("package")
                    + " has not run for this project");
            return new VerifyResult(0, 0, false);
        }
        runner.requireCrds();
        runner.requireFolders(releases);
        Path stateFile = runner.stateFile("verify.state");
        // Without the state of an earlier verify Helm is needed for sure: its child process starts now, while the
        // definitions load and the key is computed, instead of after them
        BuildState previous = BuildState.read(stateFile);
        try (HelmRunner early = previous == null ? runner.helm().prestart() : null) {
            return run(releases, stateFile, previous, early);
        }
    }

    private VerifyResult run(List<BuiltRelease> releases, Path stateFile, BuildState previous, HelmRunner early) {
        StringBuilder key = new StringBuilder("tool " + settings.toolFingerprint() + "\n");
        for (BuiltRelease r : releases) {
            FileWrites.appendTree(key, "release", r.folder());
        }
        for (Path crd : settings.crds()) {
            FileWrites.appendTree(key, "crds", crd);
        }
        CompatStep compat = new CompatStep(runner);
        key.append(compat.key(releases));
        String keyHash = BuildState.sha256(key.toString());
        if (previous != null && previous.key().equals(keyHash)) {
            runner.log.info("Cluster stack releases were verified before and are unchanged ("
                    + plural(releases.size(), "release") + "), not verified again");
            return new VerifyResult(releases.size(), 0, true);
        }
        BuildState.delete(stateFile);
        List<String> errors = new ArrayList<>();
        int warnings = 0;
        int failed = 0;
        CrdSchemas schemas;
        // Helm's child process starts (if it has not yet) while the CRD schemas load
        try (HelmRunner own = early == null ? runner.helm().prestart() : null) {
            HelmRunner helm = early != null ? early : own;
            schemas = runner.crdSchemas();
            List<ReleaseVerifier.Report> reports = new ReleaseVerifier(helm, schemas)
                    .verifyAll(releases.stream().map(BuiltRelease::folder).toList());
            for (int i = 0; i < releases.size(); i++) {
                BuiltRelease r = releases.get(i);
                ReleaseVerifier.Report report = reports.get(i);
                for (Problem p : report.problems()) {
                    if (p.isError()) {
                        errors.add(p.toString());
                    } else {
                        warnings++;
                        runner.log.warn(p.toString());
                    }
                }
                if (report.failed()) {
                    failed++;
                } else {
                    runner.log.info("Verified release " + r.folderName() + " (" + report.clusterClassObjects().size()
                            + " objects rendered" + (schemas != null ? ", checked against CRD schemas" : "") + ")");
                }
            }
            if (errors.isEmpty()) {
                warnings += compat.check(releases, schemas, helm).warnings();
            }
        }
        if (!errors.isEmpty()) {
            throw new StackBuildException("Cluster stack verification failed: " + errors.size()
                    + (errors.size() == 1 ? " error" : " errors") + " in " + failed + " of " + releases.size()
                    + " releases:\n" + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n")));
        }
        new BuildState(keyHash, List.of(), Map.of()).write(stateFile);
        runner.log.info("Verified " + plural(releases.size(), "cluster stack release") + (schemas != null
                ? " against the CRD schemas of " + plural(schemas.known().size(), "kind")
                : " (no " + runner.wording.brief(Setting.CRDS) + " configured: CRD schemas not checked)"));
        return new VerifyResult(releases.size(), warnings, false);
    }
}
