package dev.clusterstack.core.importer;

import dev.clusterstack.core.helm.RenderedObject;
import dev.clusterstack.core.importer.ImportReport.Finding;
import dev.clusterstack.core.importer.ImportReport.Kind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lifts the objects of one rendered cluster-class chart back into the definition's terms: the ClusterClass spec
 * with {@code ref: <template name>}, one template per object named {@code <release>-<chart version>-<name>}, the
 * ORC {@code Image}, and every multi-line file of a kubeadm config as a text file named by {@code source}.
 */
final class ClassLifter {
    static final String NAMESPACE = "cluster";
    private static final String ORC_GROUP = "openstack.k-orc.cloud/";

    /** What one Kubernetes version lifts to. */
    static final class Lifted {
        final Map<String, Object> clusterClass = new LinkedHashMap<>();
        final List<Map<String, Object>> templates = new ArrayList<>();
        Map<String, Object> orcImage;
        String orcSha256;
        /** Text file path (relative to the definition's folder) to its content. */
        final Map<String, String> texts = new LinkedHashMap<>();
    }

    private final String prefix;
    private final String chartFolder;
    private final List<Finding> findings;
    private final FileNames fileNames;

    /**
     * @param prefix      {@code <release>-<chart version>}, the names of the chart's objects
     * @param chartFolder the chart's folder relative to the stack, for findings
     * @param fileNames   names of text files, shared by all versions so that one node path keeps one file name
     * @param findings    where findings go
     */
    ClassLifter(String prefix, String chartFolder, FileNames fileNames, List<Finding> findings) {
        this.prefix = prefix;
        this.chartFolder = chartFolder;
        this.fileNames = fileNames;
        this.findings = findings;
    }

    Lifted lift(List<RenderedObject> objects) {
        Lifted out = new Lifted();
        Map<String, Object> clusterClass = null;
        String classSource = null;
        Map<String, List<String>> kindsByName = new LinkedHashMap<>();
        List<RenderedObject> templates = new ArrayList<>();
        List<String> referenced = new ArrayList<>();
        objects.stream().filter(r -> "ClusterClass".equals(r.object().get("kind")))
                .forEach(r -> referenced(r.object().get("spec"), referenced));
        for (RenderedObject r : objects) {
            Map<String, Object> o = r.object();
            String kind = CsctlStack.string(o.get("kind"));
            String apiVersion = CsctlStack.string(o.get("apiVersion"));
            String name = CsctlStack.string(CsctlStack.map(o.get("metadata")).get("name"));
            String where = source(r) + ": " + kind + " " + generic(name);
            if ("ClusterClass".equals(kind)) {
                if (clusterClass != null) {
                    throw new ImportException(where + ": a second ClusterClass; a cluster stack has one");
                }
                clusterClass = o;
                classSource = where;
                if (!prefix.equals(name)) {
                    findings.add(new Finding(Kind.NOT_CARRIED_OVER, where, "the class is named '" + name + "'; the"
                            + " generator names it '" + prefix + "' ({{ .Release.Name }}-{{ .Chart.Version }}) as the operator expects"));
                }
            } else if (apiVersion != null && apiVersion.startsWith(ORC_GROUP) && "Image".equals(kind)) {
                orcImage(o, where, out);
            } else if (name != null && name.startsWith(prefix + "-")) {
                templates.add(r);
                kindsByName.computeIfAbsent(name.substring(prefix.length() + 1), k -> new ArrayList<>()).add(kind);
            } else if (name != null && referenced.contains(kind + " " + name)) {
                // named from values, not <release>-<chart version>-<name>: the release contract names it anew
                templates.add(r);
                kindsByName.computeIfAbsent(name, k -> new ArrayList<>()).add(kind);
                findings.add(new Finding(Kind.NOT_CARRIED_OVER, where, "the object is named '" + name + "', not after the"
                        + " release; the generator names it " + GENERIC_PREFIX + "-" + name + " as the release contract"
                        + " demands, and the class refers to it by that name"));
            } else {
                findings.add(new Finding(Kind.NOT_CARRIED_OVER, where, "an object not named " + prefix
                        + "-<name> is no template of the class; the definition has no place for it"));
            }
        }
        if (clusterClass == null) {
            throw new ImportException(chartFolder + ": the chart renders no ClusterClass");
        }
        for (RenderedObject r : templates) {
            out.templates.add(template(r, out));
        }
        Map<String, Object> spec = copy(CsctlStack.map(clusterClass.get("spec")));
        List<String> missing = new ArrayList<>();
        refs(spec, "spec", kindsByName, classSource, missing);
        if (!missing.isEmpty()) {
            throw new ImportException(missing);
        }
        Map<String, Object> meta = metadata(clusterClass, classSource);
        if (!meta.isEmpty()) {
            out.clusterClass.put("metadata", meta);
        }
        out.clusterClass.putAll(spec);
        namespace(clusterClass, classSource);
        return out;
    }

