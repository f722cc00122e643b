package dev.clusterstack.core.render;

import dev.clusterstack.core.contract.ReleaseLayout;
import dev.clusterstack.core.bind.Writer;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.KubernetesRelease;
import dev.clusterstack.core.model.base.ObjectMeta;
import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.model.base.Template;
import dev.clusterstack.core.model.base.TemplateRef;
import dev.clusterstack.core.model.clusterclass.ClusterClass;
import dev.clusterstack.core.model.clusterclass.ControlPlaneClass;
import dev.clusterstack.core.model.clusterclass.LocalObjectTemplate;
import dev.clusterstack.core.model.clusterclass.MachineDeploymentClass;
import dev.clusterstack.core.model.clusterclass.MachinePoolClass;
import dev.clusterstack.core.model.clusterclass.MachineTemplateClass;
import dev.clusterstack.core.model.clusterclass.WorkersClass;
import dev.clusterstack.core.model.infra.OpenStackMachineTemplate;
import dev.clusterstack.core.model.kubeadm.KubeadmConfigTemplate;
import dev.clusterstack.core.model.kubeadm.KubeadmControlPlaneTemplate;
import dev.clusterstack.core.model.infra.OrcImage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the cluster-class Helm chart of one Kubernetes version: {@code Chart.yaml}, an empty
 * {@code values.yaml} (the operator passes none), one template file per object and a
 * {@code README.md} of the class's variables. Object names are
 * {@code {{ .Release.Name }}-{{ .Chart.Version }}[-<template name>]}; everything else is literal.
 */
public final class ClusterClassChart {
    public static final String CLUSTER_CLASS_API_VERSION = "cluster.x-k8s.io/v1beta1";

    private ClusterClassChart() {
    }

    /** {@code <provider>-<name>-<maj>-<min>-cluster-class}. */
    public static String chartName(ClusterStack stack, KubernetesRelease release) {
        return ReleaseLayout.clusterClassChart(stack.releaseName(release.kubernetesVersion()));
    }

