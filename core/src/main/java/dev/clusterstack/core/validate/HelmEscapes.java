package dev.clusterstack.core.validate;

import java.util.Map;
import java.util.Optional;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Helm escapes left in text: {@code {{ `{{ .x }}` }}} is how a hand-written chart keeps a Go template
 * away from Helm. The charts of this project escape every literal on output, so in a stack such an
 * escape reaches Cluster API or the node as text.
 */
final class HelmEscapes {
    /** {@code {{ `...` }}} (with optional trim markers) whose raw string holds template delimiters. */
    private static final Pattern ESCAPE = Pattern.compile("\\{\\{-?\\s*`([^`]*)`\\s*-?}}");

    private HelmEscapes() {
    }

    /** The first Helm escape in {@code text}, or empty. */
    static Optional<String> find(String text) {
        if (text == null || !text.contains("`")) {
            return Optional.empty();
        }
        Matcher m = ESCAPE.matcher(text);
        while (m.find()) {
            if (m.group(1).contains("{{") || m.group(1).contains("}}")) {
                return Optional.of(m.group());
            }
        }
        return Optional.empty();
    }

    static String message(String escape) {
        return "holds the Helm escape " + shorten(escape) + ", left from a hand-written chart: the chart is written"
                + " for you and escapes every literal, so write the Go template itself (" + shorten(unescape(escape)) + ")";
    }

    /** Warns about every string of a plain tree that holds a Helm escape. */
    static void warnIn(Object tree, String path, Problems problems) {
        if (path.endsWith(".enabledIf") || path.endsWith(".valueFrom.template")) {
            return; // an error there, reported by the patch rules
        }
        if (tree instanceof String s) {
            find(s).ifPresent(e -> problems.warning(path, message(e)));
        } else if (tree instanceof Map<?, ?> m) {
            m.forEach((k, v) -> warnIn(v, dev.clusterstack.core.bind.Paths.child(path, String.valueOf(k)), problems));
        } else if (tree instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                warnIn(l.get(i), path + "[" + i + "]", problems);
            }
        }
    }

    private static String unescape(String escape) {
        Matcher m = ESCAPE.matcher(escape);
        return m.matches() ? m.group(1) : escape;
    }

    private static String shorten(String s) {
        String one = s.replace("\n", "\\n");
        return one.length() > 60 ? one.substring(0, 57) + "..." : one;
    }
}
