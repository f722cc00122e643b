package dev.clusterstack.core.sample;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Structural comparison of parsed YAML trees, reporting every difference with its path. */
final class Compare {
    private Compare() {
    }

    /**
     * The differences between {@code ours} and {@code reference}: missing or extra keys, list lengths,
     * unequal scalars. Numbers are compared by value ({@code 1} equals {@code 1.0}: an OpenAPI
     * {@code minimum} is a float either way); everything else by type and value.
     */
    static List<String> diff(Object ours, Object reference) {
        List<String> out = new ArrayList<>();
        diff(ours, reference, "", out);
        return out;
    }

    private static void diff(Object ours, Object reference, String path, List<String> out) {
        String at = path.isEmpty() ? "(root)" : path;
        if (ours instanceof Map<?, ?> a && reference instanceof Map<?, ?> b) {
            Set<Object> keys = new LinkedHashSet<>(b.keySet());
            keys.addAll(a.keySet());
            for (Object k : keys) {
                String child = path + "." + k;
                if (!a.containsKey(k)) {
                    out.add(child + ": missing in ours (reference: " + show(b.get(k)) + ")");
                } else if (!b.containsKey(k)) {
                    out.add(child + ": not in the reference (ours: " + show(a.get(k)) + ")");
                } else {
                    diff(a.get(k), b.get(k), child, out);
                }
            }
        } else if (ours instanceof List<?> a && reference instanceof List<?> b) {
            if (a.size() != b.size()) {
                out.add(at + ": " + a.size() + " items in ours, " + b.size() + " in the reference (ours: " + show(a)
                        + ", reference: " + show(b) + ")");
                return;
            }
            for (int i = 0; i < a.size(); i++) {
                diff(a.get(i), b.get(i), path + "[" + i + "]", out);
            }
        } else if (ours instanceof Number a && reference instanceof Number b) {
            if (new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) != 0) {
                out.add(at + ": ours " + a + ", reference " + b);
            }
        } else if (ours == null ? reference != null : !ours.equals(reference)) {
            out.add(at + ": ours " + show(ours) + ", reference " + show(reference));
        }
    }

    private static String show(Object o) {
        String s = o instanceof String str ? "\"" + str.replace("\n", "\\n") + "\"" : String.valueOf(o);
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    /** The value at a path of map keys, or {@code null}. */
    static Object at(Object tree, String... keys) {
        Object o = tree;
        for (String k : keys) {
            if (!(o instanceof Map<?, ?> m)) {
                return null;
            }
            o = m.get(k);
        }
        return o;
    }

    /** A deep copy of a tree whose maps are mutable. */
    @SuppressWarnings("unchecked")
    static <T> T copy(T tree) {
        if (tree instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, copy(v)));
            return (T) out;
        }
        if (tree instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(copy(v)));
            return (T) out;
        }
        return tree;
    }

    /** Removes the value at a path of map keys and returns it. */
    static Object remove(Object tree, String... keys) {
        Object o = tree;
        for (int i = 0; i < keys.length - 1; i++) {
            o = o instanceof Map<?, ?> m ? m.get(keys[i]) : null;
        }
        return o instanceof Map<?, ?> m ? m.remove(keys[keys.length - 1]) : null;
    }

    /** Every {@code ref} object ({@code apiVersion}, {@code kind}, {@code name}) of a ClusterClass's spec. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> references(Map<String, Object> clusterClass) {
        List<Map<String, Object>> out = new ArrayList<>();
        collectRefs(clusterClass.get("spec"), out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void collectRefs(Object node, List<Map<String, Object>> out) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if ("patches".equals(e.getKey()) || "variables".equals(e.getKey())) {
                    continue;
                }
                if ("ref".equals(e.getKey()) && e.getValue() instanceof Map<?, ?> ref) {
                    out.add((Map<String, Object>) ref);
                } else {
                    collectRefs(e.getValue(), out);
                }
            }
        } else if (node instanceof List<?> l) {
            l.forEach(i -> collectRefs(i, out));
        }
    }
}
