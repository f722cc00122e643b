package dev.clusterstack.core.importer;

import dev.clusterstack.core.definition.StackDefinition;
import dev.clusterstack.core.helm.HelmException;
import dev.clusterstack.core.helm.HelmRunner;
import dev.clusterstack.core.helm.RenderedObject;
import dev.clusterstack.core.importer.ImportReport.Finding;
import dev.clusterstack.core.importer.ImportReport.Kind;
import dev.clusterstack.core.model.KubernetesVersion;
import dev.clusterstack.core.render.Yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Imports a hand-written cluster stack in csctl's layout into a stack project: renders the cluster-class chart per
 * Kubernetes version with real Helm as the operator does, lifts the rendered objects back into a stack definition
 * ({@code src/main/clusterstack/stack.yaml}) with the scripts, values and overwrite templates as text files beside
 * it, and writes a report ({@code target/clusterstack-import/report.md}) of everything that is not carried over
 * exactly. Nothing is written unless the whole stack could be read and rendered.
 *
 * <p>Versions are read as the SCS repository's {@code hack/generate_version.py} derives them from one source
 * folder: the source is pinned to {@code csctl.yaml}'s {@code kubernetesVersion}; for every entry of
 * {@code versions.yaml} the cluster-class chart is named {@code <provider>-<name>-<maj>-<min>-cluster-class}, the
 * source's version tag in {@code cluster-class/values.yaml} becomes the entry's (the node image names), each addon
 * chart is named {@code <provider>-<name>-<maj>-<min>-cluster-addon} when it was named so for the source version,
 * and the dependency versions follow the entry's components ({@code occm}: openstack-cloud-controller-manager,
 * {@code cinder_csi}: openstack-cinder-csi).
 */
public final class StackImporter {
    /** The report, relative to the target project. */
    public static final String REPORT_FILE = "target/clusterstack-import/report.md";

    /** What csctl's version placeholders become: the version of a first release. */
    static final String FIRST_VERSION = "v1";

    private StackImporter() {
    }

    /**
     * Imports the stack folder into the project folder.
     *
     * @throws ImportException when the folder is not a stack, a chart does not render, templates call {@code lookup}
     *                         or need values the stack lacks, or the project has a definition already and
     *                         {@code options.overwrite()} is false; nothing is written then
     */
    public static ImportReport importStack(Path csctlStackFolder, Path targetProjectFolder, ImportOptions options) {
        Path definition = targetProjectFolder.resolve(StackDefinition.DEFAULT_FILE);
        if (Files.exists(definition) && !options.overwrite()) {
            throw new ImportException(definition + ": the project has a stack definition already; import with"
                    + " overwrite to replace it");
        }
        CsctlStack stack = CsctlStack.read(csctlStackFolder);
        List<String> unrenderable = stack.unrenderable();
        if (!unrenderable.isEmpty()) {
            throw new ImportException(unrenderable);
        }
        List<Finding> findings = new ArrayList<>();
        Map<String, Object> tree;
        Map<String, String> texts = new LinkedHashMap<>();
        Path work = ImportFiles.tempDir();
        try (HelmRunner helm = HelmRunner.builder().chartCache(options.chartCache()).offline(true).build()) {
            tree = importTree(stack, helm, work, findings, texts);
        } finally {
            ImportFiles.deleteTree(work);
        }
        ImportChecks.otherFiles(stack, findings);
        String report = ImportReportText.report(stack, findings);
        String yaml = Yaml.write(tree);
        ImportFiles.loadable(yaml, texts);
        List<Path> written = ImportFiles.write(targetProjectFolder, definition, yaml, texts, report);
        return new ImportReport(definition, targetProjectFolder.resolve(REPORT_FILE), written, findings);
    }