    private Map<String, Object> template(RenderedObject r, Lifted out) {
        Map<String, Object> o = r.object();
        String kind = CsctlStack.string(o.get("kind"));
        String name = CsctlStack.string(CsctlStack.map(o.get("metadata")).get("name"));
        String where = source(r) + ": " + kind + " " + generic(name);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", name.startsWith(prefix + "-") ? name.substring(prefix.length() + 1) : name);
        t.put("kind", kind);
        t.put("apiVersion", o.get("apiVersion"));
        Map<String, Object> meta = metadata(o, where);
        if (!meta.isEmpty()) {
            t.put("metadata", meta);
        }
        namespace(o, where);
        Map<String, Object> spec = copy(CsctlStack.map(o.get("spec")));
        if ("KubeadmControlPlaneTemplate".equals(kind)) {
            files(at(spec, "template", "spec", "kubeadmConfigSpec"), CsctlStack.string(t.get("name")), out);
        } else if ("KubeadmConfigTemplate".equals(kind)) {
            files(at(spec, "template", "spec"), CsctlStack.string(t.get("name")), out);
        }
        if (o.containsKey("spec")) {
            t.put("spec", spec);
        }
        for (Map.Entry<String, Object> e : o.entrySet()) {
            if (!List.of("apiVersion", "kind", "metadata", "spec").contains(e.getKey())) {
                t.put(e.getKey(), copyAny(e.getValue()));
            }
        }
        return t;
    }

    /** Multi-line files without an encoding become text files named by {@code source}: the scripts of the stack. */
    @SuppressWarnings("unchecked")
    private void files(Map<String, Object> configSpec, String templateName, Lifted out) {
        if (configSpec == null || !(configSpec.get("files") instanceof List<?> files)) {
            return;
        }
        for (Object f : files) {
            if (f instanceof Map<?, ?> raw) {
                Map<String, Object> file = (Map<String, Object>) raw;
                if (file.get("content") instanceof String content && content.contains("\n") && file.get("encoding") == null
                        && file.get("path") instanceof String path) {
                    String name = fileNames.name(templateName, path);
                    out.texts.put(name, content);
                    Map<String, Object> replaced = new LinkedHashMap<>();
                    for (Map.Entry<String, Object> e : file.entrySet()) {
                        if (e.getKey().equals("content")) {
                            replaced.put("source", name);
                        } else {
                            replaced.put(e.getKey(), e.getValue());
                        }
                    }
                    file.clear();
                    file.putAll(replaced);
                }
            }
        }
    }

    private void orcImage(Map<String, Object> o, String where, Lifted out) {
        if (out.orcImage != null) {
            findings.add(new Finding(Kind.NOT_CARRIED_OVER, where, "a second ORC Image; the definition has one per version"));
            return;
        }
        Map<String, Object> spec = copy(CsctlStack.map(o.get("spec")));
        Map<String, Object> content = at(spec, "resource", "content");
        Map<String, Object> download = content == null ? null : CsctlStack.map(content.remove("download"));
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("name", CsctlStack.map(o.get("metadata")).get("name"));
        image.put("placement", "chart");
        if (download != null && download.get("url") != null) {
            image.put("url", download.get("url"));
            Map<String, Object> hash = CsctlStack.map(download.get("hash"));
            if ("sha256".equals(hash.get("algorithm"))) {
                out.orcSha256 = CsctlStack.string(hash.get("value"));
            } else if (!hash.isEmpty()) {
                findings.add(new Finding(Kind.NOT_CARRIED_OVER, where + ": spec.resource.content.download.hash",
                        "only sha256 hashes are carried over"));
            }
            if (download.size() > (hash.isEmpty() ? 1 : 2)) {
                findings.add(new Finding(Kind.NOT_CARRIED_OVER, where + ": spec.resource.content.download",
                        "only url and hash are carried over"));
            }
        }
        image.put("spec", spec);
        Map<String, Object> meta = metadata(o, where);
        if (!meta.isEmpty()) {
            findings.add(new Finding(Kind.NOT_CARRIED_OVER, where + ": metadata", "labels and annotations of the ORC image"));
        }
        namespace(o, where);
        out.orcImage = image;
    }

