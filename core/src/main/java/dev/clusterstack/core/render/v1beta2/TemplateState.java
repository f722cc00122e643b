package dev.clusterstack.core.render.v1beta2;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is known of one selected template while a class's patches are applied in order, for the argument names
 * in its lists: its tree, which patch put each object there, and which parts came from a variable or template (not
 * known at build time).
 */
final class TemplateState {
    /** A value from a variable or a Go template: nothing below it is known. */
    static final Object UNKNOWN = new Object() {
        @Override
        public String toString() {
            return "<rendered by Cluster API>";
        }
    };

    final String name;
    private final Map<String, Object> tree;
    private final Map<Object, Integer> createdBy = new IdentityHashMap<>();

    @SuppressWarnings("unchecked")
    TemplateState(String name, Map<String, Object> template) {
        this.name = name;
        this.tree = (Map<String, Object>) copy(template);
    }

    private static Object child(Object node, String segment) {
        if (node instanceof Map<?, ?> m) {
            return m.get(segment);
        }
        if (node instanceof List<?> l && segment.matches("[0-9]+")) {
            int i = Integer.parseInt(segment);
            return i < l.size() ? l.get(i) : null;
        }
        return null;
    }

    /** Applies an operation as far as it is known: a literal value is copied in, anything else is UNKNOWN. */
    @SuppressWarnings("unchecked")
    void apply(String op, List<String> path, Object value, int patch) {
        if (path.isEmpty()) {
            return;
        }
        Object parent = tree;
        for (int i = 0; i < path.size() - 1 && parent != null && parent != UNKNOWN; i++) {
            parent = child(parent, path.get(i));
        }
        String last = path.get(path.size() - 1);
        Object v = value == null ? null : copy(value);
        if (v != null) {
            mark(v, patch);
        }
        if (parent instanceof Map<?, ?> m) {
            Map<String, Object> map = (Map<String, Object>) m;
            if (op.equals("remove")) {
                map.remove(last);
            } else {
                map.put(last, v == null ? UNKNOWN : v);
            }
        } else if (parent instanceof List<?> l) {
            List<Object> list = (List<Object>) l;
            if (op.equals("add") && last.equals("-")) {
                list.add(v == null ? UNKNOWN : v);
            } else if (last.matches("[0-9]+") && Integer.parseInt(last) <= list.size()) {
                int i = Integer.parseInt(last);
                if (op.equals("add")) {
                    list.add(i, v == null ? UNKNOWN : v);
                } else if (i < list.size()) {
                    if (op.equals("remove")) {
                        list.remove(i);
                    } else {
                        list.set(i, v == null ? UNKNOWN : v);
                    }
                }
            }
        }
    }

    /** The names in an argument list at {@code path}: null when the list's content is not known. */
    List<String> argNames(List<String> path) {
        Object node = tree;
        for (String s : path) {
            if (node == UNKNOWN || node == null) {
                return node == null ? List.of() : null;
            }
            node = child(node, s);
        }
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof List<?> l)) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Object o : l) {
            if (!(o instanceof Map<?, ?> m) || !(m.get("name") instanceof String n)) {
                return null;
            }
            out.add(n);
        }
        return out;
    }

    /** Who put an argument with this name into the list: -1 the template, else the patch index. */
    int argOwner(List<String> path, String name) {
        Object node = tree;
        for (String s : path) {
            node = child(node, s);
        }
        if (node instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> m && name.equals(m.get("name"))) {
                    Integer by = createdBy.get(o);
                    return by == null ? -1 : by;
                }
            }
        }
        return -1;
    }

    private void mark(Object v, int patch) {
        if (v instanceof Map<?, ?> m) {
            createdBy.put(v, patch);
            m.values().forEach(x -> mark(x, patch));
        } else if (v instanceof List<?> l) {
            createdBy.put(v, patch);
            l.forEach(x -> mark(x, patch));
        }
    }

    private static Object copy(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), copy(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(copy(x)));
            return out;
        }
        return v;
    }
}
