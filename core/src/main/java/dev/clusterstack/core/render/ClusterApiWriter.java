package dev.clusterstack.core.render;

import dev.clusterstack.core.bind.Paths;
import dev.clusterstack.core.model.ClusterApiVersion;
import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.model.base.Template;
import dev.clusterstack.core.model.base.TemplateRef;
import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.problem.StackException;
import dev.clusterstack.core.render.v1beta2.V1beta2Writer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The version seam: one writer per Cluster API version turns the same version-neutral content into the
 * ClusterClass and its templates as plain trees with placeholders. v1beta1 is
 * {@link ClusterClassChart#clusterClassObject} and {@link ClusterClassChart#templateObject}; v1beta2 writes the
 * ClusterClass and the kubeadm templates from the model with Cluster API's field mapping ({@link V1beta2Writer})
 * and every other template as v1beta1 does.
 */
public abstract class ClusterApiWriter {
    private static final ClusterApiWriter V1BETA1 = new ClusterApiWriter() {
        @Override
        Map<String, Object> clusterClass(StackContent content, List<Problem> problems) {
            return ClusterClassChart.clusterClassObject(content);
        }

        @Override
        Map<String, Object> template(StackContent content, Template t, List<Problem> problems) {
            return ClusterClassChart.templateObject(content, t);
        }
    };

    private static final ClusterApiWriter V1BETA2 = new ClusterApiWriter() {
        @Override
        Map<String, Object> clusterClass(StackContent content, List<Problem> problems) {
            return clusterClass(content, problems, new ArrayList<>());
        }

        @Override
        Map<String, Object> clusterClass(StackContent content, List<Problem> problems, List<String> rewrites) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("apiVersion", V1beta2Writer.CLUSTER_CLASS_API_VERSION);
            o.put("kind", "ClusterClass");
            o.put("metadata", ClusterClassChart.metadata("", content.clusterClass().metadata()));
            o.put("spec", V1beta2Writer.clusterClassSpec(content,
                    ref -> ClusterClassChart.reference(content, TemplateRef.nameOf(ref)),
                    t -> template(content, t, new ArrayList<>()), problems, rewrites));
            return o;
        }

        @Override
        Map<String, Object> template(StackContent content, Template t, List<Problem> problems) {
            if (!V1beta2Writer.writes(t)) {
                return ClusterClassChart.templateObject(content, t);
            }
            String path = Paths.index("templates", content.templates().indexOf(t));
            return ClusterClassChart.object(t, V1beta2Writer.apiVersion(t.apiVersion(), t.kind()),
                    V1beta2Writer.templateSpec(t, path, problems));
        }
    };

    ClusterApiWriter() {
    }

    /** The writer of a Cluster API version. */
    public static ClusterApiWriter of(ClusterApiVersion version) {
        return version == ClusterApiVersion.V1BETA2 ? V1BETA2 : V1BETA1;
    }

    abstract Map<String, Object> clusterClass(StackContent content, List<Problem> problems);

    abstract Map<String, Object> template(StackContent content, Template t, List<Problem> problems);

    /** The ClusterClass, with the rewrites of its patches this version needs added to {@code rewrites}. */
    Map<String, Object> clusterClass(StackContent content, List<Problem> problems, List<String> rewrites) {
        return clusterClass(content, problems);
    }

    /**
     * What this version rewrote in the class's JSON patches, one line each, for the build log (v1beta2: argument
     * maps appended as {@code {name, value}}, parents created, ...; nothing for v1beta1).
     */
    public List<String> patchRewrites(StackContent content) {
        List<String> rewrites = new ArrayList<>();
        if (content.clusterClass() != null) {
            clusterClass(content, new ArrayList<>(), rewrites);
        }
        return List.copyOf(rewrites);
    }

    /** The ClusterClass object; throws {@link StackException} when the content cannot be written in this version. */
    public Map<String, Object> clusterClassObject(StackContent content) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Object> o = clusterClass(content, problems);
        requireNoErrors(problems);
        return o;
    }

    /** A template object; throws {@link StackException} when the template cannot be written in this version. */
    public Map<String, Object> templateObject(StackContent content, Template t) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Object> o = template(content, t, problems);
        requireNoErrors(problems);
        return o;
    }

    /**
     * Every problem of writing the content's ClusterClass and templates in this version, with model paths
     * ({@code clusterClass...}, {@code templates[i]...}): errors for fields without an equivalent, warnings for
     * fields passed through unchanged. Empty for v1beta1, which holds every field of the model.
     */
    public List<Problem> check(StackContent content) {
        List<Problem> problems = new ArrayList<>();
        if (content.clusterClass() != null) {
            clusterClass(content, problems);
        }
        for (Template t : content.templates()) {
            if (t != null) {
                template(content, t, problems);
            }
        }
        return List.copyOf(problems);
    }

    private static void requireNoErrors(List<Problem> problems) {
        if (problems.stream().anyMatch(Problem::isError)) {
            throw new StackException(problems);
        }
    }
}
