package dev.clusterstack.core.validate;

import dev.clusterstack.core.bind.Writer;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.KubernetesRelease;
import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.model.clusterclass.ClusterClass;
import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.problem.StackException;
import dev.clusterstack.core.render.ClusterApiWriter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a {@link ClusterStack} the way Cluster API's webhooks and the Cluster Stack Operator would,
 * before anything is rendered. Returns every problem, each with the model path of the field at fault.
 * The rules live in one class per part of the stack ({@link TemplateRules}, {@link ClassRules},
 * {@link VariableRules}, {@link PatchRules}, {@link PatchPaths}, {@link AddonRules}, {@link AddonChartNames},
 * {@link OrcImageRules}), which share one problem collector.
 */
public final class StackValidator {
    private static final Pattern PROVIDER_NAME = Pattern.compile("[a-z0-9]+");

    private final Problems problems = new Problems();

    private StackValidator() {
    }

    /** Every problem of the stack; empty when it is valid. Problems of one Kubernetes version name it. */
    public static List<Problem> validate(ClusterStack stack) {
        StackValidator v = new StackValidator();
        v.stack(stack);
        return v.problems.list();
    }

    /** Throws {@link StackException} when the stack has errors; returns the warnings otherwise. */
    public static List<Problem> requireValid(ClusterStack stack) {
        List<Problem> found = validate(stack);
        if (found.stream().anyMatch(Problem::isError)) {
            throw new StackException(found);
        }
        return found;
    }

    private void stack(ClusterStack stack) {
        if (stack.provider() == null) {
            problems.error("provider", "a provider is required (openstack, docker, ...: [a-z0-9]+)");
        } else if (!PROVIDER_NAME.matcher(stack.provider()).matches()) {
            problems.error("provider", "'" + stack.provider() + "' must match [a-z0-9]+ (lower-case letters and digits,"
                    + " no dash: the operator splits release names on '-')");
        }
        if (stack.name() == null) {
            problems.error("name", "a stack name is required ([a-z0-9]+, e.g. scs)");
        } else if (!PROVIDER_NAME.matcher(stack.name()).matches()) {
            problems.error("name", "'" + stack.name() + "' must match [a-z0-9]+ (lower-case letters and digits, no dash:"
                    + " the operator splits release names on '-')");
        }
        if (stack.releases().isEmpty()) {
            problems.error("kubernetesVersions", "at least one Kubernetes version is required");
        }
        Map<String, Integer> minors = new HashMap<>();
        for (int i = 0; i < stack.releases().size(); i++) {
            KubernetesRelease r = stack.releases().get(i);
            String path = "kubernetesVersions[" + i + "].version";
            if (r == null || r.kubernetesVersion() == null) {
                problems.error(path, "a Kubernetes version is required");
                continue;
            }
            Integer before = minors.putIfAbsent(r.kubernetesVersion().minorDash(), i);
            if (before != null) {
                problems.error(path, "Kubernetes " + r.kubernetesVersion().minorDot() + " is given twice (also"
                        + " kubernetesVersions[" + before + "]): one version per minor, each minor is its own cluster stack");
            }
        }
        for (KubernetesRelease r : stack.releases()) {
            if (r == null) {
                continue;
            }
            problems.version(r.kubernetesVersion() == null ? null : r.kubernetesVersion().toString());
            if (r.content() == null) {
                problems.error("", "no content for this Kubernetes version");
                continue;
            }
            content(r.content());
            clusterApi(r);
        }
        problems.version(null);
    }

    /** What the release's Cluster API version cannot hold (nothing for v1beta1, the version the model is written in). */
    private void clusterApi(KubernetesRelease r) {
        try {
            ClusterApiWriter.of(r.clusterApi()).check(r.content()).forEach(problems::add);
        } catch (IllegalArgumentException e) {
            // a reference to a missing template: reported by the class rules already
        }
    }

    private void content(StackContent c) {
        int before = problems.errorCount();
        TemplateRules templateRules = new TemplateRules(problems);
        TemplateIndex templates = templateRules.templates(c);
        ClusterClass cc = c.clusterClass();
        if (cc == null) {
            problems.error("clusterClass", "a clusterClass is required");
        } else {
            ClassRules.ClassIndex index = new ClassRules(problems).clusterClass(cc, templates);
            Set<String> variables = new VariableRules(problems).variables(cc.variables());
            new PatchRules(problems).patches(cc, index, variables);
            templateRules.computedMetadata(cc.metadata(), "clusterClass.metadata", "{{ .Release.Name }}-{{ .Chart.Version }}",
                    "the class is named for the release");
            templateRules.placeholders(cc, "clusterClass");
            HelmEscapes.warnIn(Writer.toPlain(cc), "clusterClass", problems);
            if (problems.errorCount() == before) {
                // needs a sound class: the templates are rendered as the chart renders them
                PatchPaths.check(c, index, problems);
            }
        }
        for (int i = 0; i < c.templates().size(); i++) {
            if (c.templates().get(i) != null) {
                HelmEscapes.warnIn(Writer.toPlain(c.templates().get(i)), "templates[" + i + "]", problems);
            }
        }
        new AddonRules(problems).addons(c);
        AddonChartNames.check(c).forEach(problems::add);
        OrcImageRules.check(c).forEach(problems::add);
    }
}
