package dev.clusterstack.core.hardening;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain YAML trees (maps, lists, scalars) as snakeyaml loads them: deep copies and addressable slots. */
final class Trees {
    private Trees() {
    }

    static Object copy(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, copy(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(copy(x)));
            return out;
        }
        return v;
    }

    /** A place in the tree that holds a value: a map entry or a list item. */
    static final class Slot {
        private final Object container;
        private final Object key;
        private final String path;

        Slot(Object container, Object key, String path) {
            this.container = container;
            this.key = key;
            this.path = path;
        }

        String path() {
            return path;
        }

        Object key() {
            return key;
        }

        boolean inMap() {
            return container instanceof Map;
        }

        @SuppressWarnings("unchecked")
        Object get() {
            return inMap() ? ((Map<Object, Object>) container).get(key) : ((List<Object>) container).get((Integer) key);
        }

        @SuppressWarnings("unchecked")
        void set(Object value) {
            if (inMap()) {
                ((Map<Object, Object>) container).put(key, value);
            } else {
                ((List<Object>) container).set((Integer) key, value);
            }
        }

        @SuppressWarnings("unchecked")
        void remove() {
            if (inMap()) {
                ((Map<Object, Object>) container).remove(key);
            } else {
                ((List<Object>) container).remove((int) (Integer) key);
            }
        }

        @SuppressWarnings("unchecked")
        void duplicate() {
            if (inMap()) {
                return;
            }
            List<Object> l = (List<Object>) container;
            int i = (Integer) key;
            l.add(i + 1, copy(l.get(i)));
        }

        /** Renames a map key in place, keeping the order of the entries (a clash replaces the other entry). */
        @SuppressWarnings("unchecked")
        void rename(String newKey) {
            if (!inMap()) {
                return;
            }
            Map<Object, Object> m = (Map<Object, Object>) container;
            List<Map.Entry<Object, Object>> entries = new ArrayList<>(m.entrySet());
            m.clear();
            for (Map.Entry<Object, Object> e : entries) {
                if (e.getKey().equals(newKey) && !e.getKey().equals(key)) {
                    continue;
                }
                m.put(e.getKey().equals(key) ? newKey : e.getKey(), e.getValue());
            }
        }
    }

    /** Every slot of the tree in depth-first order. */
    static List<Slot> slots(Object root) {
        List<Slot> out = new ArrayList<>();
        walk(root, "", out);
        return out;
    }

    private static void walk(Object node, String path, List<Slot> out) {
        if (node instanceof Map<?, ?> m) {
            for (Object k : new ArrayList<>(m.keySet())) {
                String p = path + "/" + k;
                out.add(new Slot(m, k, p));
                walk(m.get(k), p, out);
            }
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                String p = path + "[" + i + "]";
                out.add(new Slot(l, i, p));
                walk(l.get(i), p, out);
            }
        }
    }
}
