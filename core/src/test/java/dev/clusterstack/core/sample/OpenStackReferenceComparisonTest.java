package dev.clusterstack.core.sample;

import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.KubernetesRelease;
import dev.clusterstack.core.model.addon.Addon;
import dev.clusterstack.core.model.addon.AddonStage;
import dev.clusterstack.core.render.AddonCharts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * THE COMPARISON: for every Kubernetes version of the OpenStack sample stack, the SCS reference
 * cluster-class chart ({@code providers/openstack/scs/cluster-class}) and ours are both rendered with
 * real Helm under the operator's release name, and compared: the ClusterClass variable by variable
 * and patch by patch (must be equal), its references, and every other object field by field, with
 * the intended differences stated where they are taken out.
 */
@Tag("shared")
class OpenStackReferenceComparisonTest {
    /** Variables and patches of the reference: the interface a cluster owner relies on. */
    private static final int REFERENCE_VARIABLES = 19;
    private static final int REFERENCE_PATCHES = 20;
    /** The sample's 1.34 node image: scs2's (HEAD a931cdb, image.yaml), written here by hand. */
    private static final String SCS2_IMAGE_VERSION = "1.34.7";
    private static final String SCS2_IMAGE_URL = "https://nbg1.your-objectstorage.com/osism/openstack-k8s-capi-images/"
            + "ubuntu-2404-kube-v1.34/ubuntu-2404-kube-v1.34.7.qcow2";
    private static final String SCS2_IMAGE_SHA256 = "f7bf12297833cca14de6d24081c8a01e99143651e4c01431b911375300550fe0";

    /**
     * Our template name for each object name suffix of the reference, per kind. Template names are
     * unique in a stack definition, while the reference uses "control-plane" and "default-worker"
     * twice (for the bootstrap/control plane template and for the machine template).
     */
    private static final Map<String, String> OUR_NAME = Map.of(
            "KubeadmControlPlaneTemplate/control-plane", "control-plane",
            "OpenStackMachineTemplate/control-plane", "control-plane-machine",
            "OpenStackClusterTemplate/cluster", "cluster",
            "KubeadmConfigTemplate/default-worker", "default-worker",
            "OpenStackMachineTemplate/default-worker", "default-worker-machine");

    @Test
    void clusterClassAndTemplatesMatchTheReferenceForEveryVersion(@TempDir Path tmp) throws IOException {
        Path reference = SampleStacks.reference("openstack");
        ClusterStack stack = SampleStacks.inV1beta1(SampleStacks.loadWithoutFeatures(SampleStacks.OPENSTACK));
        List<String> report = new ArrayList<>();
        List<String> differences = new ArrayList<>();
        for (KubernetesRelease release : stack.releases()) {
            String version = release.kubernetesVersion().toString();
            String releaseName = SampleStacks.releaseName(stack, release);
            String prefix = releaseName + "-" + SampleStacks.CHART_VERSION;
            String imageName = "ubuntu-capi-image-v" + version;

            // The reference's build sets the node image names per version in its values.
            Path values = SampleStacks.write(tmp.resolve(releaseName + "-values.yaml"),
                    "images:\n  controlPlane:\n    name: " + imageName + "\n  worker:\n    name: " + imageName + "\n");
            List<Map<String, Object>> theirs = SampleStacks.documents(
                    SampleStacks.template(reference.resolve("cluster-class"), releaseName, values));
            List<Map<String, Object>> ours = SampleStacks.documents(
                    SampleStacks.template(SampleStacks.writeChart(stack, release, tmp.resolve("ours")), releaseName, null));

            Map<String, Object> theirClass = SampleStacks.object(theirs, "ClusterClass", prefix);
            Map<String, Object> ourClass = SampleStacks.object(ours, "ClusterClass", prefix);
            int[] counts = compareInterface(version, ourClass, theirClass, differences);
            report.add(version + ": " + counts[0] + "/" + REFERENCE_VARIABLES + " variables and " + counts[1] + "/"
                    + REFERENCE_PATCHES + " patches equal");
            compareReferences(version, prefix, ourClass, theirClass, differences);
            compareTemplates(version, prefix, imageName, ours, theirs, differences);
        }
        System.out.println("[openstack reference comparison] " + String.join("; ", report));
        assertEquals(List.of(), differences, "differences to the reference:\n" + String.join("\n", differences));
    }