    private static Map<String, Object> importTree(CsctlStack stack, HelmRunner helm, Path work, List<Finding> findings,
                                                  Map<String, String> texts) {
        List<KubernetesVersion> versions = new ArrayList<>();
        List<Object> classTrees = new ArrayList<>();
        List<String> descriptions = new ArrayList<>();
        List<Map<String, String>> versionTexts = new ArrayList<>();
        List<String> shas = new ArrayList<>();
        ClassLifter.FileNames fileNames = new ClassLifter.FileNames();
        List<Finding> perVersionFindings = new ArrayList<>();
        Map<String, String> hints = new LinkedHashMap<>();
        for (Map<String, Object> entry : stack.versions) {
            KubernetesVersion v = KubernetesVersion.parse(String.valueOf(entry.get("kubernetes")));
            versions.add(v);
            String release = stack.provider + "-" + stack.name + "-" + v.minorDash();
            Path chart = work.resolve(v.minorDash()).resolve("cluster-class");
            ImportFiles.copyTree(stack.clusterClass, chart);
            ClassChartPreparation.csctlPlaceholders(stack, chart, perVersionFindings);
            Map<String, Object> chartYaml = ClassChartPreparation.prepareClassChart(stack, v, release, chart);
            descriptions.add(CsctlStack.string(chartYaml.get("description")));
            String manifests;
            try {
                manifests = helm.template(chart, release, ClassLifter.NAMESPACE, null, null);
            } catch (HelmException e) {
                throw new ImportException("cluster-class (Kubernetes " + v + "): Helm cannot render the chart: " + e.helmMessage());
            }
            List<RenderedObject> objects = HelmRunner.parseRenderedObjects(manifests);
            String prefix = release + "-" + chartYaml.get("version");
            List<Finding> own = new ArrayList<>();
            ClassLifter.Lifted lifted = new ClassLifter(prefix, "cluster-class", fileNames, own).lift(objects);
            for (Finding f : own) {
                if (!perVersionFindings.contains(f)) {
                    perVersionFindings.add(f);
                }
            }
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("clusterClass", lifted.clusterClass);
            t.put("templates", lifted.templates);
            if (lifted.orcImage != null) {
                t.put("orcImage", lifted.orcImage);
            }
            Map<String, String> vt = new LinkedHashMap<>(lifted.texts);
            if (stack.umbrella) {
                AddonImporter.legacyAddons(stack, t, vt, perVersionFindings);
            } else {
                t.put("addons", AddonImporter.addons(stack, entry, v, release, vt, perVersionFindings, hints));
            }
            Path nodeImages = stack.folder.resolve("node-images.yaml");
            if (Files.isRegularFile(nodeImages)) {
                List<String> problems = new ArrayList<>();
                t.put("nodeImages", CsctlStack.readYaml(nodeImages, problems));
                if (!problems.isEmpty()) {
                    throw new ImportException(problems);
                }
            }
            classTrees.add(t);
            versionTexts.add(vt);
            shas.add(lifted.orcSha256);
            ImportChecks.enabledIf(stack, lifted, findings);
        }
        findings.addAll(perVersionFindings);
        if (versions.size() > 1 && shas.get(0) != null && shas.stream().distinct().count() == 1) {
            findings.add(new Finding(Kind.WARNING, "cluster-class/templates: ORC Image", "every Kubernetes version downloads"
                    + " the same image (one url and sha256) while the image name follows the version: kept so, but the"
                    + " source was probably updated for the version it is pinned to only; give each version its image"
                    + " (kubernetesVersions[].image) if that was meant"));
        }
        // text files that differ between versions get one file per version
        Set<String> names = new LinkedHashSet<>();
        versionTexts.forEach(m -> names.addAll(m.keySet()));
        for (String name : names) {
            boolean same = versionTexts.stream().map(m -> m.get(name)).distinct().count() == 1;
            for (int i = 0; i < versions.size(); i++) {
                String text = versionTexts.get(i).get(name);
                if (text == null) {
                    continue;
                }
                if (same) {
                    texts.put(name, text);
                } else {
                    String own = perVersion(name, versions.get(i));
                    texts.put(own, text);
                    replaceString(classTrees.get(i), name, own);
                }
            }
        }
        VersionMerge merge = new VersionMerge(versions);
        hints.forEach(merge::hint);
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("provider", stack.provider);
        tree.put("name", stack.name);
        Object description = merge.merge(new ArrayList<>(descriptions), "description");
        if (description != null) {
            tree.put("description", description);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) merge.merge(classTrees, "");
        List<Map<String, Object>> versionEntries = new ArrayList<>();
        for (int i = 0; i < versions.size(); i++) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("version", versions.get(i).toString());
            if (shas.get(i) != null) {
                e.put("image", Map.of("sha256", shas.get(i)));
            }
            if (!merge.values.get(i).isEmpty()) {
                e.put("values", merge.values.get(i));
            }
            versionEntries.add(e);
        }
        tree.put("kubernetesVersions", versionEntries);
        tree.putAll(body);
        return tree;
    }

    private static String perVersion(String name, KubernetesVersion v) {
        int slash = name.indexOf('/');
        return name.substring(0, slash + 1) + v.minorDash() + name.substring(slash);
    }

    @SuppressWarnings("unchecked")
    private static void replaceString(Object node, String from, String to) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                if (from.equals(e.getValue())) {
                    e.setValue(to);
                } else {
                    replaceString(e.getValue(), from, to);
                }
            }
        } else if (node instanceof List<?> l) {
            List<Object> list = (List<Object>) l;
            for (int i = 0; i < list.size(); i++) {
                if (from.equals(list.get(i))) {
                    list.set(i, to);
                } else {
                    replaceString(list.get(i), from, to);
                }
            }
        }
    }
}
