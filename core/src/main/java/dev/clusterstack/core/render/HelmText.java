package dev.clusterstack.core.render;

/**
 * Helm template files made from literal YAML: every {@code {{} of the text is escaped so Helm prints it
 * as is, then the project's own placeholders become Helm expressions. Literal Cluster API patch
 * templates, cloud-init placeholders and scripts thus leave {@code helm template} byte for byte.
 */
public final class HelmText {
    /** Stands for {@code {{ .Release.Name }}-{{ .Chart.Version }}} until the text is escaped. */
    public static final String NAME_PREFIX = "clusterstackxreleasexprefixx9d41c7";
    /** Stands for {@code {{ .Release.Namespace }}} until the text is escaped. */
    public static final String NAMESPACE = "clusterstackxreleasexnamespacex9d41c7";

    static final String HELM_NAME_PREFIX = "{{ .Release.Name }}-{{ .Chart.Version }}";
    static final String HELM_NAMESPACE = "{{ .Release.Namespace }}";

    private HelmText() {
    }

    /** The object name placeholder for a template name suffix (empty suffix: the ClusterClass itself). */
    public static String objectName(String suffix) {
        return suffix == null || suffix.isEmpty() ? NAME_PREFIX : NAME_PREFIX + "-" + suffix;
    }

    /** Escapes all literal text for Go templates. */
    public static String escape(String text) {
        return text.replace("{{", "{{ \"{{\" }}");
    }

    /** Escapes YAML text and turns the placeholders into Helm expressions. */
    public static String toHelmTemplate(String yaml) {
        return escape(yaml).replace(NAME_PREFIX, HELM_NAME_PREFIX).replace(NAMESPACE, HELM_NAMESPACE);
    }

    /** Whether a user string contains one of the placeholders (it would be replaced, so it is refused). */
    public static boolean containsPlaceholder(String text) {
        return text.contains(NAME_PREFIX) || text.contains(NAMESPACE);
    }
}