    /** Variables and patches, each compared in full; returns how many of each are equal. */
    @SuppressWarnings("unchecked")
    private static int[] compareInterface(String version, Map<String, Object> ours, Map<String, Object> theirs,
                                          List<String> differences) {
        List<Map<String, Object>> ourVariables = (List<Map<String, Object>>) Compare.at(ours, "spec", "variables");
        List<Map<String, Object>> theirVariables = (List<Map<String, Object>>) Compare.at(theirs, "spec", "variables");
        List<Map<String, Object>> ourPatches = (List<Map<String, Object>>) Compare.at(ours, "spec", "patches");
        List<Map<String, Object>> theirPatches = (List<Map<String, Object>>) Compare.at(theirs, "spec", "patches");
        assertEquals(REFERENCE_VARIABLES, theirVariables.size(), "the reference's variables");
        assertEquals(REFERENCE_PATCHES, theirPatches.size(), "the reference's patches");
        // Only the reference's names are compared: features switched on later add their own
        // variables and patches, which must not replace or reorder the reference's.
        ourVariables = ourVariables.stream().filter(v -> names(theirVariables).contains(v.get("name"))).toList();
        ourPatches = ourPatches.stream().filter(p -> names(theirPatches).contains(p.get("name"))).toList();
        assertEquals(names(theirVariables), names(ourVariables), version + ": the reference's variable names, in order");
        assertEquals(names(theirPatches), names(ourPatches), version + ": the reference's patch names, in order");

        int variables = 0;
        for (int i = 0; i < theirVariables.size(); i++) {
            Map<String, Object> t = theirVariables.get(i);
            Map<String, Object> o = ourVariables.get(i);
            List<String> d = new ArrayList<>();
            // name, required and the full schema: type, default, example, enum, format, description,
            // minimum, items and nested properties
            d.addAll(prefixed("required", Compare.diff(o.get("required"), t.get("required"))));
            d.addAll(prefixed("schema", Compare.diff(o.get("schema"), t.get("schema"))));
            d.addAll(prefixed("", Compare.diff(withoutKeys(o, "name", "required", "schema"),
                    withoutKeys(t, "name", "required", "schema"))));
            if (d.isEmpty()) {
                variables++;
            }
            d.forEach(x -> differences.add(version + " variable " + t.get("name") + " " + x));
        }
        int patches = 0;
        for (int i = 0; i < theirPatches.size(); i++) {
            Map<String, Object> t = theirPatches.get(i);
            Map<String, Object> o = ourPatches.get(i);
            List<String> d = new ArrayList<>();
            d.addAll(prefixed("description", Compare.diff(o.get("description"), t.get("description"))));
            d.addAll(prefixed("enabledIf", Compare.diff(o.get("enabledIf"), t.get("enabledIf"))));
            List<Map<String, Object>> od = (List<Map<String, Object>>) o.get("definitions");
            List<Map<String, Object>> td = (List<Map<String, Object>>) t.get("definitions");
            if (od == null || td == null || od.size() != td.size()) {
                d.add("definitions: " + (od == null ? 0 : od.size()) + " in ours, " + (td == null ? 0 : td.size())
                        + " in the reference");
            } else {
                for (int j = 0; j < td.size(); j++) {
                    // selector (apiVersion, kind, matchResources) and every JSON patch (op, path, value/valueFrom)
                    d.addAll(prefixed("definitions[" + j + "].selector",
                            Compare.diff(od.get(j).get("selector"), td.get(j).get("selector"))));
                    d.addAll(prefixed("definitions[" + j + "].jsonPatches",
                            Compare.diff(od.get(j).get("jsonPatches"), td.get(j).get("jsonPatches"))));
                    d.addAll(prefixed("definitions[" + j + "]", Compare.diff(
                            withoutKeys(od.get(j), "selector", "jsonPatches"), withoutKeys(td.get(j), "selector", "jsonPatches"))));
                }
            }
            d.addAll(prefixed("", Compare.diff(withoutKeys(o, "name", "description", "enabledIf", "definitions"),
                    withoutKeys(t, "name", "description", "enabledIf", "definitions"))));
            if (d.isEmpty()) {
                patches++;
            }
            d.forEach(x -> differences.add(version + " patch " + t.get("name") + " " + x));
        }
        return new int[] {variables, patches};
    }

