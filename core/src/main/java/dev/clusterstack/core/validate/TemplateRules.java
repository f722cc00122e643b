package dev.clusterstack.core.validate;

import dev.clusterstack.core.bind.Writer;
import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.model.base.ObjectMeta;
import dev.clusterstack.core.model.base.Template;
import dev.clusterstack.core.model.kubeadm.File;
import dev.clusterstack.core.model.kubeadm.Arg;
import dev.clusterstack.core.model.kubeadm.ClusterConfiguration;
import dev.clusterstack.core.model.kubeadm.KubeadmConfigSpec;
import dev.clusterstack.core.model.kubeadm.KubeadmConfigTemplate;
import dev.clusterstack.core.model.kubeadm.KubeadmControlPlaneTemplate;
import dev.clusterstack.core.render.HelmText;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rules of {@code templates[]}: names (unique per kind, as Cluster API names are), apiVersion and
 * kind, computed object names, kubeadm files, reserved text and fields placed at the wrong level.
 */
final class TemplateRules {
    static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern CORE_VERSION = Pattern.compile("v1");
    /** Fields of {@code metadata} the chart computes: a value given here would silently replace them. */
    private static final List<String> COMPUTED_METADATA = List.of("name", "generateName", "namespace");

    private final Problems problems;

    TemplateRules(Problems problems) {
        this.problems = problems;
    }

    /** Checks every template and returns the index the class's references are resolved against. */
    TemplateIndex templates(StackContent c) {
        TemplateIndex index = new TemplateIndex();
        for (int i = 0; i < c.templates().size(); i++) {
            Template t = c.templates().get(i);
            String path = "templates[" + i + "]";
            if (t == null) {
                problems.error(path, "empty template");
                continue;
            }
            if (t.name() == null || t.name().isEmpty() || !DNS_LABEL.matcher(t.name()).matches() || t.name().length() > 40) {
                problems.error(path + ".name", "'" + t.name() + "' must be a lower-case DNS label of at most 40 characters"
                        + " (it becomes the suffix of the object name)" + Problems.OWN_RULE);
            } else if (!index.add(t)) {
                problems.error(path + ".name", "template name '" + t.name() + "' is used twice");
            }
            if (t.apiVersion() == null || !t.apiVersion().contains("/") && !CORE_VERSION.matcher(t.apiVersion()).matches()) {
                problems.error(path + ".apiVersion", "'" + t.apiVersion() + "' must be <group>/<version> (or v1 for core objects)");
            }
            if (t.kind() == null || t.kind().isEmpty()) {
                problems.error(path + ".kind", "a kind is required");
            }
            computedMetadata(t.metadata(), path + ".metadata", "{{ .Release.Name }}-{{ .Chart.Version }}-" + t.name(),
                    "give the suffix as " + path + ".name");
            if (t instanceof KubeadmControlPlaneTemplate k) {
                kubeadmConfigSpec(k.kubeadmConfigSpec(), path + ".spec.template.spec.kubeadmConfigSpec");
            } else if (t instanceof KubeadmConfigTemplate k) {
                kubeadmConfigSpec(k.kubeadmConfigSpec(), path + ".spec.template.spec");
            }
            FieldPlacement.check(t, path, problems);
            placeholders(t, path);
        }
        return index;
    }

    /** A name or namespace in {@code metadata} would replace the computed one without a word: refused. */
    void computedMetadata(ObjectMeta meta, String path, String computed, String instead) {
        if (meta == null) {
            return;
        }
        for (String field : COMPUTED_METADATA) {
            if (meta.extra().containsKey(field)) {
                problems.error(path + "." + field, "the chart computes the object's " + ("namespace".equals(field)
                        ? "namespace (the operator's)" : "name (" + computed + "): " + instead)
                        + "; a metadata." + field + " here would replace it" + Problems.OWN_RULE);
            }
        }
    }

    void placeholders(Object model, String path) {
        String text = String.valueOf(Writer.toPlain(model));
        if (HelmText.containsPlaceholder(text)) {
            problems.error(path, "contains the reserved text '" + HelmText.NAME_PREFIX + "' or '" + HelmText.NAMESPACE + "'"
                    + Problems.OWN_RULE);
        }
    }

