package dev.clusterstack.core.release;

import dev.clusterstack.core.contract.ReleaseLayout;
import dev.clusterstack.core.model.AddonLayout;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.KubernetesRelease;
import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.model.base.Template;
import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.render.AddonCharts;
import dev.clusterstack.core.render.ClusterClassChart;
import dev.clusterstack.core.render.HelmText;
import dev.clusterstack.core.validate.GoTemplates;
import org.yaml.snakeyaml.LoaderOptions;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The checks of the release contract that need no Helm, run on a release before its folder is
 * written (the same rules the {@code verify} step applies to a written folder): the folder name, the
 * cluster-class chart's name and version, object names ({@code <release>-<version>[-suffix]}, DNS
 * subdomains), every reference of the ClusterClass resolving to an object of the chart, and the
 * addon charts against {@code clusteraddon.yaml}. A build whose release these checks reject fails
 * before anything is written, so no version is used up.
 */
public final class ReleaseContract {
    /** {@code <provider>-<name>-<maj>-<min>-<version>}. */
    public static final Pattern FOLDER = ReleaseLayout.FOLDER;
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private ReleaseContract() {
    }

    /**
     * Every contract problem of one release with the given versions; {@code files} is the stack
     * folder as {@link ReleaseBuilder} writes it ({@code cluster-class/...}, {@code cluster-addon/...}).
     */
    public static List<Problem> check(ClusterStack stack, KubernetesRelease release, ReleaseVersions versions,
                                      Map<String, String> files) {
        List<Problem> problems = new ArrayList<>();
        String base = stack.releaseName(release.kubernetesVersion());
        String version = versions.clusterStack().toString();
        String folder = ReleaseFolders.folderName(stack.provider(), stack.name(), release.kubernetesVersion().minorDash(),
                versions.clusterStack());
        String kv = release.kubernetesVersion().toString();
        if (!FOLDER.matcher(folder).matches()) {
            problems.add(error("", "the release folder " + folder + " breaks the contract: <provider>-<name>-<maj>-<min>-"
                    + "<version> with provider and name [a-z0-9]+ and version vN or v0-sha.<7 chars>", kv));
        }
        Map<?, ?> chart = yaml(files.get("cluster-class/Chart.yaml"));
        if (chart == null || !(base + "-cluster-class").equals(String.valueOf(chart.get("name")))
                || !version.equals(String.valueOf(chart.get("version")))) {
            problems.add(error("", "the cluster-class chart must be named " + base + "-cluster-class with version "
                    + version, kv));
        }
        StackContent content = release.content();
        String prefix = base + "-" + version;
        Set<String> present = new LinkedHashSet<>();
        for (int i = 0; i < content.templates().size(); i++) {
            Template t = content.templates().get(i);
            Map<String, Object> o = ClusterClassChart.templateObject(content, t);
            String name = name(o, prefix);
            present.add(t.apiVersion() + "|" + t.kind() + "|" + name);
            objectName(name, prefix, "templates[" + i + "]", kv, problems);
        }
        Map<String, Object> cc = ClusterClassChart.clusterClassObject(content);
        String className = name(cc, prefix);
        if (!prefix.equals(className)) {
            problems.add(error("clusterClass.metadata.name", "the ClusterClass must be named " + prefix + ", not "
                    + className + " (the contract: a Cluster selects it as " + prefix + ")", kv));
        }
        objectName(className, prefix, "clusterClass", kv, problems);
        List<String[]> refs = new ArrayList<>();
        collectRefs(cc.get("spec"), "clusterClass", refs);
        for (String[] r : refs) {
            String target = r[1].replace(HelmText.NAME_PREFIX, prefix);
            if (!present.contains(target)) {
                String[] parts = target.split("\\|", -1);
                problems.add(error(r[0], "refers to " + parts[1] + " " + parts[2] + " (" + parts[0] + "), which the chart"
                        + " does not render", kv));
            }
        }
        addons(content, versions, files, kv, problems);
        return problems;
    }

    private static void addons(StackContent content, ReleaseVersions versions, Map<String, String> files, String kv,
                               List<Problem> problems) {
        Set<String> charts = new TreeSet<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            String k = f.getKey();
            if (k.startsWith("cluster-addon/") && k.endsWith("/Chart.yaml") && k.split("/").length == 3) {
                String chart = k.split("/")[1];
                charts.add(chart);
                Map<?, ?> c = yaml(f.getValue());
                if (c == null || !versions.clusterAddon().toString().equals(String.valueOf(c.get("version")))) {
                    problems.add(error("addons", "the addon chart " + chart + " must have the clusterAddon version "
                            + versions.clusterAddon(), kv));
                }
                String overwrite = files.get("cluster-addon/" + chart + "/overwrite.yaml");
                if (overwrite != null) {
                    GoTemplates.check(overwrite).ifPresent(m -> problems.add(error("addons", chart
                            + "/overwrite.yaml: not a valid Go template: " + m, kv)));
                }
            }
        }
        if (content.addonLayout() != AddonLayout.LEGACY) {
            Map<?, ?> config = yaml(files.get(AddonCharts.CONFIG_FILE));
            if (config != null && config.get("addonStages") instanceof Map<?, ?> stages) {
                for (Map.Entry<?, ?> e : stages.entrySet()) {
                    if (e.getValue() instanceof List<?> list) {
                        for (Object item : list) {
                            Object n = item instanceof Map<?, ?> s ? s.get("name") : null;
                            if (!charts.contains(String.valueOf(n))) {
                                problems.add(error("addons", AddonCharts.CONFIG_FILE + ": stage " + e.getKey() + " names"
                                        + " addon '" + n + "', which has no chart folder", kv));
                            }
                        }
                    }
                }
            }
        }
    }

    private static void objectName(String name, String prefix, String path, String kv, List<Problem> problems) {
        if (name == null || !name.startsWith(prefix)) {
            problems.add(error(path + ".metadata.name", "object names must start with " + prefix + ", not " + name, kv));
        } else if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
            problems.add(error(path + ".name", "the object name " + name + " is not a DNS subdomain of at most 253"
                    + " characters", kv));
        }
    }

    private static String name(Map<String, Object> object, String prefix) {
        Object n = object.get("metadata") instanceof Map<?, ?> m ? m.get("name") : null;
        return n == null ? null : String.valueOf(n).replace(HelmText.NAME_PREFIX, prefix);
    }

    /**
     * The template references of a ClusterClass spec (as rendered or as a plain tree): each as
     * {@code {path, "apiVersion|kind|name"}}; patches and variables are not looked into.
     */
    public static void collectRefs(Object node, String path, List<String[]> out) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (key.equals("patches") || key.equals("variables")) {
                    continue;
                }
                if ((key.equals("ref") || key.equals("templateRef")) && e.getValue() instanceof Map<?, ?> ref) {
                    out.add(new String[]{path + "." + key, ref.get("apiVersion") + "|" + ref.get("kind") + "|" + ref.get("name")});
                } else {
                    collectRefs(e.getValue(), path + "." + key, out);
                }
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collectRefs(list.get(i), path + "[" + i + "]", out);
            }
        }
    }

    private static Map<?, ?> yaml(String text) {
        if (text == null) {
            return null;
        }
        Object o = new org.yaml.snakeyaml.Yaml(new LoaderOptions()).load(text);
        return o instanceof Map<?, ?> m ? m : null;
    }

    private static Problem error(String path, String message, String kubernetesVersion) {
        return Problem.error(path, message + " (the release contract)").forVersion(kubernetesVersion);
    }
}
