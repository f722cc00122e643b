package dev.clusterstack.core.release;

import dev.clusterstack.core.contract.ReleaseLayout;
import dev.clusterstack.core.helm.HelmRunner;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.KubernetesRelease;
import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.model.infra.OrcImage;
import dev.clusterstack.core.render.ClusterClassChart;
import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.problem.StackException;
import dev.clusterstack.core.validate.StackValidator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Turns a {@link ClusterStack} into release folders, one per Kubernetes version, exactly as the
 * Cluster Stack Operator consumes them: {@code <provider>-<name>-<maj>-<min>-<version>/} with
 * {@code metadata.yaml}, the cluster-class and cluster-addon archives, {@code clusteraddon.yaml} (or
 * {@code cluster-addon-values.yaml}), {@code hashes.json}, and {@code node-images.yaml} and the ORC
 * {@code image.yaml} where given.
 *
 * <p>All releases are first built completely in a staging folder next to the output folder; only
 * then is each moved into place with {@link AtomicDirectory}, so a failure or a kill leaves every
 * previous release folder intact and nothing but complete release folders in the output folder.
 * Archives are reproducible.
 */
public final class ReleaseBuilder {
    /**
     * How to build.
     *
     * @param mode               custom, hash or stable versions
     * @param customVersions     the versions for {@link VersionMode#CUSTOM}, else {@code null}
     * @param outputDir          where release folders go ({@code target/cluster-stacks})
     * @param baselineDir        where previous releases are looked up in stable mode ({@code null}: {@code outputDir})
     * @param mtime              entry time in archives ({@code project.build.outputTimestamp}); {@code null}: 1980-01-01
     * @param vendorDependencies whether addon chart dependencies are resolved with Helm into {@code charts/}
     * @param helm               the Helm runner for vendoring ({@code null} when not vendoring)
     */
    public record Options(VersionMode mode, ReleaseVersions customVersions, Path outputDir, Path baselineDir, Instant mtime,
                          boolean vendorDependencies, HelmRunner helm) {
        public Options {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(outputDir, "outputDir");
            if (mode == VersionMode.CUSTOM && customVersions == null) {
                throw new IllegalArgumentException("custom versioning needs the clusterStack, clusterAddon and nodeImage versions");
            }
            if (vendorDependencies && helm == null) {
                throw new IllegalArgumentException("vendoring addon dependencies needs a HelmRunner");
            }
        }

        public static Options of(VersionMode mode, Path outputDir) {
            return new Options(mode, null, outputDir, null, null, false, null);
        }

        public Path baseline() {
            return baselineDir != null ? baselineDir : outputDir;
        }

        public Instant entryTime() {
            return mtime != null ? mtime : ReproducibleArchive.DEFAULT_MTIME;
        }
    }

    /** One written release folder. */
    public record ReleaseOutput(String folderName, Path folder, KubernetesRelease release, ReleaseVersions versions,
                                ReleaseHashes hashes, List<String> files, boolean reusedVersions) {
        /** The cluster-class archive. */
        public Path clusterClassArchive() {
            return folder.resolve(files.stream().filter(f -> f.contains("-" + ReleaseLayout.CLUSTER_CLASS + "-")).findFirst().orElseThrow());
        }

        /** The cluster-addon archive. */
        public Path clusterAddonArchive() {
            return folder.resolve(files.stream().filter(f -> f.contains("-" + ReleaseLayout.CLUSTER_ADDON + "-") && f.endsWith(".tgz"))
                    .findFirst().orElseThrow());
        }
    }

    private record Staged(ReleaseOutput output, Path stagedFolder) {
    }

    private ReleaseBuilder() {
    }

