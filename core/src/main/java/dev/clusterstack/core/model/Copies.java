package dev.clusterstack.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Defensive, order-keeping, unmodifiable copies for the model's records ({@code null} becomes empty). */
public final class Copies {
    private Copies() {
    }

    public static <T> List<T> list(List<T> list) {
        return list == null || list.isEmpty() ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }

    public static <V> Map<String, V> map(Map<String, V> map) {
        return map == null || map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    @SafeVarargs
    public static <T> List<T> plus(List<T> list, T... more) {
        List<T> out = new ArrayList<>(list == null ? List.of() : list);
        Collections.addAll(out, more);
        return Collections.unmodifiableList(out);
    }
}