    /** The class's references to templates: same kinds, names per {@link #OUR_NAME}. */
    @SuppressWarnings("unchecked")
    private static void compareReferences(String version, String prefix, Map<String, Object> ours,
                                          Map<String, Object> theirs, List<String> differences) {
        Map<String, Object> ourSpec = Compare.copy((Map<String, Object>) ours.get("spec"));
        Map<String, Object> theirSpec = Compare.copy((Map<String, Object>) theirs.get("spec"));
        for (Map<String, Object> spec : List.of(ourSpec, theirSpec)) {
            spec.remove("variables");
            spec.remove("patches");
        }
        for (Map<String, Object> ref : Compare.references(theirSpecHolder(theirSpec))) {
            String suffix = ((String) ref.get("name")).substring(prefix.length() + 1);
            String ourName = OUR_NAME.get(ref.get("kind") + "/" + suffix);
            ref.put("name", ourName == null ? ref.get("name") : prefix + "-" + ourName);
            // Intended: our references carry the namespace the objects are rendered in (Cluster API
            // defaults it to the ClusterClass's namespace; the reference leaves it out).
            ref.put("namespace", SampleStacks.NAMESPACE);
        }
        Compare.diff(ourSpec, theirSpec).forEach(x -> differences.add(version + " ClusterClass spec" + x));
        // Intended: every object of ours names its namespace.
        Map<String, Object> ourMeta = Compare.copy((Map<String, Object>) ours.get("metadata"));
        assertEquals(SampleStacks.NAMESPACE, ourMeta.remove("namespace"));
        Compare.diff(ourMeta, theirs.get("metadata")).forEach(x -> differences.add(version + " ClusterClass metadata" + x));
    }

    private static Map<String, Object> theirSpecHolder(Map<String, Object> spec) {
        Map<String, Object> holder = new LinkedHashMap<>();
        holder.put("spec", spec);
        return holder;
    }

