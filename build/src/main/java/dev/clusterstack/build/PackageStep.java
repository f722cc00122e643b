package dev.clusterstack.build;

import dev.clusterstack.build.ClusterStackRunner.BuiltRelease;
import dev.clusterstack.build.ClusterStackRunner.LoadedStack;
import dev.clusterstack.build.ClusterStackRunner.PackageResult;
import dev.clusterstack.core.helm.HelmException;
import dev.clusterstack.core.helm.HelmRunner;
import dev.clusterstack.core.release.OutputLock;
import dev.clusterstack.core.release.ReleaseBuilder;
import dev.clusterstack.core.release.ReleaseBuilder.ReleaseOutput;
import dev.clusterstack.core.release.ReleaseBundle;
import dev.clusterstack.core.release.ReleaseVersions;
import dev.clusterstack.core.release.VersionMode;
import dev.clusterstack.core.render.ClusterApiWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.clusterstack.build.ClusterStackRunner.plural;

/**
 * The {@code package} step: release folders of every definition, an optional bundle, and the state
 * ({@code target/clusterstack/package.state}) that makes an unchanged rebuild a no-op and tells
 * {@code verify} and {@code publish} which releases this build made.
 */
final class PackageStep {
    private static final String STATE = "package.state";

    private final ClusterStackRunner runner;
    private final StackBuildSettings settings;

    PackageStep(ClusterStackRunner runner) {
        this.runner = runner;
        this.settings = runner.settings;
    }

    /** Holds the output folder's lock from the up-to-date check to the bundle: one build at a time writes there. */
    PackageResult run(Path bundle) {
        try (OutputLock lock = OutputLock.acquire(settings.outputDirectory(), OutputLock.DEFAULT_WAIT, runner.log::info)) {
            return runLocked(bundle);
        } catch (IOException e) {
            throw new StackBuildException(e.getMessage());
        }
    }

    private PackageResult runLocked(Path bundle) {
        VersionMode mode = runner.versionMode();
        ReleaseVersions custom = runner.customVersions(mode);
        Instant mtime = runner.archiveTime();
        runner.checkOffline();
        List<LoadedStack> stacks = runner.load();
        Path stateFile = runner.stateFile(STATE);
        String settingsKey = settingsKey(stacks, mode, custom, mtime, bundle);
        Path baselineFolder = new Baseline(runner).folder(mode);
        BuildState previous = BuildState.read(stateFile);
        if (previous != null && previous.upToDate(BuildState.sha256(settingsKey + Baseline.key(mode, baselineFolder)))) {
            List<BuiltRelease> releases = releases(previous);
            runner.log.info("Cluster stack releases are up to date (" + plural(releases.size(), "release")
                    + "), nothing written");
            return new PackageResult(releases, bundle, true);
        }
        BuildState.delete(stateFile);
        List<ReleaseOutput> outputs = new ArrayList<>();
        try (HelmRunner helm = settings.vendorDependencies() ? runner.helm() : null) {
            for (LoadedStack s : stacks) {
                ReleaseBuilder.Options options = new ReleaseBuilder.Options(mode, custom, settings.outputDirectory(),
                        baselineFolder, mtime, settings.vendorDependencies(), helm);
                outputs.addAll(ReleaseBuilder.build(s.stack(), options));
            }
        } catch (HelmException e) {
            String addon = e.chart() == null || e.chart().getFileName() == null ? "?" : e.chart().getFileName().toString();
            throw new StackBuildException("cannot fetch the chart dependencies of addon '" + addon + "' ("
                    + runner.wording.brief(Setting.VENDOR_DEPENDENCIES) + "): " + e.helmMessage());
        }
        List<BuiltRelease> releases = new ArrayList<>();
        for (ReleaseOutput o : outputs) {
            ReleaseVersions v = o.versions();
            runner.log.info("Built release " + o.folderName() + " (Kubernetes " + o.release().kubernetesVersion()
                    + ", clusterStack " + v.clusterStack() + ", clusterAddon " + v.clusterAddon() + ", nodeImage "
                    + v.nodeImage() + (o.reusedVersions() ? ", content unchanged: versions kept" : "") + ")");
            ClusterApiWriter.of(o.release().clusterApi()).patchRewrites(o.release().content()).forEach(r -> runner.log.info("  " + r));
            String releaseName = o.folderName().substring(0, o.folderName().length() - v.clusterStack().toString().length() - 1);
            releases.add(new BuiltRelease(o.folderName(), releaseName, o.folder(),
                    o.files().stream().map(f -> o.folder().resolve(f)).toList()));
        }
        if (bundle != null) {
            Map<String, List<Path>> content = new LinkedHashMap<>();
            releases.forEach(r -> content.put(r.folderName(), r.files()));
            try {
                ReleaseBundle.write(content, bundle, runner.stateFile("bundle"), mtime);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the bundle " + bundle + ": " + e.getMessage(), e);
            }
        }
        Map<Path, String> hashes = new TreeMap<>();
        List<String> entries = new ArrayList<>();
        for (BuiltRelease r : releases) {
            entries.add("release " + r.folderName() + " " + r.releaseName() + " " + r.folder());
            r.files().forEach(f -> hashes.put(f, BuildState.sha256(f)));
        }
        if (bundle != null) {
            hashes.put(bundle, BuildState.sha256(bundle));
        }
        // the key after the build: in stable mode the releases just built are the next build's baseline
        new BuildState(BuildState.sha256(settingsKey + Baseline.key(mode, baselineFolder)), entries, hashes).write(stateFile);
        runner.log.info(plural(releases.size(), "cluster stack release") + " in " + runner.display(settings.outputDirectory()));
        return new PackageResult(releases, bundle, false);
    }

    /** The releases of the last package run, from its state; empty when it has not run. */
    static List<BuiltRelease> lastReleases(ClusterStackRunner runner) {
        BuildState built = BuildState.read(runner.stateFile(STATE));
        return built == null ? List.of() : releases(built);
    }

    private static List<BuiltRelease> releases(BuildState state) {
        List<BuiltRelease> out = new ArrayList<>();
        for (String e : state.entries()) {
            String[] parts = e.split(" ", 4);
            if (parts.length == 4 && parts[0].equals("release")) {
                Path folder = Path.of(parts[3]);
                List<Path> files = state.outputs().keySet().stream().filter(p -> folder.equals(p.getParent())).sorted().toList();
                out.add(new BuiltRelease(parts[1], parts[2], folder, files));
            }
        }
        return out;
    }

    private String settingsKey(List<LoadedStack> stacks, VersionMode mode, ReleaseVersions custom, Instant mtime,
                               Path bundle) {
        StringBuilder b = new StringBuilder();
        b.append("tool ").append(settings.toolFingerprint()).append('\n');
        b.append("mode ").append(mode).append(' ').append(custom).append('\n');
        b.append("output ").append(settings.outputDirectory()).append('\n');
        b.append("baseline ").append(settings.baseline()).append('\n');
        b.append("mtime ").append(mtime).append('\n');
        b.append("vendor ").append(settings.vendorDependencies()).append('\n');
        b.append("bundle ").append(bundle).append('\n');
        for (LoadedStack s : stacks) {
            b.append("definition ").append(s.file()).append('\n');
            for (Path input : s.loaded().inputs()) {
                b.append("input ").append(BuildState.sha256(input)).append(' ').append(input).append('\n');
            }
        }
        return b.toString();
    }
}
