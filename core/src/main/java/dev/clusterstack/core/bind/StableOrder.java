package dev.clusterstack.core.bind;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * The order in which output sees a map's entries or a set's elements. Ordered collections (lists,
 * {@link LinkedHashMap}, {@link LinkedHashSet}, sorted and enum collections, the unmodifiable views
 * the model's records hold, and anything with at most one element) keep their order. Every other map
 * or set ({@code Map.of}, {@code Set.of}, {@code HashMap}, {@code HashSet}, ...) has an iteration order
 * that may change from one JVM to the next, and is read in the order of its keys' (elements') text
 * instead, so that nothing unordered reaches an output file or a hash.
 */
public final class StableOrder {
    private static final Class<?> UNMODIFIABLE_MAP = Collections.unmodifiableMap(new LinkedHashMap<>()).getClass();
    private static final Class<?> UNMODIFIABLE_SET = Collections.unmodifiableSet(new LinkedHashSet<>()).getClass();

    private StableOrder() {
    }

    /**
     * Whether the map's iteration order is one its content defines. The JDK's unmodifiable view counts
     * as ordered: the model's records ({@code Copies}) wrap only ordered copies in it.
     */
    public static boolean isOrdered(Map<?, ?> map) {
        return map.size() <= 1 || map instanceof LinkedHashMap || map instanceof SortedMap || map instanceof EnumMap
                || UNMODIFIABLE_MAP.isInstance(map);
    }

    /** Whether the collection's iteration order is one its content defines (every non-set is). */
    public static boolean isOrdered(Collection<?> c) {
        return !(c instanceof Set) || c.size() <= 1 || c instanceof LinkedHashSet || c instanceof SortedSet
                || c instanceof EnumSet || UNMODIFIABLE_SET.isInstance(c);
    }

    /** The map's entries in their own order if {@link #isOrdered(Map) ordered}, else by key text. */
    public static <K, V> Collection<Map.Entry<K, V>> entries(Map<K, V> map) {
        if (isOrdered(map)) {
            return map.entrySet();
        }
        List<Map.Entry<K, V>> out = new ArrayList<>(map.entrySet());
        out.sort(Comparator.comparing(e -> String.valueOf(e.getKey())));
        return out;
    }

    /** The map itself if ordered, else a {@link LinkedHashMap} copy with the keys in text order. */
    public static <K, V> Map<K, V> ordered(Map<K, V> map) {
        if (isOrdered(map)) {
            return map;
        }
        Map<K, V> out = new LinkedHashMap<>();
        entries(map).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /**
     * A plain tree (maps, collections, scalars) with every map and set in stable order: ordered maps and
     * collections are copied as they are, unordered ones sorted by key (element) text.
     * Other values, records included, are returned unchanged.
     */
    public static Object tree(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : entries(m)) {
                out.put(e.getKey(), tree(e.getValue()));
            }
            return out;
        }
        if (value instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            for (Object v : c) {
                out.add(tree(v));
            }
            if (!isOrdered(c)) {
                out.sort(Comparator.comparing(String::valueOf));
            }
            return out;
        }
        return value;
    }
}
