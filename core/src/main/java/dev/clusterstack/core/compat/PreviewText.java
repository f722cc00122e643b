package dev.clusterstack.core.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clusterstack.core.compat.PreviewReport.Change;
import dev.clusterstack.core.compat.PreviewReport.ClusterPreview;
import dev.clusterstack.core.compat.PreviewReport.ObjectChange;
import dev.clusterstack.core.compat.PreviewReport.PathChange;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The upgrade preview as text: one line per cluster for a build log, and a Markdown section for the release notes. */
public final class PreviewText {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int VALUE_CHARS = 120;

    private PreviewText() {
    }

    /** @return the report as a Markdown section, headed {@code ## Upgrade preview: <older> → <newer>} */
    public static String render(PreviewReport report) {
        return render(report, 2, true);
    }

    /**
     * @param level     the heading level of the section ({@code ##} = 2); clusters get one level more
     * @param withNames whether the heading names both releases (not needed inside the notes' "Upgrade from" section)
     */
    static String render(PreviewReport report, int level, boolean withNames) {
        String h = "#".repeat(level);
        StringBuilder b = new StringBuilder();
        b.append(h).append(" Upgrade preview").append(withNames ? ": " + report.older() + " → " + report.newer() : "")
                .append("\n\n");
        b.append("Each test cluster planned under both releases. A changed template spec makes Cluster API rotate the"
                + " template and roll out those machines; changed labels or annotations are applied in place.\n\n");
        if (report.clusters().isEmpty()) {
            b.append("No test clusters.\n\n");
        }
        for (ClusterPreview c : report.clusters()) {
            b.append(h).append("# Cluster `").append(c.clusterFile()).append("`\n\n");
            b.append(capitalize(summary(report, c))).append(".\n\n");
            for (String f : c.variableFindings()) {
                b.append("- variables: ").append(f).append('\n');
            }
            for (String e : c.newerErrors()) {
                b.append("- under ").append(report.newer()).append(": ").append(e).append('\n');
            }
            for (String e : c.olderErrors()) {
                b.append("- under ").append(report.older()).append(": ").append(e).append('\n');
            }
            for (ObjectChange o : c.objects()) {
                b.append("- `").append(o.role()).append("` ").append(o.kind()).append(": ").append(describe(o)).append('\n');
                for (PathChange p : o.paths()) {
                    value(b, p);
                }
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** @return {@code cluster `<file>`: <summary>} */
    static String line(PreviewReport report, ClusterPreview c) {
        return "cluster `" + c.clusterFile() + "`: " + summary(report, c);
    }

    /** What the upgrade does to the cluster, in one sentence without a full stop. */
    static String summary(PreviewReport report, ClusterPreview c) {
        List<String> parts = new ArrayList<>();
        if (!c.variablesValid()) {
            parts.add("its variables do not validate under " + report.newer() + ", Cluster API refuses the upgrade ("
                    + String.join("; ", c.variableFindings()) + ")");
        }
        if (!c.newerErrors().isEmpty()) {
            parts.add("it does not plan under " + report.newer() + " (" + String.join("; ", c.newerErrors()) + ")");
        }
        if (!c.olderErrors().isEmpty()) {
            parts.add("it does not plan under " + report.older() + ", the preview is partial");
        }
        List<String> effects = new ArrayList<>();
        for (String target : c.rollouts()) {
            List<String> why = c.objects().stream().filter(o -> target.equals(o.rollsOut())).map(ObjectChange::reason).toList();
            effects.add(target + " roll out (" + String.join("; ", why) + ")");
        }
        c.objects().stream().filter(o -> o.change() == Change.UNDETERMINED).forEach(o -> effects.add(o.reason()));
        if (c.rollouts().isEmpty()) {
            long inPlace = c.objects().stream().filter(o -> o.change() == Change.IN_PLACE || o.change() == Change.METADATA_ONLY).count();
            boolean changes = c.objects().stream().anyMatch(o -> o.change() != Change.UNCHANGED);
            effects.add(!changes ? "no changes" : "no machines roll out" + (inPlace == 0 ? ""
                    : " (" + inPlace + (inPlace == 1 ? " object" : " objects") + " changed in place)"));
        }
        String effect = String.join("; ", effects);
        // refused: nothing happens until the cluster or the class is fixed
        parts.add(parts.isEmpty() || c.variablesValid() && c.newerErrors().isEmpty() ? effect : "once that is fixed: " + effect);
        return String.join("; ", parts);
    }

    private static String describe(ObjectChange o) {
        return switch (o.change()) {
            case UNCHANGED -> "unchanged";
            case METADATA_ONLY -> "labels or annotations only, applied in place";
            case IN_PLACE -> "spec changed, patched in place (no machines roll out)";
            case UNDETERMINED -> o.reason();
            case ROLLOUT -> "spec changed, " + o.rollsOut() + " roll out" + (o.role().endsWith("-template")
                    ? " (Cluster API rotates the template)" : "");
            case ADDED, REMOVED -> o.change().name().toLowerCase(Locale.ROOT) + ": " + o.reason();
        };
    }

    /** One changed field; a changed multi-line text as a line diff. */
    private static void value(StringBuilder b, PathChange p) {
        String old = text(p.oldValue());
        String neu = text(p.newValue());
        if (old != null && neu != null && (old.contains("\n") || neu.contains("\n"))) {
            b.append("  - `").append(p.path()).append("`:\n\n    ```diff\n");
            lineDiff(b, old, neu);
            b.append("    ```\n\n");
            return;
        }
        b.append("  - `").append(p.path()).append("`: ").append(code(p.oldValue())).append(" → ")
                .append(code(p.newValue())).append('\n');
    }

    /** The lines between the common first and last lines: removed with {@code -}, added with {@code +}. */
    static void lineDiff(StringBuilder b, String old, String neu) {
        List<String> a = Arrays.asList(old.split("\n", -1));
        List<String> c = Arrays.asList(neu.split("\n", -1));
        int start = 0;
        while (start < a.size() && start < c.size() && a.get(start).equals(c.get(start))) {
            start++;
        }
        int end = 0;
        while (end < a.size() - start && end < c.size() - start
                && a.get(a.size() - 1 - end).equals(c.get(c.size() - 1 - end))) {
            end++;
        }
        if (start > 0) {
            b.append("    @@ line ").append(start + 1).append(" @@\n");
        }
        a.subList(start, a.size() - end).forEach(l -> b.append("    -").append(l).append('\n'));
        c.subList(start, c.size() - end).forEach(l -> b.append("    +").append(l).append('\n'));
    }

    /** The text of a JSON string value, or null for any other value. */
    private static String text(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(json);
            return n.isTextual() ? n.asText() : null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    private static String code(String json) {
        if (json == null) {
            return "(absent)";
        }
        String s = json.length() > VALUE_CHARS ? json.substring(0, VALUE_CHARS - 3) + "..." : json;
        return s.contains("`") ? "`` " + s + " ``" : "`" + s + "`";
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
