package dev.clusterstack.core.render;

import dev.clusterstack.core.contract.ReleaseLayout;
import dev.clusterstack.core.bind.Writer;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.KubernetesRelease;
import dev.clusterstack.core.model.clusterclass.ClusterClass;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassVariable;
import dev.clusterstack.core.model.clusterclass.JSONSchemaProps;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Markdown reference of a ClusterClass's variables: name, type, default, required, description, patches using it. */
public final class VariableDocs {
    /** The annotation (in the schema's {@code x-metadata}) that holds a variable's long description. */
    public static final String LONG_DESCRIPTION = "clusterstack.dev/long-description";
    private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_]*)");
    private static final String HEX = "0123456789ABCDEF";

    private VariableDocs() {
    }

    public static String chartReadme(ClusterStack stack, KubernetesRelease release, String chartVersion) {
        return "# " + ReleaseLayout.clusterClassChart(stack.releaseName(release.kubernetesVersion())) + " " + chartVersion + "\n\n"
                + "Cluster class of the `" + stack.provider() + "` `" + stack.name() + "` cluster stack for Kubernetes "
                + release.kubernetesVersion() + ". The Cluster Stack Operator renders this chart without values; the\n"
                + "ClusterClass is named `" + ReleaseLayout.folderName(stack.releaseName(release.kubernetesVersion()), chartVersion)
                + "`. A Cluster selects it with `spec.topology.class` and sets the variables below in\n"
                + "`spec.topology.variables`.\n\n" + variablesTable(release.content().clusterClass());
    }

    /**
     * A default as compact JSON: unambiguous in one table cell ({@code "SCS-2V-4"}, {@code 25},
     * {@code ["5.1.66.255","185.150.99.255"]}, {@code {}}).
     */
    static String defaultText(Object value) {
        StringBuilder b = new StringBuilder();
        json(b, Writer.toPlain(value));
        return b.toString();
    }

    /**
     * Compact JSON of a plain tree: no spaces, only {@code "}, {@code \\} and control characters escaped
     * ({@code \n}, {@code \t}, ..., the others as six-character Unicode escapes in upper-case hex), numbers
     * as Java writes them, a non-finite double as a string ({@code "NaN"}).
     */
    private static void json(StringBuilder b, Object value) {
        if (value instanceof Map<?, ?> map) {
            b.append('{');
            String sep = "";
            for (Map.Entry<?, ?> e : map.entrySet()) {
                b.append(sep);
                jsonString(b, String.valueOf(e.getKey()));
                b.append(':');
                json(b, e.getValue());
                sep = ",";
            }
            b.append('}');
        } else if (value instanceof List<?> list) {
            b.append('[');
            String sep = "";
            for (Object item : list) {
                b.append(sep);
                json(b, item);
                sep = ",";
            }
            b.append(']');
        } else if (value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)) {
            jsonString(b, value.toString());
        } else if (value == null || value instanceof Number || value instanceof Boolean) {
            b.append(value);
        } else {
            jsonString(b, value.toString());
        }
    }

    private static void jsonString(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20) {
                        b.append("\\u00").append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xF));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    /** A Markdown section with one table row per variable and, below, the long descriptions. */
    public static String variablesTable(ClusterClass cc) {
        StringBuilder b = new StringBuilder("## Variables\n\n");
        if (cc == null || cc.variables().isEmpty()) {
            return b.append("This class has no variables.\n").toString();
        }
        b.append("| Name | Type | Default | Required | Description | Patches |\n");
        b.append("|---|---|---|---|---|---|\n");
        List<String> longer = new ArrayList<>();
        for (ClusterClassVariable v : cc.variables()) {
            JSONSchemaProps s = v.openAPIV3Schema();
            String type = s == null ? "" : typeOf(s);
            String def = s == null || s.defaultValue() == null ? "" : "`" + cell(defaultText(s.defaultValue())) + "`";
            String desc = s == null || s.description() == null ? "" : s.description();
            b.append("| `").append(v.name()).append("` | ").append(cell(type)).append(" | ").append(def).append(" | ")
                    .append(Boolean.TRUE.equals(v.required()) ? "yes" : "no").append(" | ").append(cell(desc)).append(" | ")
                    .append(cell(String.join(", ", patchesUsing(cc, v.name())))).append(" |\n");
            String lng = s == null || s.xMetadata() == null ? null : s.xMetadata().annotations().get(LONG_DESCRIPTION);
            if (lng != null) {
                longer.add("### `" + v.name() + "`\n\n" + lng.strip() + "\n");
            }
        }
        if (!longer.isEmpty()) {
            b.append("\n").append(String.join("\n", longer));
        }
        return b.toString();
    }

    static String typeOf(JSONSchemaProps s) {
        String t = s.type() == null ? (Boolean.TRUE.equals(s.intOrString()) ? "int-or-string" : "any") : s.type();
        if ("array".equals(t) && s.items() != null) {
            t = "array of " + typeOf(s.items());
        }
        if (s.enumValues() != null && !s.enumValues().isEmpty()) {
            t += " (one of " + String.join(", ", s.enumValues().stream().map(String::valueOf).toList()) + ")";
        }
        if (s.format() != null) {
            t += " (" + s.format() + ")";
        }
        return t;
    }

    /** Names of the patches that read a variable: through valueFrom.variable, a template or enabledIf. */
    public static List<String> patchesUsing(ClusterClass cc, String variable) {
        TreeSet<String> out = new TreeSet<>();
        for (ClusterClassPatch p : cc.patches()) {
            if (mentions(p.enabledIf(), variable)) {
                out.add(p.name());
            }
            for (ClusterClassPatch.PatchDefinition d : p.definitions()) {
                for (ClusterClassPatch.JSONPatch j : d.jsonPatches()) {
                    if (j.valueFrom() != null && (rootOf(j.valueFrom().variable()).equals(variable)
                            || mentions(j.valueFrom().template(), variable))) {
                        out.add(p.name());
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    private static String rootOf(String variable) {
        if (variable == null) {
            return "";
        }
        int dot = variable.indexOf('.');
        int bracket = variable.indexOf('[');
        int end = dot < 0 ? bracket : (bracket < 0 ? dot : Math.min(dot, bracket));
        return end < 0 ? variable : variable.substring(0, end);
    }

    private static boolean mentions(String template, String variable) {
        if (template == null) {
            return false;
        }
        Matcher m = TEMPLATE_VARIABLE.matcher(template);
        while (m.find()) {
            int start = m.start();
            if (m.group(1).equals(variable) && (start == 0 || !Character.isLetterOrDigit(template.charAt(start - 1)))) {
                return true;
            }
        }
        return false;
    }

    private static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }

}