    /** Labels and annotations; anything else of metadata but name and namespace is reported. */
    private Map<String, Object> metadata(Map<String, Object> o, String where) {
        Map<String, Object> meta = CsctlStack.map(o.get("metadata"));
        Map<String, Object> kept = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : meta.entrySet()) {
            switch (e.getKey()) {
                case "name", "namespace" -> {
                }
                case "labels", "annotations" -> kept.put(e.getKey(), copyAny(e.getValue()));
                default -> findings.add(new Finding(Kind.NOT_CARRIED_OVER, where + ": metadata." + e.getKey(),
                        "only labels and annotations of metadata are part of a template"));
            }
        }
        return kept;
    }

    private void namespace(Map<String, Object> o, String where) {
        Object ns = CsctlStack.map(o.get("metadata")).get("namespace");
        if (ns == null) {
            findings.add(new Finding(Kind.NORMALISED, where + ": metadata.namespace", "the original sets no namespace;"
                    + " the generator sets the release namespace ({{ .Release.Namespace }}), where the operator applies"
                    + " the object anyway"));
        } else if (!NAMESPACE.equals(ns)) {
            findings.add(new Finding(Kind.NOT_CARRIED_OVER, where + ": metadata.namespace", "the fixed namespace '" + ns
                    + "'; the generator always uses the release namespace"));
        }
    }

    /** Object references of the class spec (not of patches and variables) become {@code <name>} or {@code <kind>/<name>}. */
    @SuppressWarnings("unchecked")
    private void refs(Object node, String path, Map<String, List<String>> kindsByName, String where, List<String> missing) {
        if (node instanceof Map<?, ?> raw) {
            Map<String, Object> map = (Map<String, Object>) raw;
            for (Map.Entry<String, Object> e : map.entrySet()) {
                if (e.getKey().equals("ref") && e.getValue() instanceof Map<?, ?> ref) {
                    String name = CsctlStack.string(ref.get("name"));
                    String kind = CsctlStack.string(ref.get("kind"));
                    String suffix = name != null && name.startsWith(prefix + "-") ? name.substring(prefix.length() + 1) : name;
                    List<String> kinds = suffix == null ? null : kindsByName.get(suffix);
                    if (kinds == null || !kinds.contains(kind)) {
                        missing.add(where + ": " + path + ".ref: the reference to " + kind + " " + name
                                + " names no object of the chart (Cluster API cannot reconcile the class without it): add the"
                                + " template to the chart and import again");
                        continue;
                    }
                    if (ref.get("namespace") == null) {
                        findings.add(new Finding(Kind.NORMALISED, where + ": " + path + ".ref.namespace", "the original"
                                + " reference names no namespace (Cluster API takes the class's own); the generator names the"
                                + " release namespace, the class's own"));
                    }
                    e.setValue(kinds.size() > 1 ? kind + "/" + suffix : suffix);
                } else if (!e.getKey().equals("patches") && !e.getKey().equals("variables")) {
                    refs(e.getValue(), path + "." + e.getKey(), kindsByName, where, missing);
                }
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                refs(list.get(i), path + "[" + i + "]", kindsByName, where, missing);
            }
        }
    }

    /** {@code <kind> <name>} of every object reference of the class spec (not of patches and variables). */
    private static void referenced(Object node, List<String> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if ("ref".equals(k) && v instanceof Map<?, ?> ref) {
                    out.add(ref.get("kind") + " " + ref.get("name"));
                } else if (!"patches".equals(k) && !"variables".equals(k)) {
                    referenced(v, out);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(v -> referenced(v, out));
        }
    }

    /**
     * An object name as the chart writes it, so that a finding reads the same for every Kubernetes version:
     * {@code openstack-scs-1-32-v1-cluster} is {@code {{ .Release.Name }}-{{ .Chart.Version }}-cluster}.
     */
    private String generic(String name) {
        return name != null && (name.equals(prefix) || name.startsWith(prefix + "-"))
                ? GENERIC_PREFIX + name.substring(prefix.length()) : name;
    }

    /** How the charts write the object name prefix. */
    static final String GENERIC_PREFIX = "{{ .Release.Name }}-{{ .Chart.Version }}";

    private String source(RenderedObject r) {
        if (r.source() == null) {
            return chartFolder;
        }
        int slash = r.source().indexOf('/');
        return chartFolder + (slash >= 0 ? r.source().substring(slash) : "/" + r.source());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> at(Map<String, Object> root, String... path) {
        Object at = root;
        for (String key : path) {
            if (!(at instanceof Map<?, ?> m) || !(m.get(key) instanceof Map<?, ?>)) {
                return null;
            }
            at = m.get(key);
        }
        return (Map<String, Object>) at;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> copy(Map<String, Object> map) {
        return (Map<String, Object>) copyAny(map);
    }

    static Object copyAny(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), copyAny(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(copyAny(v)));
            return out;
        }
        return value;
    }

    /** File names of node files: the path's last part, made unique by the template name when two paths share it. */
    static final class FileNames {
        private final Map<String, String> byKey = new LinkedHashMap<>();

        String name(String templateName, String nodePath) {
            String key = templateName + "\u0000" + nodePath;
            return byKey.computeIfAbsent(key, k -> {
                String base = nodePath.substring(nodePath.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
                if (base.isEmpty() || base.endsWith(".ftl")) {
                    base = base + ".txt";
                }
                String candidate = "files/" + base;
                if (byKey.containsValue(candidate)) {
                    candidate = "files/" + templateName + "-" + base;
                }
                int n = 2;
                String unique = candidate;
                while (byKey.containsValue(unique)) {
                    unique = candidate + "-" + n++;
                }
                return unique;
            });
        }
    }
}
