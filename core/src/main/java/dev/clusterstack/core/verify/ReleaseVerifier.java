package dev.clusterstack.core.verify;

import dev.clusterstack.core.contract.ReleaseLayout;
import dev.clusterstack.core.crd.CrdSchemas;
import dev.clusterstack.core.crd.SchemaViolation;
import dev.clusterstack.core.model.infra.OrcImage;
import dev.clusterstack.core.helm.HelmException;
import dev.clusterstack.core.helm.HelmRunner;
import dev.clusterstack.core.helm.LintResult;
import dev.clusterstack.core.helm.RenderedObject;
import dev.clusterstack.core.release.ReleaseContract;
import dev.clusterstack.core.release.ReleaseHashes;
import dev.clusterstack.core.release.ReleaseMetadata;
import dev.clusterstack.core.render.v1beta2.SchemaPaths;
import dev.clusterstack.core.validate.GoTemplates;
import dev.clusterstack.core.problem.Problem;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a release folder the way the Cluster Stack Operator will use it: names and files of the
 * contract, {@code metadata.yaml}, the cluster-class chart linted (strict) and rendered with
 * {@code helm template <provider>-<name>-<maj>-<min> <chart>} and no values, the ClusterClass name,
 * every reference of the class resolving to a rendered object, every object against the CRD schemas
 * given, and the addon archive against {@code clusteraddon.yaml}. Each problem names the release,
 * the chart or file, the object and the field.
 */
public final class ReleaseVerifier {
    /** {@code <provider>-<name>-<maj>-<min>-<version>}. */
    public static final Pattern FOLDER = ReleaseLayout.FOLDER;
    /** The namespace used for rendering; any namespace works as the operator's own. */
    public static final String NAMESPACE = "cluster";

