package dev.clusterstack.maven;

import dev.clusterstack.core.crd.CrdSchemas;
import dev.clusterstack.core.definition.StackDefinition;
import dev.clusterstack.core.definition.YamlSource;
import dev.clusterstack.core.helm.HelmException;
import dev.clusterstack.core.helm.HelmRunner;
import dev.clusterstack.core.model.AddonLayout;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.KubernetesRelease;
import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.publish.Baselines;
import dev.clusterstack.core.publish.OciPublisher;
import dev.clusterstack.core.publish.OciRepository;
import dev.clusterstack.core.release.OutputLock;
import dev.clusterstack.core.model.infra.OrcImage;
import dev.clusterstack.core.release.ReleaseBuilder;
import dev.clusterstack.core.release.ReleaseBuilder.ReleaseOutput;
import dev.clusterstack.core.release.ReleaseVersions;
import dev.clusterstack.core.release.ReproducibleArchive;
import dev.clusterstack.core.release.StackVersion;
import dev.clusterstack.core.release.VersionMode;
import dev.clusterstack.core.release.Versioner;
import dev.clusterstack.core.render.AddonCharts;
import dev.clusterstack.core.render.ClusterClassChart;
import dev.clusterstack.core.render.VariableDocs;
import dev.clusterstack.core.render.Yaml;
import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.problem.StackException;
import dev.clusterstack.core.verify.ReleaseVerifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the goals do, without Maven: reads {@link StackBuildSettings}, calls the core, and turns
 * problems into {@link SettingException} (a parameter is wrong: names the POM element and user
 * property), {@link StackException} (the definition is wrong: every problem with file:line:column) or
 * {@link StackBuildException} (verification failed, a chart could not be fetched). No domain logic
 * lives here: loading, validation, rendering, versioning, packaging and verification are the core's.
 *
 * <p>Up-to-date: {@code package} and {@code verify} keep their state in {@code target/clusterstack/};
 * {@code generate} and {@code docs} write a file only when its content changes.
 */
public final class ClusterStackRunner {
    /** Chart version of the charts {@code generate} writes when the versions are not given (custom mode). */
    public static final String GENERATE_CHART_VERSION = "v0-dev";

    private static final Pattern VERSIONED_ARCHIVE = Pattern.compile("(.+-cluster-(?:class|addon))-v[0-9a-z.-]+\\.tgz");
    private static final String STATE_FOLDER = "clusterstack";

    private final StackBuildSettings settings;
    private final BuildLog log;

    private LoadedDefinitions loadedDefinitions = new LoadedDefinitions(null);

    /** Shares loaded definitions between the goals of one project through Maven's plugin context. */
    public ClusterStackRunner sharing(Map<String, Object> pluginContext) {
        this.loadedDefinitions = new LoadedDefinitions(pluginContext);
        return this;
    }

    public ClusterStackRunner(StackBuildSettings settings, BuildLog log) {
        this.settings = settings;
        this.log = log;
    }

    /** A loaded definition. */
    public record LoadedStack(Path file, String displayName, StackDefinition.Loaded loaded) {
        public ClusterStack stack() {
            return loaded.stack();
        }
    }

    /** One file of a release, with the Maven classifier and type it is attached as. */
    public record ReleaseFile(Path file, String classifier, String type) {
    }

    /** One release folder of this build. */
    public record BuiltRelease(String folderName, String releaseName, Path folder, List<ReleaseFile> files) {
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

    /** Outcome of {@link #verify()}. */
    public record VerifyResult(int releases, int warnings, boolean upToDate) {
    }

    // ------------------------------------------------------------------ loading

