package dev.clusterstack.build;

import dev.clusterstack.core.crd.CrdSchemas;
import dev.clusterstack.core.definition.DistinctReleases;
import dev.clusterstack.core.definition.StackDefinition;
import dev.clusterstack.core.definition.YamlSource;
import dev.clusterstack.core.helm.HelmRunner;
import dev.clusterstack.core.importer.ImportReport;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.KubernetesRelease;
import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.problem.StackException;
import dev.clusterstack.core.publish.OciPublisher;
import dev.clusterstack.core.release.ReleaseVersions;
import dev.clusterstack.core.release.StackFolder;
import dev.clusterstack.core.release.StackVersion;
import dev.clusterstack.core.release.VersionMode;
import dev.clusterstack.core.release.Versioner;
import dev.clusterstack.core.render.StackDocs;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What every front end does, without its API: reads {@link StackBuildSettings}, calls the core, and
 * turns problems into {@link SettingException} (a setting is wrong: carries the {@link Setting}, worded
 * by the front end's {@link Wording}), {@link StackException} (the definition is wrong: every problem
 * with file:line:column) or {@link StackBuildException} (verification failed, a chart could not be
 * fetched). Loading, validation, rendering, versioning, packaging and verification are the core's.
 *
 * <p>Up-to-date: {@code package} and {@code verify} keep their state in {@code target/clusterstack/};
 * {@code generate} and {@code docs} write a file only when its content changes.
 */
public final class ClusterStackRunner {
    /** Chart version of the charts {@code generate} writes when the versions are not given (custom mode). */
    public static final String GENERATE_CHART_VERSION = "v0-dev";

    final StackBuildSettings settings;
    final BuildLog log;
    final Wording wording;

    private LoadedDefinitions loadedDefinitions = new LoadedDefinitions(null);

    public ClusterStackRunner(StackBuildSettings settings, BuildLog log, Wording wording) {
        this.settings = settings;
        this.log = log;
        this.wording = wording;
    }

    /** Shares loaded definitions between the steps of one build through a map that lives as long as the build. */
    public ClusterStackRunner sharing(Map<String, Object> buildContext) {
        this.loadedDefinitions = new LoadedDefinitions(buildContext);
        return this;
    }

    /** A loaded definition. */
    public record LoadedStack(Path file, String displayName, StackDefinition.Loaded loaded) {
        public ClusterStack stack() {
            return loaded.stack();
        }
    }

    /** One release folder of this build with its files. */
    public record BuiltRelease(String folderName, String releaseName, Path folder, List<Path> files) {
        public BuiltRelease {
            files = List.copyOf(files);
        }
    }

    /** Outcome of {@link #packageReleases(Path)}. */
    public record PackageResult(List<BuiltRelease> releases, Path bundle, boolean upToDate) {
    }

    /** Outcome of {@link #generate()} and {@link #docs()}: the files written (none when up to date). */
    public record WriteResult(int releases, List<Path> written) {
    }

    /** Outcome of {@link #publish()}: one result per pushed release. */
    public record PublishResult(List<OciPublisher.Result> published) {
    }

    /**
     * Outcome of {@link #plan()}.
     *
     * @param releases          the releases (or the hand-written chart) planned against
     * @param clusters          the planned clusters, counted once per release
     * @param uncoveredPatches  {@code <release>: <patch>} of every patch no planned cluster enabled
     */
    public record PlanResult(int releases, int clusters, List<String> uncoveredPatches) {
        public PlanResult {
            uncoveredPatches = List.copyOf(uncoveredPatches);
        }
    }

    /**
     * Outcome of {@link #compat()} (and of the check in {@link #verify()}).
     *
     * @param releases the releases looked at
     * @param compared those that had a predecessor to compare with
     * @param warnings warnings logged
     */
    public record CompatResult(int releases, int compared, int warnings) {
    }

    /** Outcome of {@link #verify()}. */
    public record VerifyResult(int releases, int warnings, boolean upToDate) {
    }

    // ------------------------------------------------------------------ loading