    /**
     * Threads that wait for Helm (which works in its own process) and check what it rendered; unbounded, as the
     * tasks of one release wait for those of its charts, idle threads end after a minute.
     */
    private static final ExecutorService HELM_CALLS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "clusterstack-verify");
        t.setDaemon(true);
        return t;
    });

    private final HelmRunner helm;
    private final CrdSchemas crds;

    /**
     * @param helm the Helm runner
     * @param crds CRD schemas to validate rendered objects against, or {@code null} to skip schema checks
     */
    public ReleaseVerifier(HelmRunner helm, CrdSchemas crds) {
        this.helm = helm;
        this.crds = crds;
    }

    /** The outcome for one release folder: problems (errors fail), and what was rendered. */
    public record Report(String release, List<Problem> problems, List<RenderedObject> clusterClassObjects) {
        public boolean failed() {
            return problems.stream().anyMatch(Problem::isError);
        }
    }

    /**
     * Verifies the release folders at the same time (Helm runs several commands at once in one process); the
     * reports come in the order of {@code folders}.
     */
    public List<Report> verifyAll(List<Path> folders) {
        List<CompletableFuture<Report>> reports = new ArrayList<>();
        for (Path folder : folders) {
            reports.add(CompletableFuture.supplyAsync(() -> verify(folder), HELM_CALLS));
        }
        return reports.stream().map(ReleaseVerifier::join).toList();
    }

    public Report verify(Path folder) {
        String release = folder.getFileName().toString();
        List<Problem> problems = new ArrayList<>();
        List<RenderedObject> objects = List.of();
        Matcher m = FOLDER.matcher(release);
        if (!m.matches()) {
            problems.add(error(release, "", "folder name must be <provider>-<name>-<maj>-<min>-<version> with provider and"
                    + " name [a-z0-9]+ and version vN or v0-sha.<7 chars>"));
            return new Report(release, problems, objects);
        }
        String base = ReleaseLayout.releaseName(m.group(1), m.group(2), m.group(3) + "-" + m.group(4));
        String version = m.group(5);
        ReleaseMetadata metadata = null;
        try {
            metadata = ReleaseMetadata.read(folder.resolve(ReleaseMetadata.FILE_NAME));
            if (!metadata.versions().clusterStack().toString().equals(version)) {
                problems.add(error(release, ReleaseLayout.METADATA_FILE + ": versions.clusterStack", "is " + metadata.versions().clusterStack()
                        + " but the folder says " + version));
            }
            if (!(m.group(3) + "-" + m.group(4)).equals(metadata.kubernetesMinorDash())) {
                problems.add(error(release, ReleaseLayout.METADATA_FILE + ": versions.kubernetes", "is " + metadata.kubernetesVersion()
                        + " but the folder is for " + m.group(3) + "." + m.group(4)));
            }
        } catch (IOException | RuntimeException e) {
            problems.add(error(release, ReleaseLayout.METADATA_FILE, e.getMessage()));
        }
        try {
            ReleaseHashes.read(folder.resolve(ReleaseHashes.FILE_NAME));
        } catch (IOException | RuntimeException e) {
            problems.add(error(release, ReleaseLayout.HASHES_FILE, e.getMessage()));
        }
        Path classArchive = folder.resolve(ReleaseLayout.clusterClassArchive(base, version));
        if (!Files.isRegularFile(classArchive)) {
            problems.add(error(release, classArchive.getFileName().toString(), "the cluster-class archive is missing"));
        } else {
            objects = verifyClusterClass(release, base, version, classArchive, problems);
        }
        if (metadata != null) {
            String addonName = ReleaseLayout.clusterAddonArchive(base, metadata.versions().clusterAddon());
            Path addonArchive = folder.resolve(addonName);
            if (!Files.isRegularFile(addonArchive)) {
                problems.add(error(release, addonName, "the cluster-addon archive is missing"));
            } else {
                verifyAddons(release, folder, addonArchive, metadata, problems);
            }
        }
        return new Report(release, problems, objects);
    }

    private List<RenderedObject> verifyClusterClass(String release, String base, String version, Path archive,
                                                    List<Problem> problems) {
        String file = archive.getFileName().toString();
        try {
            Map<String, String> entries = readTarGz(archive);
            String chartName = ReleaseLayout.clusterClassChart(base);
            String chartYaml = entries.get(chartName + "/Chart.yaml");
            if (chartYaml == null) {
                problems.add(error(release, file, "holds no " + chartName + "/Chart.yaml"));
            } else {
                Map<?, ?> chart = new org.yaml.snakeyaml.Yaml(new LoaderOptions()).load(chartYaml);
                if (!chartName.equals(String.valueOf(chart.get("name")))) {
                    problems.add(error(release, file + ": Chart.yaml: name", "is " + chart.get("name") + ", must be " + chartName));
                }
                if (!version.equals(String.valueOf(chart.get("version")))) {
                    problems.add(error(release, file + ": Chart.yaml: version", "is " + chart.get("version") + ", must be " + version));
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add(error(release, file, "cannot read the archive: " + e.getMessage()));
            return List.of();
        }
        // lint and template run at the same time in Helm's process
        CompletableFuture<LintResult> lintResult = CompletableFuture.supplyAsync(() -> helm.lint(archive, true), HELM_CALLS);
        CompletableFuture<String> manifests = CompletableFuture.supplyAsync(
                () -> helm.template(archive, base, NAMESPACE, null, null), HELM_CALLS);
        try {
            LintResult lint = join(lintResult);
            if (lint.failed()) {
                problems.add(error(release, file, "helm lint --strict failed: " + String.join("; ", lint.messages())));
            }
        } catch (HelmException e) {
            problems.add(error(release, file, "helm lint failed: " + e.getMessage()));
        }
        List<RenderedObject> objects;
        try {
            objects = HelmRunner.parseRenderedObjects(join(manifests));
        } catch (HelmException e) {
            problems.add(error(release, file, "helm template failed: " + e.getMessage()));
            return List.of();
        }
        String className = base + "-" + version;
        Set<String> present = new LinkedHashSet<>();
        Map<String, Object> clusterClass = null;
        for (RenderedObject o : objects) {
            Map<String, Object> obj = o.object();
            String name = name(obj);
            present.add(obj.get("apiVersion") + "|" + obj.get("kind") + "|" + name);
            if ((name == null || !name.startsWith(className)) && !isOrcImage(obj)) {
                problems.add(error(release, file + ": " + o.source(), obj.get("kind") + " " + name
                        + ": object names must start with " + className));
            }
            if ("ClusterClass".equals(obj.get("kind"))) {
                clusterClass = obj;
                if (!className.equals(name)) {
                    problems.add(error(release, file + ": ClusterClass " + name + ": metadata.name", "must be " + className));
                }
            }
            if (crds != null) {
                for (SchemaViolation v : crds.validateIfKnown(obj).orElse(List.of())) {
                    problems.add(error(release, file + ": " + obj.get("kind") + " " + name + ": " + v.path(), v.message()));
                }
                for (String d : ArgumentNames.duplicates(obj)) {
                    int colon = d.indexOf(": ");
                    problems.add(error(release, file + ": " + obj.get("kind") + " " + name + ": " + d.substring(0, colon),
                            d.substring(colon + 2)));
                }
                if (!crds.hasSchema(String.valueOf(obj.get("apiVersion")), String.valueOf(obj.get("kind")))) {
                    problems.add(new Problem(Problem.Severity.WARNING, null, release + ": " + file + ": " + obj.get("kind") + " " + name,
                            "no CRD schema for " + obj.get("apiVersion") + " " + obj.get("kind") + ": not validated", null));
                }
            }
        }
        if (clusterClass == null) {
            problems.add(error(release, file, "renders no ClusterClass"));
        } else {
            if (crds != null) {
                for (String[] m : SchemaPaths.missingPaths(clusterClass, crds)) {
                    problems.add(error(release, file + ": ClusterClass " + className + ": " + m[0], m[1]
                            + " (checked by clusterstack: Cluster API fails a JSON patch through a missing field, and the API"
                            + " server drops an unknown one)"));
                }
            }
            List<String[]> refs = new ArrayList<>();
            ReleaseContract.collectRefs(clusterClass.get("spec"), "spec", refs);
            for (String[] r : refs) {
                if (!present.contains(r[1])) {
                    String[] parts = r[1].split("\\|", -1);
                    problems.add(error(release, file + ": ClusterClass " + className + ": " + r[0],
                            "refers to " + parts[1] + " " + parts[2] + " (" + parts[0] + "), which the chart does not render"));
                }
            }
        }
        return objects;
    }

    private void verifyAddons(String release, Path folder, Path archive, ReleaseMetadata metadata, List<Problem> problems) {
        String file = archive.getFileName().toString();
        Map<String, String> entries;
        try {
            entries = readTarGz(archive);
        } catch (IOException | RuntimeException e) {
            problems.add(error(release, file, "cannot read the archive: " + e.getMessage()));
            return;
        }
        Map<String, String> chartFiles = new TreeMap<>();
        for (String name : entries.keySet()) {
            if (name.endsWith("/Chart.yaml") && name.indexOf('/') == name.length() - "/Chart.yaml".length()) {
                chartFiles.put(name.substring(0, name.indexOf('/')), entries.get(name));
            }
        }
        Path config = folder.resolve(ReleaseLayout.ADDON_CONFIG_FILE);
        Path legacy = folder.resolve(ReleaseLayout.LEGACY_ADDON_VALUES_FILE);
        if (Files.isRegularFile(config)) {
            try {
                Map<?, ?> doc = new org.yaml.snakeyaml.Yaml(new LoaderOptions()).load(Files.readString(config));
                Object stages = doc == null ? null : doc.get("addonStages");
                if (!(stages instanceof Map<?, ?> stageMap)) {
                    problems.add(error(release, ReleaseLayout.ADDON_CONFIG_FILE + ": addonStages", "is missing"));
                } else {
                    for (Map.Entry<?, ?> e : stageMap.entrySet()) {
                        if (!(e.getValue() instanceof List<?> list)) {
                            continue;
                        }
                        for (int i = 0; i < list.size(); i++) {
                            Object n = list.get(i) instanceof Map<?, ?> s ? s.get("name") : null;
                            if (!chartFiles.containsKey(String.valueOf(n))) {
                                problems.add(error(release, ReleaseLayout.ADDON_CONFIG_FILE + ": addonStages." + e.getKey() + "[" + i + "].name",
                                        "addon '" + n + "' has no chart folder in " + file));
                            }
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                problems.add(error(release, ReleaseLayout.ADDON_CONFIG_FILE, "cannot read: " + e.getMessage()));
            }
            for (Map.Entry<String, String> c : chartFiles.entrySet()) {
                String overwrite = entries.get(c.getKey() + "/overwrite.yaml");
                if (overwrite != null) {
                    GoTemplates.check(overwrite).ifPresent(msg -> problems.add(error(release, file + ": " + c.getKey()
                            + "/overwrite.yaml", "not a valid Go template: " + msg)));
                }
            }
        } else if (!Files.isRegularFile(legacy)) {
            problems.add(error(release, "", "neither " + ReleaseLayout.ADDON_CONFIG_FILE + " nor " + ReleaseLayout.LEGACY_ADDON_VALUES_FILE
                    + " is present"));
        }
        if (chartFiles.isEmpty()) {
            problems.add(error(release, file, "holds no addon chart"));
        }
        for (Map.Entry<String, String> c : chartFiles.entrySet()) {
            Map<?, ?> chart = new org.yaml.snakeyaml.Yaml(new LoaderOptions()).load(c.getValue());
            if (!metadata.versions().clusterAddon().toString().equals(String.valueOf(chart.get("version")))) {
                problems.add(error(release, file + ": " + c.getKey() + "/Chart.yaml: version", "is " + chart.get("version")
                        + ", must be the clusterAddon version " + metadata.versions().clusterAddon()));
            }
        }
        // render addons whose dependencies are vendored, as the operator does
        boolean anyVendored = entries.keySet().stream().anyMatch(n -> n.matches("[^/]+/charts/[^/]+\\.tgz"));
        if (!anyVendored) {
            return;
        }
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("clusterstack-verify-");
            unpack(archive, tmp);
            Path unpacked = tmp;
            Map<String, CompletableFuture<String>> rendered = new LinkedHashMap<>();
            for (String chart : chartFiles.keySet()) {
                rendered.put(chart, CompletableFuture.supplyAsync(() -> helm.template(unpacked.resolve(chart),
                        "cluster-addon", "kube-system", null, metadata.kubernetesVersion()), HELM_CALLS));
            }
            for (Map.Entry<String, CompletableFuture<String>> r : rendered.entrySet()) {
                try {
                    join(r.getValue());
                } catch (HelmException ex) {
                    problems.add(error(release, file + ": " + r.getKey(), "helm template failed: " + ex.getMessage()));
                }
            }
        } catch (IOException e) {
            problems.add(error(release, file, "cannot unpack: " + e.getMessage()));
        } finally {
            if (tmp != null) {
                TarGz.deleteTree(tmp);
            }
        }
    }

    /** The value of a task of {@link #HELM_CALLS}; its unchecked exception as thrown. */
    private static <T> T join(CompletableFuture<T> task) {
        try {
            return task.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private static Problem error(String release, String where, String message) {
        return Problem.error(where.isEmpty() ? release : release + ": " + where, message);
    }

    private static String name(Map<String, Object> obj) {
        return obj.get("metadata") instanceof Map<?, ?> md && md.get("name") != null ? String.valueOf(md.get("name")) : null;
    }

    /** The text files of a .tgz (UTF-8), by entry name. */
    public static Map<String, String> readTarGz(Path archive) throws IOException {
        return TarGz.readText(archive);
    }

    /** Unpacks a .tgz into {@code dir}; an entry that would land outside {@code dir} is refused. */
    public static void unpack(Path archive, Path dir) throws IOException {
        TarGz.unpack(archive, dir);
    }

    /**
     * The ORC node image is named by the stack's {@code orcImage.name} (the name its patches select, the same
     * image in every release that uses it), not with the release prefix.
     */
    private static boolean isOrcImage(Map<String, Object> object) {
        return OrcImage.API_VERSION.equals(object.get("apiVersion")) && OrcImage.KIND.equals(object.get("kind"));
    }
}