    /**
     * Loads and validates every definition; all problems of all definitions are reported at once.
     *
     * @throws SettingException when a definition file does not exist
     * @throws StackException   with every problem ({@code file:line:column: error: path: message})
     */
    public List<LoadedStack> load() {
        List<LoadedStack> out = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Path file : settings.definitions()) {
            String display = display(file);
            if (!Files.isRegularFile(file) && YamlSource.symlinkLoop(file).isPresent()) {
                throw new SettingException("definitions", PropertyNames.DEFINITIONS, "stack definition " + display
                        + " cannot be reached: the symbolic link " + display(YamlSource.symlinkLoop(file).get())
                        + " leads into a loop of links");
            }
            if (!Files.isRegularFile(file)) {
                throw new SettingException("definitions", PropertyNames.DEFINITIONS, "there is no stack definition "
                        + display + (settings.definitions().size() == 1 && file.endsWith(Path.of(StackDefinition.DEFAULT_FILE))
                        ? " (the default): write one there or list the files in <definitions>" : ""));
            }
            try {
                // warnings once per build: a definition another goal loaded already is not reported again
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
        Map<String, String> releaseNames = new TreeMap<>();
        for (LoadedStack s : out) {
            for (KubernetesRelease r : s.stack().releases()) {
                String name = s.stack().releaseName(r.kubernetesVersion());
                String before = releaseNames.put(name, s.displayName());
                if (before != null) {
                    throw new SettingException("definitions", PropertyNames.DEFINITIONS, before + " and " + s.displayName()
                            + " both define the release " + name + " (Kubernetes " + r.kubernetesVersion().minorDot()
                            + "); each provider, name and Kubernetes minor must come from one definition");
                }
            }
        }
        return out;
    }

    private String display(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(settings.projectDirectory())
                ? settings.projectDirectory().relativize(abs).toString().replace('\\', '/') : abs.toString();
    }

    // ------------------------------------------------------------------ parameters

    /** The version mode, or a {@link SettingException} naming {@code <versionMode>}. */
    public VersionMode versionMode() {
        try {
            return VersionMode.parse(settings.versionMode());
        } catch (IllegalArgumentException e) {
            throw new SettingException("versionMode", PropertyNames.VERSION_MODE, "'" + settings.versionMode()
                    + "' is not one of " + Arrays.stream(VersionMode.values())
                    .map(m -> m.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
    }

    /** The custom versions (custom mode), or null; warns about versions given in another mode. */
    public ReleaseVersions customVersions(VersionMode mode) {
        String[][] given = {
                {"clusterStackVersion", PropertyNames.CLUSTER_STACK_VERSION, settings.clusterStackVersion()},
                {"clusterAddonVersion", PropertyNames.CLUSTER_ADDON_VERSION, settings.clusterAddonVersion()},
                {"nodeImageVersion", PropertyNames.NODE_IMAGE_VERSION, settings.nodeImageVersion()}};
        if (mode != VersionMode.CUSTOM) {
            for (String[] g : given) {
                if (g[2] != null && !g[2].isBlank()) {
                    log.warn("<" + g[0] + "> (" + g[1] + ") is ignored: it only applies when <versionMode> is custom");
                }
            }
            return null;
        }
        for (String[] g : given) {
            if (g[2] == null || g[2].isBlank()) {
                throw new SettingException(g[0], g[1], "is required when <versionMode> (" + PropertyNames.VERSION_MODE
                        + ") is custom");
            }
            try {
                StackVersion.parse(g[2].trim());
            } catch (IllegalArgumentException e) {
                throw new SettingException(g[0], g[1], "'" + g[2] + "' is not a version: " + e.getMessage());
            }
        }
        return Versioner.custom(given[0][2].trim(), given[1][2].trim(), given[2][2].trim());
    }

    /** Archive entry time from {@code project.build.outputTimestamp}, or null for the core's fixed default. */
    public Instant archiveTime() {
        return OutputTimestamp.parse(settings.outputTimestamp());
    }

    private void checkOffline() {
        if (settings.vendorDependencies() && settings.offline() && settings.chartCache() == null) {
            throw new SettingException("chartCache", PropertyNames.CHART_CACHE, "offline (-o) with <vendorDependencies>"
                    + " (" + PropertyNames.VENDOR_DEPENDENCIES + ") needs a chart cache that holds every addon chart; "
                    + "build once online with a <chartCache>, or drop -o");
        }
    }

    private HelmRunner helm() {
        HelmRunner.Builder b = HelmRunner.builder().offline(settings.offline());
        if (settings.chartCache() != null) {
            b.chartCache(settings.chartCache());
        }
        if (settings.caCertificates() != null) {
            if (!Files.isRegularFile(settings.caCertificates())) {
                throw new SettingException("caCertificates", PropertyNames.CA_CERTIFICATES, "there is no file "
                        + settings.caCertificates() + " (a PEM file of CA certificates)");
            }
            b.caCertificates(settings.caCertificates());
        }
        return b.build();
    }

    // ------------------------------------------------------------------ generate

    /**
     * Validates the definitions and writes, per release, {@code <chartsDirectory>/<release name>/}
     * with {@code cluster-class/} (the chart), {@code cluster-addon/} (the addon charts), the addon
     * configuration and {@code node-images.yaml} where given. Chart versions are the custom versions,
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
                ClusterClassChart.render(stack, r, classVersion)
                        .forEach((name, text) -> files.put(dir.resolve("cluster-class").resolve(name), text));
                AddonCharts.archiveFiles(stack, r, addonVersion)
                        .forEach((name, text) -> files.put(dir.resolve("cluster-addon").resolve(name), text));
                StackContent content = r.content();
                if (content.addonLayout() == AddonLayout.LEGACY) {
                    files.put(dir.resolve(AddonCharts.LEGACY_VALUES_FILE), AddonCharts.legacyValues(content));
                } else {
                    files.put(dir.resolve(AddonCharts.CONFIG_FILE), AddonCharts.clusterAddonConfig(content));
                }
                if (content.nodeImages() != null) {
                    files.put(dir.resolve("node-images.yaml"), Yaml.write(content.nodeImages()));
                }
                if (content.orcImage() != null && OrcImage.FILE.equals(content.orcImage().placement())) {
                    files.put(dir.resolve(OrcImage.FILE_NAME), Yaml.write(ClusterClassChart.orcImageObject(content.orcImage(), false)));
                }
            }
        }
        List<Path> written = writeChanged(root, files, true);
        if (written.isEmpty()) {
            log.info("Cluster stack charts are up to date (" + plural(releases, "release") + "), nothing written");
        } else {
            log.info("Generated the charts of " + plural(releases, "release") + " in " + display(root) + " (" + written.size()
                    + " files written)");
        }
        return new WriteResult(releases, written);
    }

    // ------------------------------------------------------------------ package

    /**
     * Builds the release folders of every definition into the output directory, unless nothing changed
     * since the last build (same inputs, parameters and plugin; every output intact): then nothing is
     * written and the releases of the last build are returned.
     *
     * @param bundle where to write one reproducible archive of all release folders of this build (the
     *               main artifact of the {@code cluster-stack} packaging), or null for none
     */
    public PackageResult packageReleases(Path bundle) {
        try (OutputLock lock = OutputLock.acquire(settings.outputDirectory(), OutputLock.DEFAULT_WAIT, log::info)) {
            return packageReleasesLocked(bundle);
        } catch (IOException e) {
            throw new StackBuildException(e.getMessage());
        }
    }

    private PackageResult packageReleasesLocked(Path bundle) {
        VersionMode mode = versionMode();
        ReleaseVersions custom = customVersions(mode);
        Instant mtime = archiveTime();
        checkOffline();
        List<LoadedStack> stacks = load();
        Path stateFile = stateFile("package");
        String settingsKey = packageSettingsKey(stacks, mode, custom, mtime, bundle);
        Path baseline = baselineFolder(mode);
        BuildState previous = BuildState.read(stateFile);
        if (previous != null && previous.upToDate(BuildState.sha256(settingsKey + baselineKey(mode, baseline)))) {
            List<BuiltRelease> releases = releasesFromState(previous);
            log.info("Cluster stack releases are up to date (" + plural(releases.size(), "release") + "), nothing written");
            return new PackageResult(releases, bundle, true);
        }
        BuildState.delete(stateFile);
        List<ReleaseOutput> outputs = new ArrayList<>();
        try (HelmRunner helm = settings.vendorDependencies() ? helm() : null) {
            for (LoadedStack s : stacks) {
                ReleaseBuilder.Options options = new ReleaseBuilder.Options(mode, custom, settings.outputDirectory(),
                        baseline, mtime, settings.vendorDependencies(), helm);
                outputs.addAll(ReleaseBuilder.build(s.stack(), options));
            }
        } catch (HelmException e) {
            String addon = e.chart() == null || e.chart().getFileName() == null ? "?" : e.chart().getFileName().toString();
            throw new StackBuildException("cannot fetch the chart dependencies of addon '" + addon
                    + "' (<vendorDependencies>): " + e.helmMessage());
        }
        List<BuiltRelease> releases = new ArrayList<>();
        for (ReleaseOutput o : outputs) {
            ReleaseVersions v = o.versions();
            log.info("Built release " + o.folderName() + " (Kubernetes " + o.release().kubernetesVersion()
                    + ", clusterStack " + v.clusterStack() + ", clusterAddon " + v.clusterAddon() + ", nodeImage "
                    + v.nodeImage() + (o.reusedVersions() ? ", content unchanged: versions kept" : "") + ")");
            String releaseName = o.folderName().substring(0, o.folderName().length() - v.clusterStack().toString().length() - 1);
            releases.add(new BuiltRelease(o.folderName(), releaseName, o.folder(),
                    o.files().stream().map(f -> releaseFile(releaseName, o.folder().resolve(f))).toList()));
        }
        if (bundle != null) {
            writeBundle(releases, bundle, mtime);
        }
        Map<Path, String> hashes = new TreeMap<>();
        List<String> entries = new ArrayList<>();
        for (BuiltRelease r : releases) {
            entries.add("release " + r.folderName() + " " + r.releaseName() + " " + r.folder());
            r.files().forEach(f -> hashes.put(f.file(), BuildState.sha256(f.file())));
        }
        if (bundle != null) {
            hashes.put(bundle, BuildState.sha256(bundle));
        }
        new BuildState(BuildState.sha256(settingsKey + baselineKey(mode, baseline)), entries, hashes).write(stateFile);
        log.info(plural(releases.size(), "cluster stack release") + " in " + display(settings.outputDirectory()));
        return new PackageResult(releases, bundle, false);
    }

    /** The Maven classifier and type of a release file: {@code <release name>-<component>}, version dropped. */
    static ReleaseFile releaseFile(String releaseName, Path file) {
        String name = file.getFileName().toString();
        Matcher m = VERSIONED_ARCHIVE.matcher(name);
        if (m.matches()) {
            return new ReleaseFile(file, m.group(1), "tgz");
        }
        int dot = name.lastIndexOf('.');
        String base = dot < 0 ? name : name.substring(0, dot);
        String type = dot < 0 ? "file" : name.substring(dot + 1);
        return new ReleaseFile(file, releaseName + "-" + base, type);
    }

    private List<BuiltRelease> releasesFromState(BuildState state) {
        List<BuiltRelease> out = new ArrayList<>();
        for (String e : state.entries()) {
            String[] parts = e.split(" ", 4);
            if (parts.length == 4 && parts[0].equals("release")) {
                Path folder = Path.of(parts[3]);
                List<ReleaseFile> files = state.outputs().keySet().stream().filter(p -> folder.equals(p.getParent()))
                        .sorted().map(p -> releaseFile(parts[2], p)).toList();
                out.add(new BuiltRelease(parts[1], parts[2], folder, files));
            }
        }
        return out;
    }

    private String packageSettingsKey(List<LoadedStack> stacks, VersionMode mode, ReleaseVersions custom, Instant mtime,
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

    /**
     * The folder of previous releases: the output directory by default; in stable mode a registry
     * {@code <baseline>} is first read into its cache under {@code target/clusterstack/baseline-cache/}.
     */
    private Path baselineFolder(VersionMode mode) {
        if (settings.baseline() == null) {
            return settings.outputDirectory();
        }
        if (mode != VersionMode.STABLE) {
            return OciRepository.isOciAddress(settings.baseline()) ? settings.outputDirectory()
                    : settings.projectDirectory().resolve(settings.baseline()).normalize();
        }
        Path folder;
        try {
            folder = Baselines.resolve(settings.baseline(), settings.projectDirectory(), settings.baselineCredentials(),
                    settings.baselinePlainHttp(), settings.offline(),
                    settings.buildDirectory().resolve(STATE_FOLDER).resolve("baseline-cache"), log::info);
        } catch (IllegalArgumentException e) {
            throw new SettingException("baseline", PropertyNames.BASELINE, e.getMessage());
        } catch (IOException e) {
            throw new StackBuildException(e.getMessage());
        }
        if (!Files.isDirectory(folder)) {
            throw new SettingException("baseline", PropertyNames.BASELINE, "the folder " + display(folder)
                    + " does not exist (it should hold the previous releases)");
        }
        return folder;
    }

    /** Stable mode: the previous releases decide the versions, so their metadata and hashes are part of the key. */
    private String baselineKey(VersionMode mode, Path baseline) {
        if (mode != VersionMode.STABLE) {
            return "";
        }
        if (!Files.isDirectory(baseline)) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        try (Stream<Path> s = Files.list(baseline)) {
            for (Path p : s.sorted().toList()) {
                if (Files.isDirectory(p) && ReleaseVerifier.FOLDER.matcher(p.getFileName().toString()).matches()) {
                    b.append("previous ").append(p.getFileName());
                    for (String f : List.of("metadata.yaml", "hashes.json")) {
                        Path file = p.resolve(f);
                        b.append(' ').append(Files.isRegularFile(file) ? BuildState.sha256(file) : "-");
                    }
                    b.append('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + baseline + ": " + e.getMessage(), e);
        }
        return b.toString();
    }

    private void writeBundle(List<BuiltRelease> releases, Path bundle, Instant mtime) {
        Path staging = stateFile("bundle");
        try {
            deleteTree(staging);
            for (BuiltRelease r : releases) {
                Path dir = Files.createDirectories(staging.resolve(r.folderName()));
                for (ReleaseFile f : r.files()) {
                    Files.copy(f.file(), dir.resolve(f.file().getFileName().toString()));
                }
            }
            Files.createDirectories(bundle.toAbsolutePath().getParent());
            ReproducibleArchive.writeTarGzContents(staging, bundle, mtime != null ? mtime : ReproducibleArchive.DEFAULT_MTIME);
            deleteTree(staging);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bundle " + bundle + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ verify

    /**
     * Verifies every release folder of the last {@code package} run with the core's
     * {@link ReleaseVerifier}: contract names and files, {@code helm lint --strict}, {@code helm template}
     * as the operator renders, class references, and CRD schemas when {@code crds} are configured. Not
     * run again when the releases, CRDs and plugin are the same as at the last successful verification.
     *
     * @throws StackBuildException listing every error (release, chart, object, field)
     */
    public VerifyResult verify() {
        BuildState built = BuildState.read(stateFile("package"));
        List<BuiltRelease> releases = built == null ? List.of() : releasesFromState(built);
        if (releases.isEmpty()) {
            log.warn("No cluster stack releases of this build to verify: clusterstack:package has not run for this project");
            return new VerifyResult(0, 0, false);
        }
        for (Path crd : settings.crds()) {
            if (!Files.exists(crd)) {
                throw new SettingException("crds", PropertyNames.CRDS, "there is no CRD file or folder " + display(crd));
            }
        }
        StringBuilder key = new StringBuilder("tool " + settings.toolFingerprint() + "\n");
        for (BuiltRelease r : releases) {
            if (!Files.isDirectory(r.folder())) {
                throw new StackBuildException("the release folder " + display(r.folder())
                        + " of the last clusterstack:package run is gone: run the package phase again");
            }
            appendTree(key, "release", r.folder());
        }
        for (Path crd : settings.crds()) {
            appendTree(key, "crds", crd);
        }
        Path stateFile = stateFile("verify");
        String keyHash = BuildState.sha256(key.toString());
        BuildState previous = BuildState.read(stateFile);
        if (previous != null && previous.key().equals(keyHash)) {
            log.info("Cluster stack releases were verified before and are unchanged (" + plural(releases.size(), "release")
                    + "), not verified again");
            return new VerifyResult(releases.size(), 0, true);
        }
        BuildState.delete(stateFile);
        CrdSchemas schemas = loadCrds();
        List<String> errors = new ArrayList<>();
        int warnings = 0;
        int failed = 0;
        try (HelmRunner helm = helm()) {
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
                        log.warn(p.toString());
                    }
                }
                if (report.failed()) {
                    failed++;
                } else {
                    log.info("Verified release " + r.folderName() + " (" + report.clusterClassObjects().size()
                            + " objects rendered" + (schemas != null ? ", checked against CRD schemas" : "") + ")");
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new StackBuildException("Cluster stack verification failed: " + errors.size()
                    + (errors.size() == 1 ? " error" : " errors") + " in " + failed + " of " + releases.size()
                    + " releases:\n" + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n")));
        }
        new BuildState(keyHash, List.of(), Map.of()).write(stateFile);
        log.info("Verified " + plural(releases.size(), "cluster stack release") + (schemas != null
                ? " against the CRD schemas of " + plural(schemas.known().size(), "kind") : " (no <crds> configured: CRD schemas not checked)"));
        return new VerifyResult(releases.size(), warnings, false);
    }

    // ------------------------------------------------------------------ publish

    /**
     * Pushes every release folder of the last {@code package} run to the OCI repository
     * {@code publishRepository} with the core's {@link OciPublisher}: one artifact per release, tagged
     * with the release name; a tag that exists is refused, never overwritten.
     *
     * @throws SettingException    when the repository is missing or not an {@code oci://} address, or the build is offline
     * @throws StackBuildException naming the release folder, the registry and the HTTP status when a push fails
     */
    public PublishResult publish() {
        String repository = settings.publishRepository();
        if (repository == null || repository.isBlank()) {
            throw new SettingException("repository", PropertyNames.PUBLISH_REPOSITORY,
                    "no OCI repository to publish to: set it to oci://host[:port]/path");
        }
        OciRepository target;
        try {
            target = OciRepository.parse(repository);
        } catch (IllegalArgumentException e) {
            throw new SettingException("repository", PropertyNames.PUBLISH_REPOSITORY, e.getMessage());
        }
        if (settings.offline()) {
            throw new SettingException("repository", PropertyNames.PUBLISH_REPOSITORY,
                    "cannot publish to " + repository + " offline (-o)");
        }
        BuildState built = BuildState.read(stateFile("package"));
        List<BuiltRelease> releases = built == null ? List.of() : releasesFromState(built);
        if (releases.isEmpty()) {
            log.warn("No cluster stack releases of this build to publish: clusterstack:package has not run for this project");
            return new PublishResult(List.of());
        }
        for (BuiltRelease r : releases) {
            if (!Files.isDirectory(r.folder())) {
                throw new StackBuildException("the release folder " + display(r.folder())
                        + " of the last clusterstack:package run is gone: run the package phase again");
            }
        }
        OciPublisher publisher = new OciPublisher();
        List<OciPublisher.Result> published = new ArrayList<>();
        for (BuiltRelease r : releases) {
            try {
                OciPublisher.Result result = publisher.publish(r.folder(), target, settings.publishCredentials(),
                        settings.plainHttp());
                log.info("Published release " + r.folderName() + " as " + result.reference() + " (" + result.digest() + ")");
                published.add(result);
            } catch (IOException e) {
                throw new StackBuildException("Publishing failed" + (published.isEmpty() ? "" : " after "
                        + plural(published.size(), "published release")) + ": " + e.getMessage());
            }
        }
        return new PublishResult(published);
    }

    private CrdSchemas loadCrds() {
        if (settings.crds().isEmpty()) {
            return null;
        }
        try {
            return CrdSchemas.loader().load(settings.crds());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new SettingException("crds", PropertyNames.CRDS, e.getMessage());
        }
    }

    private static void appendTree(StringBuilder key, String what, Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                key.append(what).append(' ').append(BuildState.sha256(p)).append(' ').append(p).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ docs

    /**
     * Writes {@code <docsDirectory>/<provider>-<name>.md} per definition: the ClusterClass variables
     * (name, type, default, required, description, patches using it) per Kubernetes version.
     */
    public WriteResult docs() {
        List<LoadedStack> stacks = load();
        Map<Path, String> files = new LinkedHashMap<>();
        int releases = 0;
        for (LoadedStack s : stacks) {
            ClusterStack stack = s.stack();
            StringBuilder b = new StringBuilder();
            b.append("# Cluster stack `").append(stack.provider()).append("` `").append(stack.name()).append("`: variables\n\n");
            b.append("Generated from `").append(s.displayName()).append("`. A Cluster selects a release's ClusterClass with\n")
                    .append("`spec.topology.class` and sets these variables in `spec.topology.variables`.\n");
            for (KubernetesRelease r : stack.releases()) {
                releases++;
                b.append("\n## Kubernetes ").append(r.kubernetesVersion()).append(" (`")
                        .append(stack.releaseName(r.kubernetesVersion())).append("`)\n\n");
                b.append(VariableDocs.variablesTable(r.content().clusterClass()).lines()
                        .map(l -> l.startsWith("#") ? "#" + l : l).collect(Collectors.joining("\n", "", "\n")));
            }
            files.put(settings.docsDirectory().resolve(stack.provider() + "-" + stack.name() + ".md"), b.toString());
        }
        List<Path> written = writeChanged(settings.docsDirectory(), files, false);
        if (written.isEmpty()) {
            log.info("Cluster stack docs are up to date (" + plural(stacks.size(), "stack") + "), nothing written");
        } else {
            written.forEach(p -> log.info("Wrote " + display(p)));
        }
        return new WriteResult(releases, written);
    }

    // ------------------------------------------------------------------ files

    static String plural(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    private Path stateFile(String name) {
        return settings.buildDirectory().resolve(STATE_FOLDER).resolve(name + (name.equals("bundle") ? "" : ".state"));
    }

    /** Writes the files whose content differs; with {@code prune}, deletes every other file under {@code root}. */
    static List<Path> writeChanged(Path root, Map<Path, String> files, boolean prune) {
        List<Path> written = new ArrayList<>();
        try {
            for (Map.Entry<Path, String> f : files.entrySet()) {
                byte[] bytes = f.getValue().getBytes(StandardCharsets.UTF_8);
                Path target = f.getKey();
                if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                Files.write(target, bytes);
                written.add(target);
            }
            if (prune && Files.isDirectory(root)) {
                List<Path> stale;
                try (Stream<Path> s = Files.walk(root)) {
                    stale = s.filter(p -> !p.equals(root) && !files.containsKey(p)
                                    && (Files.isRegularFile(p) || isEmptyDir(p, files)))
                            .sorted(Comparator.reverseOrder()).toList();
                }
                for (Path p : stale) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + root + ": " + e.getMessage(), e);
        }
        return written;
    }

    private static boolean isEmptyDir(Path dir, Map<Path, String> keep) {
        return Files.isDirectory(dir) && keep.keySet().stream().noneMatch(k -> k.startsWith(dir));
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