    /** Every other object of the reference chart, field by field. */
    @SuppressWarnings("unchecked")
    private static void compareTemplates(String version, String prefix, String imageName, List<Map<String, Object>> ours,
                                         List<Map<String, Object>> theirs, List<String> differences) {
        int compared = 0;
        for (Map<String, Object> t : theirs) {
            String kind = (String) t.get("kind");
            String name = (String) Compare.at(t, "metadata", "name");
            if (kind.equals("ClusterClass")) {
                continue;
            }
            Map<String, Object> theirObject = Compare.copy(t);
            Map<String, Object> ourObject;
            if (kind.equals("Image")) {
                // The ORC Image is named after the Glance image in both, the name the k8s_version patch
                // filters on.
                assertEquals(imageName, name);
                ourObject = Compare.copy(SampleStacks.object(ours, "Image", imageName));
                if (version.equals(SCS2_IMAGE_VERSION)) {
                    // 1.34.7 is not in this reference: the sample imports scs2's Ubuntu 24.04 image of that
                    // version (the URL and sha256 of scs2's image.yaml), whose operating system is 24.04.
                    Map<String, Object> download = (Map<String, Object>) Compare.at(ourObject, "spec", "resource", "content",
                            "download");
                    assertEquals(Map.of("url", SCS2_IMAGE_URL, "hash", Map.of("algorithm", "sha256", "value", SCS2_IMAGE_SHA256)),
                            download, version);
                    // compared from here on as if it were the reference's image of that version
                    download.remove("hash");
                    download.put("url", "https://swift.services.a.regiocloud.tech/swift/v1/AUTH_b182637428444b9aa302bb8d5a5a418c/"
                            + "openstack-k8s-capi-images/ubuntu-2204-kube-v1.34/ubuntu-2204-kube-v1.34.7.qcow2");
                    Map<String, Object> os = (Map<String, Object>) Compare.at(ourObject, "spec", "resource", "properties",
                            "operatingSystem");
                    assertEquals("24.04", os.put("version", "22.04"), version);
                }
                if (!version.equals("1.32.5")) {
                    // The reference hard-codes the checksum of the 1.32.5 image only; the checksums of
                    // the other versions are not known here, so ours imports those unchecked (like the
                    // upstream generator's --skip-checksum).
                    Object hash = Compare.remove(theirObject, "spec", "resource", "content", "download", "hash");
                    assertEquals("sha256", Compare.at(hash, "algorithm"));
                    assertEquals(null, Compare.at(ourObject, "spec", "resource", "content", "download", "hash"), version);
                }
                // The reference hard-codes the 1.32.5 image URL; its build rewrites it per version.
                String url = (String) Compare.at(theirObject, "spec", "resource", "content", "download", "url");
                ((Map<String, Object>) Compare.at(theirObject, "spec", "resource", "content", "download")).put("url",
                        url.replace("1.32.5", version).replace("v1.32/", "v" + version.substring(0, version.lastIndexOf('.')) + "/"));
            } else {
                String ourName = OUR_NAME.get(kind + "/" + name.substring(prefix.length() + 1));
                if (ourName == null) {
                    differences.add(version + " " + kind + " " + name + ": no counterpart expected");
                    continue;
                }
                ourObject = Compare.copy(SampleStacks.object(ours, kind, prefix + "-" + ourName));
                // Intended: object names as in OUR_NAME.
                ((Map<String, Object>) ourObject.get("metadata")).put("name", name);
            }
            // Intended: every object of ours names its namespace.
            assertEquals(SampleStacks.NAMESPACE, Compare.remove(ourObject, "metadata", "namespace"), version + " " + kind);
            Compare.diff(ourObject, theirObject).forEach(x -> differences.add(version + " " + kind + " " + name + x));
            compared++;
        }
        assertEquals(6, compared, version + ": objects of the reference besides the ClusterClass");
        // and nothing more on our side
        assertEquals(theirs.size(), ours.size(), version + ": objects rendered, ours vs the reference's");
    }