    private void kubeadmConfigSpec(KubeadmConfigSpec spec, String path) {
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < spec.files().size(); i++) {
            File f = spec.files().get(i);
            String fPath = path + ".files[" + i + "]";
            if (!problems.present(f, fPath)) {
                continue;
            }
            if (f.path() == null || !f.path().startsWith("/")) {
                problems.error(fPath + ".path", "'" + f.path() + "' must be an absolute path" + Problems.OWN_RULE);
            } else {
                if (List.of(f.path().split("/")).contains("..")) {
                    problems.error(fPath + ".path", "'" + f.path() + "' must not contain '..'" + Problems.OWN_RULE);
                }
                if (!paths.add(f.path())) {
                    problems.error(fPath + ".path", "file " + f.path() + " is written twice on the same node"
                            + Problems.OWN_RULE);
                }
            }
            if (f.content() != null && f.content().length() > File.MAX_CONTENT) {
                problems.error(fPath + ".content", "is " + f.content().length() + " characters; Cluster API accepts at most "
                        + File.MAX_CONTENT + ": store it compressed (encoding: gzip+base64; in a stack definition give"
                        + " 'source:' with 'encoding: gzip+base64' and the file is encoded for you)");
            }
            if (f.content() != null && f.contentFrom() != null) {
                problems.error(fPath, "give either 'content' or 'contentFrom', not both");
            }
            if (f.encoding() != null && !Set.of("base64", "gzip", "gzip+base64").contains(f.encoding())) {
                problems.error(fPath + ".encoding", "'" + f.encoding() + "' is not one of base64, gzip, gzip+base64");
            }
            if (f.permissions() != null && !f.permissions().matches("0?[0-7]{3,4}")) {
                problems.error(fPath + ".permissions", "'" + f.permissions() + "' is not an octal mode such as 0644"
                        + Problems.OWN_RULE);
            }
        }
        if (spec.format() != null && !Set.of("cloud-config", "ignition").contains(spec.format())) {
            problems.error(path + ".format", "'" + spec.format() + "' is not one of cloud-config, ignition");
        }
        arguments(spec, path);
    }

    /** Every argument list of the spec: a name may occur once (a definition's binding checks the same). */
    private void arguments(KubeadmConfigSpec spec, String path) {
        ClusterConfiguration cc = spec.clusterConfiguration();
        String ccPath = path + ".clusterConfiguration";
        if (cc != null) {
            if (cc.apiServer() != null) {
                uniqueNames(cc.apiServer().extraArgs(), ccPath + ".apiServer.extraArgs");
            }
            if (cc.controllerManager() != null) {
                uniqueNames(cc.controllerManager().extraArgs(), ccPath + ".controllerManager.extraArgs");
            }
            if (cc.scheduler() != null) {
                uniqueNames(cc.scheduler().extraArgs(), ccPath + ".scheduler.extraArgs");
            }
            if (cc.etcd() != null && cc.etcd().local() != null) {
                uniqueNames(cc.etcd().local().extraArgs(), ccPath + ".etcd.local.extraArgs");
            }
        }
        if (spec.initConfiguration() != null && spec.initConfiguration().nodeRegistration() != null) {
            uniqueNames(spec.initConfiguration().nodeRegistration().kubeletExtraArgs(),
                    path + ".initConfiguration.nodeRegistration.kubeletExtraArgs");
        }
        if (spec.joinConfiguration() != null && spec.joinConfiguration().nodeRegistration() != null) {
            uniqueNames(spec.joinConfiguration().nodeRegistration().kubeletExtraArgs(),
                    path + ".joinConfiguration.nodeRegistration.kubeletExtraArgs");
        }
    }

    private void uniqueNames(List<Arg> args, String path) {
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            Arg a = args.get(i);
            if (a == null) {
                problems.error(path + "[" + i + "]", "an argument is null");
                continue;
            }
            Integer at = first.putIfAbsent(a.name(), i);
            if (at != null) {
                problems.error(path + "[" + i + "].name", "'" + a.name() + "' is given twice (first at " + path + "[" + at
                        + "]): an argument name may occur once (Cluster API v1beta2 refuses a repeated name)");
            }
        }
    }
}