    /**
     * Writes the chart into {@code chartDir} (created; must be empty or absent) and returns the files
     * written, relative to it, in order.
     */
    public static List<String> write(ClusterStack stack, KubernetesRelease release, String chartVersion, Path chartDir) {
        Map<String, String> files = render(stack, release, chartVersion);
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path target = chartDir.resolve(f.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + chartDir + ": " + e.getMessage(), e);
        }
        return List.copyOf(files.keySet());
    }

    /** The chart's files, path relative to the chart folder to content, in a fixed order. */
    public static Map<String, String> render(ClusterStack stack, KubernetesRelease release, String chartVersion) {
        StackContent content = release.content();
        Map<String, String> files = new LinkedHashMap<>();
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("apiVersion", "v2");
        chart.put("name", chartName(stack, release));
        chart.put("description", content.description() != null ? content.description()
                : "Cluster class of the " + stack.provider() + " " + stack.name() + " cluster stack for Kubernetes "
                + release.kubernetesVersion().minorDot());
        chart.put("type", "application");
        chart.put("version", chartVersion);
        chart.put("appVersion", release.kubernetesVersion().tag());
        files.put("Chart.yaml", Yaml.write(chart));
        files.put("values.yaml", "# The Cluster Stack Operator renders this chart without values.\n"
                + "# Whatever a cluster owner may set is a ClusterClass variable: see README.md.\n");
        files.put("README.md", VariableDocs.chartReadme(stack, release, chartVersion));
        ClusterApiWriter writer = ClusterApiWriter.of(release.clusterApi());
        files.put("templates/cluster-class.yaml", templateFile(writer.clusterClassObject(content)));
        for (Template t : content.templates()) {
            String file = "templates/" + t.kind().toLowerCase(Locale.ROOT) + "-" + t.name() + ".yaml";
            files.put(file, templateFile(writer.templateObject(content, t)));
        }
        if (content.orcImage() != null && OrcImage.CHART.equals(content.orcImage().placement())) {
            files.put(ORC_IMAGE_FILE, templateFile(orcImageObject(content.orcImage(), true)));
        }
        return files;
    }

    /** The chart's template file of an ORC image placed in the chart. */
    public static final String ORC_IMAGE_FILE = "templates/orc-image.yaml";

    /**
     * The ORC {@code Image} as a plain tree: named literally {@link OrcImage#name()}, its spec with
     * {@code resource.content.download} ({@code url}, then {@code hash} when there is a sha256).
     *
     * @param inChart whether it is an object of the chart (in the release namespace) or a file a cluster
     *                owner applies into the namespace of their choice (no namespace)
     */
    public static Map<String, Object> orcImageObject(OrcImage image, boolean inChart) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("apiVersion", OrcImage.API_VERSION);
        o.put("kind", OrcImage.KIND);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", image.name());
        if (inChart) {
            meta.put("namespace", HelmText.NAMESPACE);
        }
        o.put("metadata", meta);
        Map<String, Object> spec = copy(image.spec());
        Map<String, Object> resource = child(spec, "resource");
        Map<String, Object> content = child(resource, "content");
        Map<String, Object> download = new LinkedHashMap<>();
        download.put("url", image.url());
        if (image.sha256() != null) {
            Map<String, Object> hash = new LinkedHashMap<>();
            hash.put("algorithm", "sha256");
            hash.put("value", image.sha256());
            download.put("hash", hash);
        }
        content.put("download", download);
        o.put("spec", spec);
        return o;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        Map<String, Object> c = parent.get(key) instanceof Map<?, ?> m ? copy((Map<String, Object>) m) : new LinkedHashMap<>();
        parent.put(key, c);
        return c;
    }

    private static Map<String, Object> copy(Map<String, Object> map) {
        Object plain = Writer.toPlain(map);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = plain instanceof Map<?, ?> ? new LinkedHashMap<>((Map<String, Object>) plain) : new LinkedHashMap<>();
        return m;
    }

    /**
     * One object as a Helm template file. Helm trims the whitespace at the end of every rendered
     * manifest, which would cut the trailing line breaks of a block scalar that ends the file (a file
     * content or patch template ending in a newline); a closing comment line keeps them inside.
     */
    static String templateFile(Map<String, Object> object) {
        return HelmText.toHelmTemplate(Yaml.write(object)) + END_COMMENT;
    }

    /** The last line of every template file (see {@link #templateFile}). */
    static final String END_COMMENT = "# end of object\n";

    static Map<String, Object> metadata(String suffix, ObjectMeta meta) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", HelmText.objectName(suffix));
        m.put("namespace", HelmText.NAMESPACE);
        if (meta != null) {
            m.putAll(Writer.recordToMap(meta));
        }
        return m;
    }

    /** The ClusterClass in v1beta1 as a plain tree with placeholders, references expanded ({@link ClusterApiWriter}). */
    public static Map<String, Object> clusterClassObject(StackContent content) {
        ClusterClass cc = content.clusterClass();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("apiVersion", CLUSTER_CLASS_API_VERSION);
        o.put("kind", "ClusterClass");
        o.put("metadata", metadata("", cc.metadata()));
        ClusterClass specOnly = cc.toBuilder().metadata(null).build();
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) Writer.toPlain(specOnly);
        expandRefs(spec, cc, content);
        o.put("spec", spec);
        return o;
    }

    /** A template as the v1beta1 writer writes it, a plain tree with placeholders ({@link ClusterApiWriter}). */
    public static Map<String, Object> templateObject(StackContent content, Template t) {
        Object spec = null;
        if (t.spec() != null) {
            spec = Writer.toPlain(t.spec());
            if (t instanceof OpenStackMachineTemplate && spec instanceof Map<?, ?> m) {
                expandImageRef(m, content);
            }
            if (t instanceof KubeadmControlPlaneTemplate k) {
                ArgMaps.write(path(spec, "template", "spec", "kubeadmConfigSpec"), k.kubeadmConfigSpec());
            } else if (t instanceof KubeadmConfigTemplate k) {
                ArgMaps.write(path(spec, "template", "spec"), k.kubeadmConfigSpec());
            }
        }
        return object(t, t.apiVersion(), spec);
    }

    /**
     * A template as an object of the chart: {@code apiVersion} (as the writing version spells it), kind, metadata, the
     * spec as the writing version wrote it (none when {@code null}), and the template's fields the model does not know.
     */
    static Map<String, Object> object(Template t, String apiVersion, Object spec) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("apiVersion", apiVersion);
        o.put("kind", t.kind());
        o.put("metadata", metadata(t.name(), t.metadata()));
        if (spec != null) {
            o.put("spec", spec);
        }
        t.extra().forEach((k, v) -> o.putIfAbsent(k, Writer.toPlain(v)));
        return o;
    }

    private static Object path(Object tree, String... keys) {
        Object node = tree;
        for (String k : keys) {
            node = node instanceof Map<?, ?> m ? m.get(k) : null;
        }
        return node;
    }

    /**
     * Writes every template reference of the class ({@link TemplateRef}, written by {@link Writer} as
     * {@code ref: {name}}) as a full object reference.
     */
    @SuppressWarnings("unchecked")
    private static void expandRefs(Map<String, Object> spec, ClusterClass cc, StackContent content) {
        putRef(spec.get("infrastructure"), cc.infrastructure(), content);
        ControlPlaneClass cp = cc.controlPlane();
        if (cp != null && spec.get("controlPlane") instanceof Map<?, ?> cpTree) {
            if (cp.ref() != null) {
                ((Map<String, Object>) cpTree).put("ref", reference(content, cp.ref().name()));
            }
            putRef(cpTree.get("machineInfrastructure"), cp.machineInfrastructure(), content);
        }
        WorkersClass workers = cc.workers();
        if (workers != null && spec.get("workers") instanceof Map<?, ?> w) {
            List<MachineTemplateClass> deployments = workers.machineDeployments().stream()
                    .map(MachineDeploymentClass::template).toList();
            List<MachineTemplateClass> pools = workers.machinePools().stream().map(MachinePoolClass::template).toList();
            machineTemplates(w.get("machineDeployments"), deployments, content);
            machineTemplates(w.get("machinePools"), pools, content);
        }
    }

    private static void machineTemplates(Object tree, List<MachineTemplateClass> templates, StackContent content) {
        if (!(tree instanceof List<?> list)) {
            return;
        }
        for (int i = 0; i < templates.size() && i < list.size(); i++) {
            MachineTemplateClass t = templates.get(i);
            if (t != null && list.get(i) instanceof Map<?, ?> item && item.get("template") instanceof Map<?, ?> tt) {
                putRef(tt.get("bootstrap"), t.bootstrap(), content);
                putRef(tt.get("infrastructure"), t.infrastructure(), content);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void putRef(Object tree, LocalObjectTemplate template, StackContent content) {
        if (template != null && template.ref() != null && tree instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).put("ref", reference(content, template.ref().name()));
        }
    }

    static Map<String, Object> reference(StackContent content, String templateName) {
        Template t = content.template(templateName).orElseThrow(
                () -> new IllegalArgumentException("no template named '" + templateName + "'"));
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("apiVersion", t.apiVersion());
        ref.put("kind", t.kind());
        ref.put("name", HelmText.objectName(t.name()));
        ref.put("namespace", HelmText.NAMESPACE);
        return ref;
    }

    @SuppressWarnings("unchecked")
    private static void expandImageRef(Map<?, ?> spec, StackContent content) {
        Object template = spec.get("template");
        if (!(template instanceof Map<?, ?> t) || !(t.get("spec") instanceof Map<?, ?> s)
                || !(s.get("image") instanceof Map<?, ?> image) || !(image.get("imageRef") instanceof Map<?, ?> ref)) {
            return;
        }
        Object name = ref.get("name");
        if (name instanceof String n && content.template(n).isPresent()) {
            ((Map<String, Object>) ref).put("name", HelmText.objectName(n));
        }
    }
}
