package dev.clusterstack.core.render.v1beta2;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code enabledIf} templates of the form {@code {{ if X }}true{{ end }}} (nested ifs, trim markers and an
 * {@code {{ else }}false} allowed) as Go template expressions, and the one template that holds when any of several
 * holds. Cluster API enables a patch when the rendered template reads as YAML {@code true}
 * (json_patch_generator.go, patchIsEnabled); {@code if}, {@code and}, {@code or} and {@code not} share Go's
 * truth rule, and {@code and}/{@code or} stop at the first deciding argument (Go 1.18 and later), so
 * {@code {{ if A }}{{ if B }}true{{ end }}{{ end }}} is {@code and (A) (B)}.
 */
final class Conditions {
    private static final Pattern IF = Pattern.compile("\\s*\\{\\{-?\\s*if\\s+((?:(?!}}).)+?)\\s*-?}}(.*)\\{\\{-?\\s*end\\s*-?}}\\s*",
            Pattern.DOTALL);
    private static final Pattern TRUE = Pattern.compile("\\s*true\\s*(?:\\{\\{-?\\s*else\\s*-?}}\\s*(?:false)?\\s*)?", Pattern.DOTALL);

    private Conditions() {
    }

    /** The Go expression an {@code enabledIf} of the supported form tests, or null. */
    static String expression(String enabledIf) {
        if (enabledIf == null) {
            return null;
        }
        Matcher m = IF.matcher(enabledIf);
        if (!m.matches()) {
            return null;
        }
        String test = m.group(1).strip();
        String body = m.group(2);
        if (TRUE.matcher(body).matches()) {
            return test;
        }
        String inner = expression(body);
        return inner == null ? null : "and (" + test + ") (" + inner + ")";
    }

    /** Cluster API's limit of an {@code enabledIf} (v1beta2 schema: maxLength 256). */
    static final int MAX_LENGTH = 256;

    /**
     * The conditions in groups that {@link #any} combines into one {@code enabledIf} of at most {@link #MAX_LENGTH}
     * characters; a condition not of the supported form is a group of its own.
     */
    static List<List<String>> groups(List<String> enabledIfs) {
        List<List<String>> out = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String e : enabledIfs) {
            if (expression(e) == null) {
                out.add(List.of(e));
                continue;
            }
            List<String> tried = new ArrayList<>(current);
            tried.add(e);
            if (current.isEmpty() || any(tried).length() <= MAX_LENGTH) {
                current = tried;
            } else {
                out.add(current);
                current = new ArrayList<>(List.of(e));
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    /** One {@code enabledIf} that holds when any of {@code enabledIfs} holds (null when one of them is not supported). */
    static String any(List<String> enabledIfs) {
        if (enabledIfs.size() == 1) {
            return enabledIfs.get(0);
        }
        List<String> parts = new ArrayList<>();
        for (String e : enabledIfs) {
            String x = expression(e);
            if (x == null) {
                return null;
            }
            parts.add("(" + x + ")");
        }
        return "{{ if or " + String.join(" ", parts) + " }}true{{ end }}";
    }
}
