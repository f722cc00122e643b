package dev.clusterstack.core.definition;

import dev.clusterstack.core.bind.Node;
import dev.clusterstack.core.bind.Paths;
import dev.clusterstack.core.problem.Location;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Maps model paths ({@code clusterClass.patches[0].name}) to where they stand in the definition. */
final class PathIndex {
    private PathIndex() {
    }

    /** The fields a definition may write as a map of names to values or as a list of {name, value}. */
    private static final Set<String> ARGUMENTS = Set.of("extraArgs", "kubeletExtraArgs");

    private static String lastField(String path) {
        return path.substring(Math.max(path.lastIndexOf('.'), path.lastIndexOf(']')) + 1);
    }

    static Map<String, Location> build(Node root) {
        Map<String, Location> index = new HashMap<>();
        walk(root, "", index);
        return index;
    }

    private static void walk(Node node, String path, Map<String, Location> index) {
        index.putIfAbsent(path, node.location());
        if (node instanceof Node.MapNode m) {
            for (Map.Entry<String, Node> e : m.entries().entrySet()) {
                String child = Paths.child(path, e.getKey());
                Location keyAt = m.keyLocations().get(e.getKey());
                if (keyAt != null) {
                    index.put(child, keyAt);
                }
                walk(e.getValue(), child, index);
            }
            // arguments written as a map are {name, value} items in the model: extraArgs[i].value is found at its entry
            if (ARGUMENTS.contains(lastField(path))) {
                int i = 0;
                for (Map.Entry<String, Node> e : m.entries().entrySet()) {
                    String item = Paths.index(path, i++);
                    Location keyAt = m.keyLocations().get(e.getKey());
                    index.putIfAbsent(item, keyAt);
                    index.putIfAbsent(Paths.child(item, "name"), keyAt);
                    index.putIfAbsent(Paths.child(item, "value"), e.getValue().location());
                }
            }
            // files[].source becomes content: a problem of the content is found at the source line
            Location source = m.keyLocations().get("source");
            if (source != null && !m.entries().containsKey("content")) {
                index.putIfAbsent(Paths.child(path, "content"), source);
            }
        } else if (node instanceof Node.ListNode l) {
            for (int i = 0; i < l.items().size(); i++) {
                walk(l.items().get(i), path + "[" + i + "]", index);
            }
        }
    }

    /** The location of a path, or of its nearest ancestor that is in the file. */
    static Location locate(Map<String, Location> index, String path, Location fallback) {
        String p = path;
        while (p != null && !p.isEmpty()) {
            Location l = index.get(p);
            if (l != null) {
                return l;
            }
            p = parent(p);
        }
        return fallback;
    }

    static String parent(String path) {
        int dot = path.lastIndexOf('.');
        int bracket = path.lastIndexOf('[');
        int cut = Math.max(dot, bracket);
        return cut <= 0 ? "" : path.substring(0, cut);
    }
}
