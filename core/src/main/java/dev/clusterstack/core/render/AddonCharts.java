package dev.clusterstack.core.render;

import dev.clusterstack.core.contract.ReleaseLayout;
import dev.clusterstack.core.model.AddonLayout;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.KubernetesRelease;
import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.model.addon.Addon;
import dev.clusterstack.core.model.addon.AddonStage;
import dev.clusterstack.core.model.addon.ChartDependency;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster addons of one Kubernetes version as files. Staged layout: one chart folder per addon
 * ({@code Chart.yaml} with the dependency, {@code values.yaml}, optional {@code overwrite.yaml}) and
 * {@code clusteraddon.yaml}. Legacy layout: one umbrella chart whose dependencies carry the addon
 * names as aliases, and {@code cluster-addon-values.yaml}. Addon charts are not Helm-templated by
 * this project, so nothing is escaped: {@code overwrite.yaml} is written verbatim.
 */
public final class AddonCharts {
    public static final String CONFIG_FILE = ReleaseLayout.ADDON_CONFIG_FILE;
    public static final String LEGACY_VALUES_FILE = ReleaseLayout.LEGACY_ADDON_VALUES_FILE;

    private AddonCharts() {
    }

    /** {@code <provider>-<name>-<maj>-<min>-cluster-addon}. */
    public static String chartName(ClusterStack stack, KubernetesRelease release) {
        return ReleaseLayout.clusterAddonChart(stack.releaseName(release.kubernetesVersion()));
    }

    /**
     * The archive's files, path (relative to the archive root) to content. Staged: {@code <addon>/...}
     * per addon; legacy: {@code <chart name>/...}.
     */
    public static Map<String, String> archiveFiles(ClusterStack stack, KubernetesRelease release, String addonVersion) {
        StackContent content = release.content();
        Map<String, String> files = new LinkedHashMap<>();
        String chartName = chartName(stack, release);
        if (content.addonLayout() == AddonLayout.LEGACY) {
            List<ChartDependency> deps = new ArrayList<>();
            Map<String, Object> values = new LinkedHashMap<>();
            for (Addon a : content.addons()) {
                ChartDependency c = a.chart();
                deps.add(new ChartDependency(c.name(), c.version(), c.repository(), a.name(), c.condition()));
                Object own = a.values().get(c.valuesKey());
                values.put(a.name(), own != null ? own : Map.of());
            }
            files.put(chartName + "/Chart.yaml", Yaml.write(chart(chartName, "Cluster addons of the " + stack.provider()
                    + " " + stack.name() + " cluster stack", addonVersion, deps)));
            files.put(chartName + "/values.yaml", values.isEmpty() ? "{}\n" : Yaml.write(values));
            return files;
        }
        for (Addon a : content.addons()) {
            String dir = a.name() + "/";
            files.put(dir + "Chart.yaml", Yaml.write(chart(a.chartName(), a.description() != null ? a.description() : a.name(),
                    addonVersion, List.of(a.chart()))));
            files.put(dir + "values.yaml", a.valuesYaml() != null ? a.valuesYaml()
                    : a.values().isEmpty() ? "{}\n" : Yaml.write(a.values()));
            if (a.overwrite() != null) {
                files.put(dir + "overwrite.yaml", a.overwrite().endsWith("\n") ? a.overwrite() : a.overwrite() + "\n");
            }
        }
        return files;
    }

    private static Map<String, Object> chart(String name, String description, String version, List<ChartDependency> deps) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("apiVersion", "v2");
        chart.put("name", name);
        chart.put("description", description);
        chart.put("type", "application");
        chart.put("version", version);
        List<Map<String, Object>> list = new ArrayList<>();
        for (ChartDependency d : deps) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", d.name());
            m.put("version", d.version());
            m.put("repository", d.repository());
            m.put("alias", d.alias() != null ? d.alias() : d.name());
            if (d.condition() != null) {
                m.put("condition", d.condition());
            }
            list.add(m);
        }
        if (!list.isEmpty()) {
            chart.put("dependencies", list);
        }
        return chart;
    }

    /** {@code clusteraddon.yaml} of the staged layout: hooks in lifecycle order, addons in definition order. */
    public static String clusterAddonConfig(StackContent content) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", "clusteraddonconfig.x-k8s.io/v1alpha1");
        doc.put("clusterAddonVersion", "clusteraddons.clusterstack.x-k8s.io/v1alpha1");
        Map<String, Object> stages = new LinkedHashMap<>();
        for (String hook : AddonStage.HOOKS) {
            List<Map<String, Object>> entries = new ArrayList<>();
            for (Addon a : content.addons()) {
                for (AddonStage s : a.effectiveStages()) {
                    if (!hook.equals(s.hook())) {
                        continue;
                    }
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("name", a.name());
                    e.put("action", s.action());
                    if (s.waitForPreCondition() != null) {
                        e.put("waitForPreCondition", condition(s.waitForPreCondition()));
                    }
                    if (s.waitForPostCondition() != null) {
                        e.put("waitForPostCondition", condition(s.waitForPostCondition()));
                    }
                    entries.add(e);
                }
            }
            if (!entries.isEmpty()) {
                stages.put(hook, entries);
            }
        }
        doc.put("addonStages", stages);
        return Yaml.write(doc);
    }

    private static Map<String, Object> condition(AddonStage.Condition c) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> objects = new ArrayList<>();
        for (AddonStage.ConditionObject o : c.objects()) {
            Map<String, Object> om = new LinkedHashMap<>();
            om.put("key", o.key());
            om.put("apiVersion", o.apiVersion());
            om.put("kind", o.kind());
            om.put("name", o.name());
            if (o.namespace() != null) {
                om.put("namespace", o.namespace());
            }
            objects.add(om);
        }
        m.put("objects", objects);
        m.put("conditions", c.conditions());
        return m;
    }

    /** {@code cluster-addon-values.yaml} of the legacy layout: the given Go template, or an empty values document. */
    public static String legacyValues(StackContent content) {
        String v = content.addonValues();
        if (v == null) {
            return "values: |\n  {}\n";
        }
        return v.endsWith("\n") ? v : v + "\n";
    }
}