    /**
     * Loads and validates every definition; all problems of all definitions are reported at once.
     *
     * @throws SettingException when a definition file does not exist, or two define the same release
     * @throws StackException   with every problem ({@code file:line:column: error: path: message})
     */
    public List<LoadedStack> load() {
        List<LoadedStack> out = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Path file : settings.definitions()) {
            String display = display(file);
            Optional<Path> loop = Files.isRegularFile(file) ? Optional.empty() : YamlSource.symlinkLoop(file);
            if (loop.isPresent()) {
                throw error(Setting.DEFINITIONS, "stack definition " + display + " cannot be reached: the symbolic link "
                        + display(loop.get()) + " leads into a loop of links");
            }
            if (!Files.isRegularFile(file)) {
                throw error(Setting.DEFINITIONS, "there is no stack definition " + display
                        + (settings.definitions().size() == 1 && file.endsWith(Path.of(StackDefinition.DEFAULT_FILE))
                        ? " (the default): write one there or list the files in " + wording.brief(Setting.DEFINITIONS)
                        : ""));
            }
            try {
                // warnings once per build: a definition another step loaded already is not reported again
                StackDefinition.Loaded loaded = loadedDefinitions.get(file, () -> {
                    StackDefinition.Loaded fresh = StackDefinition.load(file, display);
                    fresh.warnings().forEach(w -> log.warn(w.toString()));
                    return fresh;
                });
                out.add(new LoadedStack(file, display, loaded));
            } catch (StackException e) {
                problems.addAll(e.problems());
            }
        }
        if (problems.stream().anyMatch(Problem::isError)) {
            throw new StackException(problems);
        }
        Optional<String> conflict = DistinctReleases.conflict(out.stream().map(LoadedStack::displayName).toList(),
                out.stream().map(LoadedStack::stack).toList());
        if (conflict.isPresent()) {
            throw error(Setting.DEFINITIONS, conflict.get());
        }
        return out;
    }

    String display(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(settings.projectDirectory())
                ? settings.projectDirectory().relativize(abs).toString().replace('\\', '/') : abs.toString();
    }

    // ------------------------------------------------------------------ settings

    /** A {@link SettingException} for {@code setting}, worded by the front end. */
    SettingException error(Setting setting, String problem) {
        return new SettingException(setting, problem, wording);
    }

    /** The version mode, or a {@link SettingException} naming {@link Setting#VERSION_MODE}. */
    public VersionMode versionMode() {
        try {
            return VersionMode.parse(settings.versionMode());
        } catch (IllegalArgumentException e) {
            throw error(Setting.VERSION_MODE, "'" + settings.versionMode() + "' is not one of "
                    + Arrays.stream(VersionMode.values()).map(m -> m.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", ")));
        }
    }

    /** The custom versions (custom mode), or null; warns about versions given in another mode. */
    public ReleaseVersions customVersions(VersionMode mode) {
        Map<Setting, String> given = new LinkedHashMap<>();
        given.put(Setting.CLUSTER_STACK_VERSION, settings.clusterStackVersion());
        given.put(Setting.CLUSTER_ADDON_VERSION, settings.clusterAddonVersion());
        given.put(Setting.NODE_IMAGE_VERSION, settings.nodeImageVersion());
        if (mode != VersionMode.CUSTOM) {
            given.forEach((setting, value) -> {
                if (value != null && !value.isBlank()) {
                    log.warn(wording.setting(setting) + " is ignored: it only applies when "
                            + wording.brief(Setting.VERSION_MODE) + " is custom");
                }
            });
            return null;
        }
        List<String> versions = new ArrayList<>();
        given.forEach((setting, value) -> {
            if (value == null || value.isBlank()) {
                throw error(setting, "is required when " + wording.setting(Setting.VERSION_MODE) + " is custom");
            }
            try {
                StackVersion.parse(value.trim());
            } catch (IllegalArgumentException e) {
                throw error(setting, "'" + value + "' is not a version: " + e.getMessage());
            }
            versions.add(value.trim());
        });
        return Versioner.custom(versions.get(0), versions.get(1), versions.get(2));
    }

    /** Archive entry time from {@link Setting#OUTPUT_TIMESTAMP}, or null for the core's fixed default. */
    public Instant archiveTime() {
        return OutputTimestamp.parse(settings.outputTimestamp(), wording);
    }

    void checkOffline() {
        if (settings.vendorDependencies() && settings.offline() && settings.chartCache() == null) {
            throw error(Setting.CHART_CACHE, "offline (" + wording.brief(Setting.OFFLINE) + ") with "
                    + wording.setting(Setting.VENDOR_DEPENDENCIES) + " needs a chart cache that holds every addon chart; "
                    + "build once online with a " + wording.brief(Setting.CHART_CACHE) + ", or drop "
                    + wording.brief(Setting.OFFLINE));
        }
    }

    /** A Helm runner for vendoring and verification; loads Helm's native library, so only when needed. */
    HelmRunner helm() {
        HelmRunner.Builder b = HelmRunner.builder().offline(settings.offline());
        if (settings.chartCache() != null) {
            b.chartCache(settings.chartCache());
        }
        if (settings.caCertificates() != null) {
            if (!Files.isRegularFile(settings.caCertificates())) {
                throw error(Setting.CA_CERTIFICATES, "there is no file " + settings.caCertificates()
                        + " (a PEM file of CA certificates)");
            }
            b.caCertificates(settings.caCertificates());
        }
        return b.build();
    }

    /** Fails naming {@link Setting#CRDS} when a CRD file or folder does not exist. */
    void requireCrds() {
        for (Path crd : settings.crds()) {
            if (!Files.exists(crd)) {
                throw error(Setting.CRDS, "there is no CRD file or folder " + display(crd));
            }
        }
    }

    /** The CRD schemas of {@link Setting#CRDS}, or null when none are given. */
    CrdSchemas crdSchemas() {
        requireCrds();
        if (settings.crds().isEmpty()) {
            return null;
        }
        try {
            return CrdSchemas.loader().load(settings.crds());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw error(Setting.CRDS, e.getMessage());
        }
    }

    // ------------------------------------------------------------------ generate

    /**
     * Validates the definitions and writes, per release, the stack folder ({@link StackFolder}:
     * {@code cluster-class/}, {@code cluster-addon/}, the addon configuration, {@code node-image/} with the
     * ORC {@code image.yaml} of the {@code file} placement)
     * unpackaged to {@code <chartsDirectory>/<release name>/}. Chart versions are the custom versions,
     * else {@value #GENERATE_CHART_VERSION}. Only changed files are written; files no release produces
     * any more are deleted.
     */
    public WriteResult generate() {
        VersionMode mode = versionMode();
        ReleaseVersions custom = customVersions(mode);
        List<LoadedStack> stacks = load();
        String classVersion = custom != null ? custom.clusterStack().toString() : GENERATE_CHART_VERSION;
        String addonVersion = custom != null ? custom.clusterAddon().toString() : GENERATE_CHART_VERSION;
        Map<Path, String> files = new LinkedHashMap<>();
        int releases = 0;
        Path root = settings.chartsDirectory();
        for (LoadedStack s : stacks) {
            ClusterStack stack = s.stack();
            for (KubernetesRelease r : stack.releases()) {
                releases++;
                Path dir = root.resolve(stack.releaseName(r.kubernetesVersion()));
                StackFolder.files(stack, r, classVersion, addonVersion).forEach((name, text) -> files.put(dir.resolve(name), text));
            }
        }
        List<Path> written = FileWrites.writeChanged(root, files, true);
        if (written.isEmpty()) {
            log.info("Cluster stack charts are up to date (" + plural(releases, "release") + "), nothing written");
        } else {
            log.info("Generated the charts of " + plural(releases, "release") + " in " + display(root) + " ("
                    + written.size() + " files written)");
        }
        return new WriteResult(releases, written);
    }

    // ------------------------------------------------------------------ package, verify, publish

    /**
     * Builds the release folders of every definition into the output directory, unless nothing changed
     * since the last build (same inputs, settings and tool; every output intact): then nothing is
     * written and the releases of the last build are returned.
     *
     * @param bundle where to write one reproducible archive of all release folders of this build, or null for none
     */
    public PackageResult packageReleases(Path bundle) {
        return new PackageStep(this).run(bundle);
    }

    /**
     * Verifies every release folder of the last {@code package} run with the core's release verifier:
     * contract names and files, {@code helm lint --strict}, {@code helm template} as the operator
     * renders, class references, and CRD schemas when {@link Setting#CRDS} are given. Not run again when
     * the releases, CRDs and tool are the same as at the last successful verification.
     *
     * @throws StackBuildException listing every error (release, chart, object, field)
     */
    public VerifyResult verify() {
        return new VerifyStep(this).run();
    }

    /**
     * Pushes every release folder of the last {@code package} run to the OCI repository
     * {@link Setting#PUBLISH_REPOSITORY}: one artifact per release, tagged with the release name; a tag
     * that exists is refused, never overwritten.
     *
     * @throws SettingException    when the repository is missing or not an {@code oci://} address, or the build is offline
     * @throws StackBuildException naming the release folder, the registry and the HTTP status when a push fails
     */
    public PublishResult publish() {
        return new PublishStep(this).run();
    }

    /**
     * Plans the test clusters ({@link Setting#PLAN_CLUSTERS}) and automatic clusters (no variable set; one per
     * variable with a schema {@code example}) against every release of the last {@code package} run, or against the
     * hand-written chart {@link Setting#PLAN_CHART}: what Cluster API would create, written to
     * {@link Setting#PLANS_DIRECTORY} with a Markdown summary. A patch no planned cluster enabled is a warning.
     *
     * @throws StackBuildException listing every error of every plan (release, cluster, file:line:column, field)
     */
    public PlanResult plan() {
        return new PlanStep(this).run();
    }

    /**
     * Upgrade safety: compares {@link Setting#COMPAT_NEWER} with {@link Setting#COMPAT_OLDER} (release folders or
     * cluster-class charts, hand-written ones too), or else every release of the last {@code package} run with the
     * releases clusters upgrade from in the baseline, as {@link #verify()} does. Notes go to
     * {@link Setting#NOTES_DIRECTORY}.
     *
     * @throws StackBuildException listing every error (release, predecessor, field or variable, rule, test clusters)
     */
    public CompatResult compat() {
        return new CompatStep(this).run();
    }

    /**
     * Imports a hand-written stack in csctl's layout ({@link Setting#IMPORT_SOURCE}) into the project folder: its
     * {@code src/main/clusterstack/stack.yaml} with the text files beside it, and the import report.
     *
     * @throws SettingException    when the source is missing or no folder, or the project has a definition and
     *                             {@link Setting#IMPORT_OVERWRITE} is false
     * @throws StackBuildException when the source cannot be imported (not a stack, a chart Helm cannot render,
     *                             {@code lookup}, values the stack does not provide): naming the file; nothing written
     */
    public ImportReport importStack(Path source, boolean overwrite) {
        return new ImportStep(this).run(source, overwrite);
    }

    /** The release folders of the last {@code package} run (empty when it has not run). */
    List<BuiltRelease> lastPackaged() {
        return PackageStep.lastReleases(this);
    }

    /** Fails when a release folder of the last {@code package} run is gone. */
    void requireFolders(List<BuiltRelease> releases) {
        for (BuiltRelease r : releases) {
            if (!Files.isDirectory(r.folder())) {
                throw new StackBuildException("the release folder " + display(r.folder()) + " of the last "
                        + wording.step("package") + " run is gone: run " + wording.step("package") + " again");
            }
        }
    }

    // ------------------------------------------------------------------ docs

    /** Writes {@code <docsDirectory>/<provider>-<name>.md} per definition ({@link StackDocs}). */
    public WriteResult docs() {
        List<LoadedStack> stacks = load();
        Map<Path, String> files = new LinkedHashMap<>();
        int releases = 0;
        for (LoadedStack s : stacks) {
            releases += s.stack().releases().size();
            files.put(settings.docsDirectory().resolve(StackDocs.fileName(s.stack())), StackDocs.page(s.stack(), s.displayName()));
        }
        List<Path> written = FileWrites.writeChanged(settings.docsDirectory(), files, false);
        if (written.isEmpty()) {
            log.info("Cluster stack docs are up to date (" + plural(stacks.size(), "stack") + "), nothing written");
        } else {
            written.forEach(p -> log.info("Wrote " + display(p)));
        }
        return new WriteResult(releases, written);
    }

    static String plural(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    /** A file under {@code <buildDirectory>/clusterstack/}. */
    Path stateFile(String name) {
        return settings.buildDirectory().resolve("clusterstack").resolve(name);
    }
}
