package dev.clusterstack.core.bind;

/** Model paths as errors print them: {@code clusterClass.patches[2].definitions[0].selector.kind}. */
public final class Paths {
    private Paths() {
    }

    public static String child(String parent, String field) {
        String f = field.matches("[A-Za-z_][A-Za-z0-9_-]*") ? field : "\"" + field.replace("\"", "\\\"") + "\"";
        if (parent == null || parent.isEmpty()) {
            return f;
        }
        return f.startsWith("\"") ? parent + "[" + f + "]" : parent + "." + f;
    }

    public static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
