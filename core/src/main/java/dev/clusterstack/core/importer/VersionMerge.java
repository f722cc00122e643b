package dev.clusterstack.core.importer;

import dev.clusterstack.core.model.KubernetesVersion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Merges the trees that the Kubernetes versions of a stack lift to into one definition tree. Equal values stay
 * literal; strings that differ only by the Kubernetes version become {@code [=kubernetes...]} interpolations; other
 * scalars that differ become {@code [=values.<key>]} with the value in each version's {@code values}. Literal text
 * that FreeMarker would read ({@code [=}, {@code [#}) is kept with {@code [#noparse]}. A tree whose shape differs
 * between versions cannot be merged (the definition has one shape for all versions).
 */
final class VersionMerge {
    private final List<KubernetesVersion> versions;
    /** Per version (same order) the values it needs. */
    final List<Map<String, Object>> values = new ArrayList<>();
    private final Set<String> keys = new LinkedHashSet<>();
    private final Map<String, String> hints = new LinkedHashMap<>();

    VersionMerge(List<KubernetesVersion> versions) {
        this.versions = versions;
        versions.forEach(v -> values.add(new LinkedHashMap<>()));
    }

    /** Names the value of {@code path} {@code key} when it differs between versions (e.g. versions.yaml's own key). */
    void hint(String path, String key) {
        hints.put(path, key);
    }

    /** One tree for all versions; {@code path} names the place in messages. */
    Object merge(List<Object> trees, String path) {
        Object first = trees.get(0);
        if (trees.stream().allMatch(t -> Objects.equals(t, first))) {
            return literal(first);
        }
        if (trees.stream().allMatch(t -> t instanceof Map<?, ?>)) {
            Set<Object> keySet = new LinkedHashSet<>(((Map<?, ?>) first).keySet());
            for (Object t : trees) {
                if (!keySet.equals(new LinkedHashSet<>(((Map<?, ?>) t).keySet()))) {
                    throw shape(path, "has different fields");
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Object key : keySet) {
                List<Object> children = trees.stream().map(t -> (Object) ((Map<?, ?>) t).get(key)).toList();
                out.put(String.valueOf(key), merge(children, path.isEmpty() ? String.valueOf(key) : path + "." + key));
            }
            return out;
        }
        if (trees.stream().allMatch(t -> t instanceof List<?>)) {
            int size = ((List<?>) first).size();
            if (trees.stream().anyMatch(t -> ((List<?>) t).size() != size)) {
                throw shape(path, "has a different number of entries");
            }
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                int index = i;
                out.add(merge(trees.stream().map(t -> (Object) ((List<?>) t).get(index)).toList(), path + "[" + i + "]"));
            }
            return out;
        }
        if (trees.stream().anyMatch(t -> t instanceof Map<?, ?> || t instanceof List<?>)) {
            throw shape(path, "is a mapping or list in some versions and not in others");
        }
        if (trees.stream().allMatch(t -> t instanceof String)) {
            String interpolated = interpolate(trees.stream().map(String.class::cast).toList());
            if (interpolated != null) {
                return interpolated;
            }
        }
        String key = key(path);
        for (int i = 0; i < trees.size(); i++) {
            values.get(i).put(key, trees.get(i));
        }
        return "[=values." + key + "]";
    }

    /** The common form of strings that differ only by their version's numbers, or null. */
    private String interpolate(List<String> texts) {
        String common = null;
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            if (needsNoparse(t)) {
                return null;
            }
            KubernetesVersion v = versions.get(i);
            String replaced = t.replace(v.tag(), "[=kubernetes.tag]")
                    .replace(v.toString(), "[=kubernetes.version]")
                    .replace(v.minorDash(), "[=kubernetes.minorDash]")
                    .replace(v.minorDot(), "[=kubernetes.minorDot]");
            if (common != null && !common.equals(replaced)) {
                return null;
            }
            common = replaced;
        }
        return common;
    }

    private String key(String path) {
        String hint = hints.get(path);
        if (hint != null && keys.add(hint)) {
            return hint;
        }
        String last = path.replaceAll("\\[\\d+]", "");
        last = last.substring(last.lastIndexOf('.') + 1).replaceAll("[^A-Za-z0-9]", "");
        if (last.isEmpty() || !Character.isLetter(last.charAt(0))) {
            last = "value" + last;
        }
        String key = last;
        int n = 2;
        while (!keys.add(key)) {
            key = last + n++;
        }
        return key;
    }

    /** A value the same in all versions, with FreeMarker's syntax kept as text. */
    static Object literal(Object value) {
        if (value instanceof String s) {
            return needsNoparse(s) ? "[#noparse]" + s + "[/#noparse]" : s;
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), literal(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(literal(v)));
            return out;
        }
        return value;
    }

    static boolean needsNoparse(String s) {
        return s.contains("[=") || s.contains("[#");
    }

    private static ImportException shape(String path, String what) {
        return new ImportException(path + " " + what + " between the Kubernetes versions; the definition has one shape"
                + " for all versions: import the versions as separate stacks, or make the original agree first");
    }
}