    /** The addons: charts, values and overwrite templates, and the stages of clusteraddon.yaml. */
    @Test
    @SuppressWarnings("unchecked")
    void addonsMatchTheReference() throws IOException {
        Path reference = SampleStacks.reference("openstack");
        ClusterStack stack = SampleStacks.inV1beta1(SampleStacks.loadWithoutFeatures(SampleStacks.OPENSTACK));
        Yaml yaml = new Yaml();
        List<Map<String, Object>> versions = yaml.load(Files.readString(reference.resolve("versions.yaml")));
        Map<String, Object> addonConfig = yaml.load(Files.readString(reference.resolve("clusteraddon.yaml")));
        Map<String, List<Map<String, Object>>> stages = (Map<String, List<Map<String, Object>>>) addonConfig.get("addonStages");
        List<String> differences = new ArrayList<>();
        int matched = 0;
        for (KubernetesRelease release : stack.releases()) {
            String version = release.kubernetesVersion().toString();
            Map<String, Object> pinned = versions.stream().filter(v -> version.equals(String.valueOf(v.get("kubernetes"))))
                    .findFirst().orElse(null);
            if (pinned == null) {
                // 1.33 and 1.34 are not in the reference's versions.yaml: their chart versions are ours alone
                assertTrue(List.of("1.33", "1.34").contains(release.kubernetesVersion().minorDot()), version
                        + " is not in the reference");
            }
            // The order of the addons is the order of each stage in clusteraddon.yaml.
            for (Map.Entry<String, List<Map<String, Object>>> stage : stages.entrySet()) {
                List<String> expected = stage.getValue().stream().map(s -> s.get("name") + ":" + s.get("action")).toList();
                List<String> actual = release.content().addons().stream()
                        .filter(a -> a.effectiveStages().stream().anyMatch(s -> s.hook().equals(stage.getKey())))
                        .map(a -> a.name() + ":" + a.effectiveStages().stream().filter(s -> s.hook().equals(stage.getKey()))
                                .findFirst().map(AddonStage::action).orElseThrow())
                        .toList();
                assertEquals(expected, actual, version + " stage " + stage.getKey());
            }
            for (Addon addon : release.content().addons()) {
                Path dir = reference.resolve("cluster-addon").resolve(addon.name());
                Map<String, Object> chart = yaml.load(Files.readString(dir.resolve("Chart.yaml")));
                Map<String, Object> dependency = new LinkedHashMap<>(((List<Map<String, Object>>) chart.get("dependencies")).get(0));
                String key = switch (addon.name()) {
                    case "ccm" -> "occm";
                    case "csi" -> "cinder_csi";
                    default -> null;
                };
                if (key != null) {
                    // the reference's addon folder is for 1.32; versions.yaml pins the chart per version
                    dependency.put("version", pinned == null ? addon.chart().version() : String.valueOf(pinned.get(key)));
                }
                Map<String, Object> ourDependency = new LinkedHashMap<>();
                ourDependency.put("alias", addon.chart().alias());
                ourDependency.put("name", addon.chart().name());
                ourDependency.put("repository", addon.chart().repository());
                ourDependency.put("version", addon.chart().version());
                List<String> d = new ArrayList<>(prefixed("chart dependency", Compare.diff(ourDependency, dependency)));
                d.addAll(prefixed("description", Compare.diff(addon.description(), chart.get("description"))));
                d.addAll(prefixed("values", Compare.diff(addon.values(), yaml.load(Files.readString(dir.resolve("values.yaml"))))));
                // the values file reaches the addon chart byte for byte: comments and quoting as in the reference
                d.addAll(prefixed("values.yaml text", Compare.diff(AddonCharts.archiveFiles(stack, release, "v1")
                        .get(addon.name() + "/values.yaml"), Files.readString(dir.resolve("values.yaml")))));
                Path overwrite = dir.resolve("overwrite.yaml");
                d.addAll(prefixed("overwrite.yaml", Compare.diff(addon.overwrite(),
                        Files.exists(overwrite) ? Files.readString(overwrite) : null)));
                d.forEach(x -> differences.add(version + " addon " + addon.name() + " " + x));
                if (d.isEmpty()) {
                    matched++;
                }
            }
        }
        assertEquals(List.of(), differences, String.join("\n", differences));
        assertEquals(4 * stack.releases().size(), matched);
    }

    private static List<String> names(List<Map<String, Object>> items) {
        return items.stream().map(i -> String.valueOf(i.get("name"))).toList();
    }

    private static Map<String, Object> withoutKeys(Map<String, Object> map, String... keys) {
        Map<String, Object> out = new LinkedHashMap<>(map);
        for (String k : keys) {
            out.remove(k);
        }
        return out;
    }

    private static List<String> prefixed(String prefix, List<String> items) {
        return items.stream().map(i -> (prefix.isEmpty() ? "" : prefix) + (i.startsWith("(root)") ? i.substring(6) : i))
                .map(i -> i.startsWith(".") || i.startsWith("[") || i.startsWith(":") ? i : " " + i).toList();
    }
}
