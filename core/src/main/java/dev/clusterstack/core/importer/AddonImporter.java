package dev.clusterstack.core.importer;

import dev.clusterstack.core.importer.ImportReport.Finding;
import dev.clusterstack.core.importer.ImportReport.Kind;
import dev.clusterstack.core.model.KubernetesVersion;

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

import static dev.clusterstack.core.importer.ImportChecks.add;

/**
 * The addons of the imported stack: one chart per addon with {@code clusteraddon.yaml}'s stages, or the legacy
 * umbrella chart whose dependencies are the addons; what the definition cannot carry over is reported.
 */
final class AddonImporter {
    private static final Map<String, String> COMPONENTS = new LinkedHashMap<>();

    static {
        COMPONENTS.put("occm", "openstack-cloud-controller-manager");
        COMPONENTS.put("cinder_csi", "openstack-cinder-csi");
    }

    private AddonImporter() {
    }

    /** The addons of one version, in {@code clusteraddon.yaml}'s order. */
    static List<Object> addons(CsctlStack stack, Map<String, Object> entry, KubernetesVersion v, String release,
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
                if (text != null && ClassChartPreparation.CSCTL_OTHER.matcher(text).find()) {
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
    static void legacyAddons(CsctlStack stack, Map<String, Object> tree, Map<String, String> texts,
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
            } else {
                add(findings, new Finding(Kind.NORMALISED, "cluster-addon/values.yaml: " + name, "the original sets no"
                        + " values for this dependency; the generated umbrella chart writes '" + name + ": {}', which Helm"
                        + " merges with the dependency's own defaults as if it were absent"));
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
    static void checkOrder(Map<String, List<Map<String, Object>>> stages, List<Path> ordered, List<Finding> findings) {
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
}
