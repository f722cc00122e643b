package dev.clusterstack.core.bind;

import java.util.regex.Pattern;

/** Model paths as errors print them: {@code clusterClass.patches[2].definitions[0].selector.kind}. */
public final class Paths {
    /** A field name printed without quotes; compiled once: paths are built for every node bound. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private Paths() {
    }

    public static String child(String parent, String field) {
        String f = PLAIN.matcher(field).matches() ? field : "\"" + field.replace("\"", "\\\"") + "\"";
        if (parent == null || parent.isEmpty()) {
            return f;
        }
        return f.startsWith("\"") ? parent + "[" + f + "]" : parent + "." + f;
    }

    public static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
