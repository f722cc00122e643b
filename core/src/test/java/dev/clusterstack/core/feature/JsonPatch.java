package dev.clusterstack.core.feature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RFC 6902 add / replace / remove on plain trees, as strict as Cluster API's json-patch library. */
final class JsonPatch {
    private JsonPatch() {
    }

    @SuppressWarnings("unchecked")
    static void apply(Map<String, Object> doc, String op, String path, Object value) {
        List<String> parts = new ArrayList<>();
        for (String p : path.substring(1).split("/", -1)) {
            parts.add(p.replace("~1", "/").replace("~0", "~"));
        }
        Object parent = doc;
        for (int i = 0; i < parts.size() - 1; i++) {
            parent = child(parent, parts.get(i), path);
        }
        String last = parts.get(parts.size() - 1);
        Object v = deepCopy(value);
        if (parent instanceof Map<?, ?> raw) {
            Map<String, Object> m = (Map<String, Object>) raw;
            switch (op) {
                case "add" -> m.put(last, v);
                case "replace" -> {
                    require(m.containsKey(last), op, path);
                    m.put(last, v);
                }
                case "remove" -> {
                    require(m.containsKey(last), op, path);
                    m.remove(last);
                }
                default -> throw new AssertionError("unsupported op " + op);
            }
        } else if (parent instanceof List<?> raw) {
            List<Object> l = (List<Object>) raw;
            if (op.equals("add") && last.equals("-")) {
                l.add(v);
                return;
            }
            int i = Integer.parseInt(last);
            switch (op) {
                case "add" -> {
                    require(i <= l.size(), op, path);
                    l.add(i, v);
                }
                case "replace" -> {
                    require(i < l.size(), op, path);
                    l.set(i, v);
                }
                case "remove" -> {
                    require(i < l.size(), op, path);
                    l.remove(i);
                }
                default -> throw new AssertionError("unsupported op " + op);
            }
        } else {
            throw new AssertionError(op + " " + path + ": doc is missing path (parent is " + parent + ")");
        }
    }

    private static Object child(Object node, String key, String path) {
        if (node instanceof Map<?, ?> m && m.containsKey(key)) {
            return m.get(key);
        }
        if (node instanceof List<?> l && key.matches("[0-9]+") && Integer.parseInt(key) < l.size()) {
            return l.get(Integer.parseInt(key));
        }
        throw new AssertionError("patch " + path + ": doc is missing path at '" + key + "'");
    }

    private static void require(boolean ok, String op, String path) {
        if (!ok) {
            throw new AssertionError(op + " " + path + ": target does not exist");
        }
    }

    static Object deepCopy(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), deepCopy(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(deepCopy(x)));
            return out;
        }
        return v;
    }
}
