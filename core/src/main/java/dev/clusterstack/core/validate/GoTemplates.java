package dev.clusterstack.core.validate;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * A syntax check for Go templates (Cluster API {@code enabledIf} and {@code valueFrom.template},
 * operator-time {@code overwrite.yaml}): actions closed, string literals closed, comments closed,
 * {@code if/range/with/define/block} closed by {@code end}, {@code else} and {@code end} only inside one.
 */
public final class GoTemplates {
    private GoTemplates() {
    }

    /** The first syntax error, or empty when the template parses. */
    public static Optional<String> check(String text) {
        Deque<String> open = new ArrayDeque<>();
        int i = 0;
        int line = 1;
        while (true) {
            int start = text.indexOf("{{", i);
            if (start < 0) {
                break;
            }
            line += count(text, i, start);
            int p = start + 2;
            if (p < text.length() && text.charAt(p) == '-' && p + 1 < text.length() && Character.isWhitespace(text.charAt(p + 1))) {
                p++;
            }
            while (p < text.length() && Character.isWhitespace(text.charAt(p))) {
                p++;
            }
            if (text.startsWith("/*", p)) {
                int endComment = text.indexOf("*/", p + 2);
                if (endComment < 0) {
                    return Optional.of("unclosed comment starting on line " + line);
                }
                int close = skipSpaces(text, endComment + 2);
                if (text.startsWith("-", close)) {
                    close = skipSpaces(text, close + 1);
                }
                if (!text.startsWith("}}", close)) {
                    return Optional.of("comment on line " + line + " must end with */}}");
                }
                i = close + 2;
                continue;
            }
            int bodyStart = p;
            int end = -1;
            int q = p;
            while (q < text.length()) {
                char c = text.charAt(q);
                if (c == '"' || c == '\'') {
                    int s = q + 1;
                    while (s < text.length() && text.charAt(s) != c) {
                        if (text.charAt(s) == '\\') {
                            s++;
                        }
                        if (s < text.length() && text.charAt(s) == '\n') {
                            return Optional.of("string literal broken by a newline on line " + line);
                        }
                        s++;
                    }
                    if (s >= text.length()) {
                        return Optional.of("unclosed string literal in the action on line " + line);
                    }
                    q = s + 1;
                    continue;
                }
                if (c == '`') {
                    int s = text.indexOf('`', q + 1);
                    if (s < 0) {
                        return Optional.of("unclosed raw string in the action on line " + line);
                    }
                    q = s + 1;
                    continue;
                }
                if (text.startsWith("}}", q)) {
                    end = q;
                    break;
                }
                if (text.startsWith("{{", q)) {
                    return Optional.of("'{{' inside an action on line " + line + " (missing '}}')");
                }
                q++;
            }
            if (end < 0) {
                return Optional.of("unclosed action '{{' on line " + line + " (missing '}}')");
            }
            String body = text.substring(bodyStart, end).strip();
            if (body.endsWith(" -") || body.equals("-")) {
                body = body.substring(0, body.length() - 1).strip();
            }
            if (body.isEmpty()) {
                return Optional.of("empty action '{{}}' on line " + line);
            }
            String word = body.split("[\\s(]", 2)[0];
            switch (word) {
                case "if", "range", "with", "define", "block" -> open.push(word);
                case "else" -> {
                    if (open.isEmpty()) {
                        return Optional.of("'else' outside if/range/with on line " + line);
                    }
                }
                case "end" -> {
                    if (open.isEmpty()) {
                        return Optional.of("'end' without if/range/with/define on line " + line);
                    }
                    open.pop();
                }
                default -> {
                    // a pipeline: parentheses must balance
                    int depth = 0;
                    for (char c : stripStrings(body).toCharArray()) {
                        depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                        if (depth < 0) {
                            return Optional.of("unbalanced ')' in the action on line " + line);
                        }
                    }
                    if (depth != 0) {
                        return Optional.of("unbalanced '(' in the action on line " + line);
                    }
                }
            }
            line += count(text, start, end);
            i = end + 2;
        }
        if (!open.isEmpty()) {
            return Optional.of("'" + open.peek() + "' is never closed with {{ end }}");
        }
        return Optional.empty();
    }

    private static String stripStrings(String body) {
        return body.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"").replaceAll("`[^`]*`", "``");
    }

    private static int skipSpaces(String text, int p) {
        while (p < text.length() && Character.isWhitespace(text.charAt(p))) {
            p++;
        }
        return p;
    }

    private static int count(String text, int from, int to) {
        int n = 0;
        for (int k = from; k < to && k < text.length(); k++) {
            if (text.charAt(k) == '\n') {
                n++;
            }
        }
        return n;
    }
}
