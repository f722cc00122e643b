package dev.clusterstack.core.importer;

import dev.clusterstack.core.definition.StackDefinition;
import dev.clusterstack.core.helm.HelmException;
import dev.clusterstack.core.helm.HelmRunner;
import dev.clusterstack.core.helm.RenderedObject;
import dev.clusterstack.core.importer.ImportReport.Finding;
import dev.clusterstack.core.importer.ImportReport.Kind;
import dev.clusterstack.core.model.KubernetesVersion;
import dev.clusterstack.core.problem.StackException;
import dev.clusterstack.core.render.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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

    private static final Map<String, String> COMPONENTS = new LinkedHashMap<>();

    static {
        COMPONENTS.put("occm", "openstack-cloud-controller-manager");
        COMPONENTS.put("cinder_csi", "openstack-cinder-csi");
    }

    private static final Pattern CHART_NAME = Pattern.compile("(?m)^name:.*$");
    /** csctl's version placeholders ({@code csctl/docs/preparing_your_clusterstack_directory.md}). */
    private static final Pattern CSCTL_VERSION = Pattern.compile("<<\\s*\\.(ClusterClassVersion|ClusterAddonVersion|NodeImageVersion)\\s*>>");
    private static final Pattern CSCTL_OTHER = Pattern.compile("<<\\s*\\.[A-Za-z]+\\s*>>");
    /** What csctl's version placeholders become: the version of a first release. */
    static final String FIRST_VERSION = "v1";
    private static final Pattern UNESCAPED_ENABLED_IF = Pattern.compile("(?m)^\\s*enabledIf:.*\\{\\{(?!\\s*\"\\{\\{\"|\\s*`\\{\\{`)");
    private static final Set<String> KNOWN_TOP = Set.of("csctl.yaml", "versions.yaml", "cluster-class", "cluster-addon",
            "clusteraddon.yaml", "metadata.yaml", "node-images.yaml");

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
        Path work = tempDir();
        try (HelmRunner helm = HelmRunner.builder().chartCache(options.chartCache()).offline(true).build()) {
            tree = importTree(stack, helm, work, findings, texts);
        } finally {
            deleteTree(work);
        }
        otherFiles(stack, findings);
        String report = report(stack, findings);
        String yaml = Yaml.write(tree);
        loadable(yaml, texts);
        List<Path> written = write(targetProjectFolder, definition, yaml, texts, report);
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
            copyTree(stack.clusterClass, chart);
            csctlPlaceholders(stack, chart, perVersionFindings);
            Map<String, Object> chartYaml = prepareClassChart(stack, v, release, chart);
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
                legacyAddons(stack, t, vt, perVersionFindings);
            } else {
                t.put("addons", addons(stack, entry, v, release, vt, perVersionFindings, hints));
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
            enabledIf(stack, lifted, findings);
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

    /**
     * csctl's {@code << .ClusterClassVersion >>}, {@code << .ClusterAddonVersion >>} and {@code << .NodeImageVersion >>}
     * become {@value #FIRST_VERSION} in the copied chart (the chart version is the generator's own; elsewhere the
     * value is reported, the definition has no placeholder for a release's own version); other placeholders
     * ({@code << .NodeImageRegistry >>}) cannot be filled and are refused.
     */
    private static void csctlPlaceholders(CsctlStack stack, Path chart, List<Finding> findings) {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(chart)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                if (!text.contains("<<")) {
                    continue;
                }
                String rel = "cluster-class/" + chart.relativize(f).toString().replace('\\', '/');
                Matcher m = CSCTL_VERSION.matcher(text);
                while (m.find()) {
                    if (!rel.equals("cluster-class/Chart.yaml")) {
                        add(findings, new Finding(Kind.NOT_CARRIED_OVER, rel + ":" + CsctlStack.lineOf(text, m.start()),
                                "csctl's " + m.group() + " became " + FIRST_VERSION + " (a first release); the definition has"
                                        + " no placeholder for a release's own version"));
                    }
                }
                String replaced = CSCTL_VERSION.matcher(text).replaceAll(FIRST_VERSION);
                Matcher other = CSCTL_OTHER.matcher(replaced);
                while (other.find()) {
                    problems.add(rel + ":" + CsctlStack.lineOf(replaced, other.start()) + ": csctl's " + other.group()
                            + " has no counterpart in a stack definition; replace it before importing");
                }
                if (!replaced.equals(text)) {
                    Files.writeString(f, replaced, StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!problems.isEmpty()) {
            throw new ImportException(problems);
        }
    }

    /** Applies csctl's per-version rules to the copied cluster-class chart; returns its Chart.yaml. */
    private static Map<String, Object> prepareClassChart(CsctlStack stack, KubernetesVersion v, String release, Path chart) {
        List<String> problems = new ArrayList<>();
        Path chartFile = chart.resolve("Chart.yaml");
        if (stack.versionsFile) {
            rewrite(chartFile, text -> CHART_NAME.matcher(text).replaceFirst("name: " + release + "-cluster-class"));
            if (!v.equals(stack.baseVersion)) {
                Path values = chart.resolve("values.yaml");
                if (Files.isRegularFile(values)) {
                    rewrite(values, text -> text.replace(stack.baseVersion.tag(), v.tag()));
                }
            }
        }
        Map<String, Object> chartYaml = CsctlStack.readYaml(chartFile, problems);
        if (!problems.isEmpty()) {
            throw new ImportException(problems);
        }
        return chartYaml;
    }

    /** The addons of one version, in {@code clusteraddon.yaml}'s order. */
    private static List<Object> addons(CsctlStack stack, Map<String, Object> entry, KubernetesVersion v, String release,
                                       Map<String, String> texts, List<Finding> findings, Map<String, String> hints) {
        Map<String, List<Map<String, Object>>> stages = new LinkedHashMap<>();
        Map<String, Object> hooks = CsctlStack.map(stack.clusterAddonConfig.get("addonStages"));
        for (Map.Entry<String, Object> hook : hooks.entrySet()) {
            if (hook.getValue() instanceof List<?> list) {
                for (Object o : list) {
                    Map<String, Object> e = CsctlStack.map(o);
                    Map<String, Object> stage = new LinkedHashMap<>();
                    stage.put("hook", hook.getKey());
                    for (Map.Entry<String, Object> f : e.entrySet()) {
                        if (!f.getKey().equals("name")) {
                            stage.put(f.getKey(), ClassLifter.copyAny(f.getValue()));
                        }
                    }
                    stages.computeIfAbsent(CsctlStack.string(e.get("name")), k -> new ArrayList<>()).add(stage);
                }
            }
        }
        List<Path> ordered = new ArrayList<>();
        for (String name : stages.keySet()) {
            Path folder = stack.addonFolder.resolve(name);
            if (stack.addons.contains(folder)) {
                ordered.add(folder);
            } else {
                add(findings, new Finding(Kind.NOT_CARRIED_OVER, "clusteraddon.yaml: " + name,
                        "clusteraddon.yaml names an addon without a chart in cluster-addon/"));
            }
        }
        for (Path folder : stack.addons) {
            if (!ordered.contains(folder)) {
                ordered.add(folder);
                add(findings, new Finding(Kind.NOT_CARRIED_OVER, "cluster-addon/" + folder.getFileName(),
                        "the addon is in no stage of clusteraddon.yaml, so the operator never applies it; the definition"
                                + " gives every addon stages (default: apply after the control plane and before upgrades)"));
            }
        }
        checkOrder(stages, ordered, findings);
        List<Object> out = new ArrayList<>();
        for (Path folder : ordered) {
            String name = folder.getFileName().toString();
            String where = "cluster-addon/" + name;
            List<String> problems = new ArrayList<>();
            Map<String, Object> chart = CsctlStack.readYaml(folder.resolve("Chart.yaml"), problems);
            if (!problems.isEmpty()) {
                throw new ImportException(problems);
            }
            Map<String, Object> addon = new LinkedHashMap<>();
            addon.put("name", name);
            String chartName = CsctlStack.string(chart.get("name"));
            String baseAddonName = stack.provider + "-" + stack.name + "-" + stack.baseVersion.minorDash() + "-cluster-addon";
            if (stack.versionsFile && baseAddonName.equals(chartName)) {
                chartName = release + "-cluster-addon";
            }
            if (!name.equals(chartName)) {
                addon.put("chartName", chartName);
            }
            if (chart.get("description") != null) {
                addon.put("description", chart.get("description"));
            }
            List<?> deps = chart.get("dependencies") instanceof List<?> l ? l : List.of();
            if (deps.size() != 1) {
                add(findings, new Finding(Kind.NOT_CARRIED_OVER, where + "/Chart.yaml: dependencies", deps.size()
                        + " dependencies; an addon of the definition is one chart" + (deps.isEmpty() ? "" : ": the first is carried over")));
            }
            if (!deps.isEmpty()) {
                Map<String, Object> dep = CsctlStack.map(deps.get(0));
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("name", dep.get("name"));
                Object version = dep.get("version");
                if (stack.versionsFile) {
                    for (Map.Entry<String, String> comp : COMPONENTS.entrySet()) {
                        if (comp.getValue().equals(dep.get("name")) && entry.get(comp.getKey()) != null) {
                            version = String.valueOf(entry.get(comp.getKey()));
                            hints.put("addons[" + out.size() + "].chart.version", comp.getKey());
                        }
                    }
                }
                c.put("version", version == null ? null : String.valueOf(version));
                c.put("repository", dep.get("repository"));
                if (dep.get("alias") != null && !Objects.equals(dep.get("alias"), dep.get("name"))) {
                    c.put("alias", dep.get("alias"));
                }
                if (dep.get("condition") != null) {
                    c.put("condition", dep.get("condition"));
                }
                for (String key : dep.keySet()) {
                    if (!List.of("name", "version", "repository", "alias", "condition").contains(key)) {
                        add(findings, new Finding(Kind.NOT_CARRIED_OVER, where + "/Chart.yaml: dependencies[0]." + key,
                                "not a field of an addon chart in the definition"));
                    }
                }
                addon.put("chart", c);
            }
            Path values = folder.resolve("values.yaml");
            String valuesText = Files.isRegularFile(values) ? CsctlStack.text(values, problems) : null;
            if (valuesText != null && valuesText.isBlank()) {
                add(findings, new Finding(Kind.NORMALISED, where + "/values.yaml", "empty; the generator writes the"
                        + " empty mapping {}, which Helm reads alike"));
            } else if (valuesText != null) {
                String file = "addons/" + name + "/values.yaml";
                texts.put(file, valuesText);
                addon.put("valuesFile", file);
            }
            Path overwrite = folder.resolve("overwrite.yaml");
            if (Files.isRegularFile(overwrite)) {
                String file = "addons/" + name + "/overwrite.yaml";
                texts.put(file, CsctlStack.text(overwrite, problems));
                addon.put("overwriteFile", file);
            }
            if (!problems.isEmpty()) {
                throw new ImportException(problems);
            }
            for (String file : List.of("values.yaml", "overwrite.yaml")) {
                String text = texts.get("addons/" + name + "/" + file);
                if (text != null && CSCTL_OTHER.matcher(text).find()) {
                    add(findings, new Finding(Kind.NOT_CARRIED_OVER, where + "/" + file, "holds a csctl placeholder"
                            + " (<< .… >>), copied as text: the definition fills none"));
                }
            }
            if (Files.isDirectory(folder.resolve("templates"))) {
                add(findings, new Finding(Kind.NOT_CARRIED_OVER, where + "/templates", "the addon chart's own templates;"
                        + " an addon of the definition is a dependency chart with values"));
            }
            List<Map<String, Object>> own = stages.get(name);
            if (own != null) {
                addon.put("stages", own);
            }
            out.add(addon);
        }
        return out;
    }

    /**
     * The legacy layout: one umbrella chart whose dependencies are the addons (values under each alias) and
     * {@code cluster-addon-values.yaml}, the operator's values template.
     */
    private static void legacyAddons(CsctlStack stack, Map<String, Object> tree, Map<String, String> texts,
                                     List<Finding> findings) {
        List<String> problems = new ArrayList<>();
        Path umbrella = stack.addonFolder;
        Map<String, Object> chart = CsctlStack.readYaml(umbrella.resolve("Chart.yaml"), problems);
        Map<String, Object> values = Files.isRegularFile(umbrella.resolve("values.yaml"))
                ? CsctlStack.readYaml(umbrella.resolve("values.yaml"), problems) : Map.of();
        Path valuesTemplate = stack.folder.resolve("cluster-addon-values.yaml");
        if (Files.isRegularFile(valuesTemplate)) {
            texts.put("addons/cluster-addon-values.yaml", CsctlStack.text(valuesTemplate, problems));
        }
        if (!problems.isEmpty()) {
            throw new ImportException(problems);
        }
        tree.put("addonLayout", "legacy");
        if (Files.isRegularFile(valuesTemplate)) {
            tree.put("addonValuesFile", "addons/cluster-addon-values.yaml");
        }
        List<Object> addons = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        List<?> deps = chart.get("dependencies") instanceof List<?> l ? l : List.of();
        for (Object d : deps) {
            Map<String, Object> dep = CsctlStack.map(d);
            String name = CsctlStack.string(dep.get("alias") != null ? dep.get("alias") : dep.get("name"));
            keys.add(name);
            Map<String, Object> addon = new LinkedHashMap<>();
            addon.put("name", name);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", dep.get("name"));
            c.put("version", CsctlStack.string(dep.get("version")));
            c.put("repository", dep.get("repository"));
            if (dep.get("condition") != null) {
                c.put("condition", dep.get("condition"));
            }
            addon.put("chart", c);
            if (values.get(name) != null) {
                addon.put("values", Map.of(CsctlStack.string(dep.get("name")), ClassLifter.copyAny(values.get(name))));
            }
            addons.add(addon);
        }
        tree.put("addons", addons);
        for (String key : values.keySet()) {
            if (!keys.contains(key)) {
                add(findings, new Finding(Kind.NOT_CARRIED_OVER, "cluster-addon/values.yaml: " + key, "values of no"
                        + " dependency: the generated umbrella chart has only its dependencies' values"));
            }
        }
        if (Files.isDirectory(umbrella.resolve("templates"))) {
            add(findings, new Finding(Kind.NOT_CARRIED_OVER, "cluster-addon/templates", "the umbrella chart's own"
                    + " templates (manifests applied besides the dependency charts); the definition's addons are dependency"
                    + " charts: make them a chart of their own and add it as an addon with a file:// repository"));
        }
        findings.add(0, new Finding(Kind.NORMALISED, "cluster-addon/values.yaml", "the generated umbrella chart writes"
                + " each dependency's values under its alias as YAML of its own: the same values, without the comments"
                + " and formatting of the original"));
        if (findings.stream().filter(f -> f.where().equals("cluster-addon/values.yaml")).count() > 1) {
            findings.remove(0);
        }
    }

    /** The definition lists addons once; each hook applies them in that order. Another order per hook is reported. */
    private static void checkOrder(Map<String, List<Map<String, Object>>> stages, List<Path> ordered, List<Finding> findings) {
        // stages were collected per addon in file order: the order of each hook is the order of first appearance
        // only if no hook lists two addons the other way round; ClusterAddonOrder checks that
        List<String> names = ordered.stream().map(p -> p.getFileName().toString()).toList();
        Map<String, List<String>> byHook = new LinkedHashMap<>();
        for (Map.Entry<String, List<Map<String, Object>>> e : stages.entrySet()) {
            for (Map<String, Object> s : e.getValue()) {
                byHook.computeIfAbsent(String.valueOf(s.get("hook")), k -> new ArrayList<>()).add(e.getKey());
            }
        }
        for (Map.Entry<String, List<String>> hook : byHook.entrySet()) {
            List<String> expected = hook.getValue().stream().sorted(Comparator.comparingInt(names::indexOf)).toList();
            if (!expected.equals(hook.getValue())) {
                add(findings, new Finding(Kind.NOT_CARRIED_OVER, "clusteraddon.yaml: addonStages." + hook.getKey(),
                        "the order " + hook.getValue() + " differs from the order of the other hooks " + expected
                                + "; the definition applies addons in one order in every hook"));
            }
        }
    }

    /** Patches whose rendered {@code enabledIf} is constant although the chart source held a Go template there. */
    private static void enabledIf(CsctlStack stack, ClassLifter.Lifted lifted, List<Finding> findings) {
        boolean unescaped = false;
        try (Stream<Path> files = Files.walk(stack.clusterClass.resolve("templates"))) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                if (UNESCAPED_ENABLED_IF.matcher(Files.readString(f, StandardCharsets.UTF_8)).find()) {
                    unescaped = true;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!(lifted.clusterClass.get("patches") instanceof List<?> patches)) {
            return;
        }
        for (Object p : patches) {
            Map<String, Object> patch = CsctlStack.map(p);
            Object enabledIf = patch.get("enabledIf");
            if (enabledIf instanceof String s && !s.contains("{{")) {
                add(findings, new Finding(Kind.WARNING, "cluster-class/templates: patch " + patch.get("name") + ": enabledIf",
                        "renders to the constant '" + s + "' and is kept so" + (unescaped
                                ? "; the chart has an enabledIf with an unescaped Go template, which Helm evaluated when"
                                + " rendering the chart: the author probably meant the expression itself (write it plainly"
                                + " in the definition, the generator escapes it)" : "")));
            }
        }
    }

    private static void otherFiles(CsctlStack stack, List<Finding> findings) {
        try (Stream<Path> list = Files.list(stack.folder)) {
            for (Path p : list.sorted().toList()) {
                String name = p.getFileName().toString();
                if (!KNOWN_TOP.contains(name) && !(stack.umbrella && name.equals("cluster-addon-values.yaml"))) {
                    findings.add(new Finding(Kind.NOT_CARRIED_OVER, name, otherFileReason(name)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String otherFileReason(String name) {
        return switch (name) {
            case "cluster-addon-values.yaml" -> "with one chart per addon and clusteraddon.yaml each addon's overwrite.yaml"
                    + " gives its values; this file is not part of the definition: move what it sets into the addons'"
                    + " overwrite files if the operator used it";
            case "image.yaml" -> "an ORC image manifest beside the charts, written for the version the folder is pinned to"
                    + " only: give the definition an orcImage with placement: file (name, url and spec with"
                    + " [=kubernetes.tag]) and each version's image.sha256";
            case "node-images", "kubernetes.yaml" -> "node image build or upload configuration, not part of a release";
            default -> "not read by the importer (not part of a cluster stack release, or a layout not supported yet)";
        };
    }

    private static String report(CsctlStack stack, List<Finding> findings) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Import of ").append(stack.provider).append('/').append(stack.name).append("\n\n");
        sb.append("Source: `").append(stack.folder.getFileName()).append("` (csctl layout), Kubernetes ");
        sb.append(String.join(", ", stack.versions.stream().map(v -> String.valueOf(v.get("kubernetes"))).toList()));
        sb.append(stack.versionsFile ? " from versions.yaml" : " from csctl.yaml").append(".\n\n");
        section(sb, findings, Kind.NOT_CARRIED_OVER, "Not carried over",
                "The generated release differs from the original here. Check each by hand.");
        section(sb, findings, Kind.WARNING, "Warnings", "Carried over exactly, but probably not what was meant.");
        section(sb, findings, Kind.NORMALISED, "Normalised",
                "The generated release differs here only in a way the operator and Cluster API treat alike.");
        return sb.toString();
    }

    private static void section(StringBuilder sb, List<Finding> findings, Kind kind, String title, String intro) {
        List<Finding> own = findings.stream().filter(f -> f.kind() == kind).toList();
        sb.append("## ").append(title).append(" (").append(own.size()).append(")\n\n");
        if (own.isEmpty()) {
            sb.append("Nothing.\n\n");
            return;
        }
        sb.append(intro).append("\n\n");
        for (Finding f : own) {
            sb.append("- `").append(f.where()).append("`: ").append(f.message()).append('\n');
        }
        sb.append('\n');
    }

    /** The definition must load as the build loads it; otherwise nothing is written and the loader's problems say why. */
    private static void loadable(String yaml, Map<String, String> texts) {
        Path trial = tempDir();
        try {
            Path definition = trial.resolve(StackDefinition.DEFAULT_FILE);
            write(trial, definition, yaml, texts, "");
            StackDefinition.load(definition, "stack.yaml");
        } catch (StackException e) {
            List<String> problems = new ArrayList<>();
            problems.add("the definition lifted from the stack does not load (a field the definition's model reads"
                    + " differently, e.g. an older API version of a template kind):");
            e.errors().forEach(p -> problems.add("  " + p));
            throw new ImportException(problems);
        } finally {
            deleteTree(trial);
        }
    }

    private static List<Path> write(Path project, Path definition, String yaml, Map<String, String> texts, String report) {
        List<Path> written = new ArrayList<>();
        try {
            Path base = definition.getParent();
            Files.createDirectories(base);
            Files.writeString(definition, "# Imported from a csctl stack; see " + REPORT_FILE + "\n" + yaml, StandardCharsets.UTF_8);
            written.add(definition);
            for (Map.Entry<String, String> t : texts.entrySet()) {
                Path file = base.resolve(t.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, t.getValue(), StandardCharsets.UTF_8);
                written.add(file);
            }
            Path reportFile = project.resolve(REPORT_FILE);
            Files.createDirectories(reportFile.getParent());
            Files.writeString(reportFile, report, StandardCharsets.UTF_8);
            written.add(reportFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the imported stack into " + project + ": " + e.getMessage(), e);
        }
        return written;
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

    private static void add(List<Finding> findings, Finding f) {
        if (!findings.contains(f)) {
            findings.add(f);
        }
    }

    private interface TextEdit {
        String apply(String text);
    }

    private static void rewrite(Path file, TextEdit edit) {
        try {
            Files.writeString(file, edit.apply(Files.readString(file, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("clusterstack-import");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.sorted().toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder left behind is no reason to fail the import
        }
    }

}