    /**
     * Validates the stack, builds every release folder, and returns them in version order of the stack.
     * Holds the output folder's {@link OutputLock} while it writes (waiting up to
     * {@link OutputLock#DEFAULT_WAIT} for another build, which it logs through {@link System.Logger});
     * stages in {@link AtomicDirectory#stagingFolder}, next to the output folder, and first removes
     * what killed builds left there.
     */
    public static List<ReleaseOutput> build(ClusterStack stack, Options options) {
        StackValidator.requireValid(stack);
        try (OutputLock lock = OutputLock.acquire(options.outputDir(), OutputLock.DEFAULT_WAIT,
                message -> System.getLogger(ReleaseBuilder.class.getName()).log(System.Logger.Level.INFO, message))) {
            Files.createDirectories(options.outputDir());
            AtomicDirectory.cleanStale(options.outputDir());
            Path stagingFolder = Files.createDirectories(AtomicDirectory.stagingFolder(options.outputDir()));
            Path staging = Files.createTempDirectory(stagingFolder, "build-");
            try {
                List<Staged> staged = new ArrayList<>();
                List<Problem> contract = new ArrayList<>();
                for (KubernetesRelease release : stack.releases()) {
                    staged.add(stage(stack, release, options, staging, contract));
                }
                if (!contract.isEmpty()) {
                    // nothing has left the staging folder: no release folder written, no version used up
                    throw new StackException(contract);
                }
                List<ReleaseOutput> out = new ArrayList<>();
                for (Staged s : staged) {
                    AtomicDirectory.replace(s.output().folder(), dir -> moveContents(s.stagedFolder(), dir));
                    out.add(s.output());
                }
                return out;
            } finally {
                AtomicDirectory.deleteRecursively(staging);
                AtomicDirectory.deleteIfEmpty(stagingFolder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write releases to " + options.outputDir() + ": " + e.getMessage(), e);
        }
    }

    private static Staged stage(ClusterStack stack, KubernetesRelease release, Options options, Path staging,
                                List<Problem> contract) throws IOException {
        String minorDash = release.kubernetesVersion().minorDash();
        Path work = Files.createDirectories(staging.resolve(stack.releaseName(release.kubernetesVersion())));

        // 1. content with neutral versions, hashed like csctl hashes a stack folder (in memory unless
        //    Helm must fill charts/ on disk)
        ReleaseHashes hashes;
        if (options.vendorDependencies()) {
            Path hashTree = Files.createDirectories(work.resolve("hash"));
            writeTree(StackFolder.files(stack, release, "v0", "v0"), hashTree, options);
            hashes = hashes(hashTree, release.content());
        } else {
            hashes = hashes(StackFolder.files(stack, release, "v0", "v0"), release.content());
        }

        // 2. versions
        ReleaseVersions versions;
        boolean reused = false;
        Optional<PreviousRelease> previous = options.mode() == VersionMode.STABLE
                ? ReleaseFolders.findPrevious(options.baseline(), stack.provider(), stack.name(), minorDash)
                : Optional.empty();
        if (previous.isPresent() && previous.get().hashes().equals(hashes)) {
            versions = previous.get().versions();
            reused = true;
        } else {
            versions = Versioner.decide(options.mode(), hashes, previous, options.customVersions());
        }

        // 3. the release contract on the real content, then the content and the release folder
        Map<String, String> treeContent = StackFolder.files(stack, release, versions.clusterStack().toString(),
                versions.clusterAddon().toString());
        contract.addAll(ReleaseContract.check(stack, release, versions, treeContent));
        String folderName = ReleaseFolders.folderName(stack.provider(), stack.name(), minorDash, versions.clusterStack());
        Path folder = Files.createDirectories(work.resolve("release"));
        String base = stack.releaseName(release.kubernetesVersion());
        List<String> files = new ArrayList<>();
        Instant mtime = options.entryTime();

        String classArchive = ReleaseLayout.clusterClassArchive(base, versions.clusterStack());
        String chartName = ClusterClassChart.chartName(stack, release);
        String addonArchive = ReleaseLayout.clusterAddonArchive(base, versions.clusterAddon());
        if (options.vendorDependencies()) {
            // Helm fills charts/ on disk
            Path tree = Files.createDirectories(work.resolve("tree"));
            writeTree(treeContent, tree, options);
            ReproducibleArchive.writeTarGz(tree.resolve(ReleaseLayout.CLUSTER_CLASS), chartName, folder.resolve(classArchive), mtime);
            ReproducibleArchive.writeTarGzContents(tree.resolve(ReleaseLayout.CLUSTER_ADDON), folder.resolve(addonArchive), mtime);
        } else {
            // the same archives from memory: no stack folder written to disk and deleted again
            ReproducibleArchive.writeTarGz(under(treeContent, ReleaseLayout.CLUSTER_CLASS), chartName,
                    folder.resolve(classArchive), mtime);
            ReproducibleArchive.writeTarGz(under(treeContent, ReleaseLayout.CLUSTER_ADDON), null,
                    folder.resolve(addonArchive), mtime);
        }
        files.add(classArchive);
        files.add(addonArchive);

        String valuesFile = StackFolder.addonValuesFile(release.content());
        Files.writeString(folder.resolve(valuesFile), treeContent.get(valuesFile), StandardCharsets.UTF_8);
        files.add(valuesFile);
        if (release.content().nodeImages() != null) {
            Files.writeString(folder.resolve(ReleaseLayout.NODE_IMAGES_FILE), treeContent.get(StackFolder.nodeImagesFile()),
                    StandardCharsets.UTF_8);
            files.add(ReleaseLayout.NODE_IMAGES_FILE);
        }
        if (StackFolder.hasImageFile(release.content())) {
            Files.writeString(folder.resolve(OrcImage.FILE_NAME), treeContent.get(StackFolder.orcImageFile()),
                    StandardCharsets.UTF_8);
            files.add(OrcImage.FILE_NAME);
        }
        new ReleaseMetadata(release.kubernetesVersion().tag(), versions).write(folder.resolve(ReleaseMetadata.FILE_NAME));
        files.add(ReleaseMetadata.FILE_NAME);
        hashes.write(folder.resolve(ReleaseHashes.FILE_NAME));
        files.add(ReleaseHashes.FILE_NAME);
        files.sort(Comparator.naturalOrder());

        ReleaseOutput output = new ReleaseOutput(folderName, options.outputDir().resolve(folderName), release, versions,
                hashes, List.copyOf(files), reused);
        return new Staged(output, folder);
    }

    /** The files of a stack folder's top folder, named relative to it. */
    private static Map<String, String> under(Map<String, String> tree, String folder) {
        Map<String, String> out = new LinkedHashMap<>();
        tree.forEach((name, content) -> {
            if (name.startsWith(folder + "/")) {
                out.put(name.substring(folder.length() + 1), content);
            }
        });
        return out;
    }

    /** Writes the stack folder ({@link StackFolder#files}) and, when asked, vendors the addon charts' dependencies. */
    private static void writeTree(Map<String, String> files, Path tree, Options options) throws IOException {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path target = tree.resolve(f.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
        }
        Files.createDirectories(tree.resolve(ReleaseLayout.CLUSTER_ADDON));
        if (options.vendorDependencies()) {
            vendor(tree.resolve(ReleaseLayout.CLUSTER_ADDON), options);
        }
    }

    /**
     * Resolves each addon chart's dependencies into {@code charts/}. {@code Chart.lock} is left out: it
     * holds the time of resolution, the exact versions are in {@code Chart.yaml} already, and Helm
     * renders a chart whose {@code charts/} is complete without it.
     */
    private static void vendor(Path addons, Options options) throws IOException {
        List<Path> charts;
        try (Stream<Path> s = Files.list(addons)) {
            charts = s.filter(p -> Files.isRegularFile(p.resolve("Chart.yaml"))).sorted().toList();
        }
        for (Path chart : charts) {
            options.helm().dependencyBuild(chart);
            Files.deleteIfExists(chart.resolve("Chart.lock"));
        }
    }

    /**
     * csctl's hashes of the stack folder; {@code clusterAddonValues} covers {@code clusteraddon.yaml}
     * in the staged layout, so a change of stages alone also gives a new addon version.
     */
    static ReleaseHashes hashes(Path tree, StackContent content) throws IOException {
        String values = DirHash.csctlFile(tree.resolve(StackFolder.addonValuesFile(content)));
        Path nodeImage = tree.resolve(ReleaseLayout.NODE_IMAGE);
        return new ReleaseHashes(DirHash.csctl(tree), DirHash.csctl(tree.resolve(ReleaseLayout.CLUSTER_ADDON)), values,
                Files.isDirectory(nodeImage) ? DirHash.csctl(nodeImage) : "");
    }

    /** {@link #hashes(Path, StackContent)} of a stack folder held in memory. */
    static ReleaseHashes hashes(Map<String, String> tree, StackContent content) {
        Map<String, byte[]> all = new LinkedHashMap<>();
        Map<String, byte[]> addons = new LinkedHashMap<>();
        Map<String, byte[]> nodeImage = new LinkedHashMap<>();
        tree.forEach((k, v) -> {
            byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
            all.put(k, bytes);
            if (k.startsWith(ReleaseLayout.CLUSTER_ADDON + "/")) {
                addons.put(k.substring(ReleaseLayout.CLUSTER_ADDON.length() + 1), bytes);
            } else if (k.startsWith(ReleaseLayout.NODE_IMAGE + "/")) {
                nodeImage.put(k.substring(ReleaseLayout.NODE_IMAGE.length() + 1), bytes);
            }
        });
        String valuesFile = StackFolder.addonValuesFile(content);
        return new ReleaseHashes(DirHash.csctl(all), DirHash.csctl(addons),
                DirHash.csctlFile(tree.get(valuesFile).getBytes(StandardCharsets.UTF_8)),
                nodeImage.isEmpty() ? "" : DirHash.csctl(nodeImage));
    }

    private static void moveContents(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.sorted().toList()) {
                Files.move(p, to.resolve(p.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

}
