package dev.clusterstack.core.validate;

import dev.clusterstack.core.bind.Extra;
import dev.clusterstack.core.bind.YamlName;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Known fields at the wrong level. A field the model does not know passes through as an extra
 * field (new Cluster API fields must not be dropped), so {@code preKubeadmCommands} written directly
 * under a template's {@code spec} would reach the chart where Cluster API prunes or rejects it. When
 * the name of such an extra field is a field the template's model knows at exactly one other place,
 * it is a misplaced field: an error with the place it belongs.
 */
final class FieldPlacement {
    /** Names too common to guess a place from: a new field of that name may well be meant where it is. */
    private static final Set<String> GENERIC = Set.of("metadata", "spec", "template", "name", "labels", "annotations",
            "kind", "apiVersion", "type", "value", "values", "status", "enabled", "namespace", "path");
    private static final int MAX_DEPTH = 10;
    private static final Map<Class<?>, Map<String, List<String>>> KNOWN = new ConcurrentHashMap<>();

    private FieldPlacement() {
    }

    /** Reports every extra field of {@code model} (a record) that the model knows at another place. */
    static void check(Object model, String path, Problems problems) {
        if (!(model instanceof Record)) {
            return;
        }
        Map<String, List<String>> known = KNOWN.computeIfAbsent(model.getClass(), c -> {
            Map<String, List<String>> out = new LinkedHashMap<>();
            collect(c, "", out, new HashSet<>(), 0);
            return out;
        });
        walk(model, "", path, path, known, problems, 0);
    }

    private static void collect(Class<?> type, String prefix, Map<String, List<String>> out, Set<Class<?>> onPath, int depth) {
        if (!type.isRecord() || depth > MAX_DEPTH || !onPath.add(type)) {
            return;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.isAnnotationPresent(Extra.class)) {
                continue;
            }
            String name = name(c);
            String p = prefix.isEmpty() ? name : prefix + "." + name;
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(p);
            Class<?> inner = c.getType();
            String innerPath = p;
            if (List.class.isAssignableFrom(inner)) {
                inner = argument(c.getGenericType());
                innerPath = p + "[]";
            }
            if (inner != null && inner.isRecord()) {
                collect(inner, innerPath, out, onPath, depth + 1);
            }
        }
        onPath.remove(type);
    }

    private static void walk(Object value, String relative, String path, String root, Map<String, List<String>> known,
                             Problems problems, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), relative + "[]", path + "[" + i + "]", root, known, problems, depth + 1);
            }
            return;
        }
        if (!(value instanceof Record r)) {
            return;
        }
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v = read(r, c);
            if (!c.isAnnotationPresent(Extra.class)) {
                String name = name(c);
                walk(v, relative.isEmpty() ? name : relative + "." + name, path + "." + name, root, known, problems, depth + 1);
                continue;
            }
            if (!(v instanceof Map<?, ?> extra)) {
                continue;
            }
            for (Object key : extra.keySet()) {
                String k = String.valueOf(key);
                List<String> places = known.get(k);
                if (places == null || places.size() != 1 || GENERIC.contains(k) || k.startsWith("x-")) {
                    continue;
                }
                String place = places.get(0);
                String here = relative.isEmpty() ? k : relative + "." + k;
                if (place.equals(here)) {
                    continue;
                }
                problems.error(path + "." + k, "'" + k + "' is not a field at this level (it would pass through as an"
                        + " unknown field and Cluster API would drop or refuse it), did you mean '"
                        + root + "." + place + "'?");
            }
        }
    }

    private static String name(RecordComponent c) {
        YamlName n = c.getAnnotation(YamlName.class);
        return n != null ? n.value() : c.getName();
    }

    private static Class<?> argument(Type type) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c) {
            return c;
        }
        return null;
    }

    private static Object read(Record r, RecordComponent c) {
        try {
            var accessor = c.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getName(), e);
        }
    }
}
