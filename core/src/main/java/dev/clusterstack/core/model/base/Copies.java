package dev.clusterstack.core.model.base;

import dev.clusterstack.core.bind.StableOrder;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Defensive, order-keeping, unmodifiable copies for the model's records; a map without an order of its
 * own ({@code Map.of}, {@code HashMap}) is copied in {@link StableOrder} (by key). An absent collection
 * ({@code null}) becomes the JDK's shared empty {@code List.of()} / {@code Map.of()}, which output
 * leaves out; an empty collection that was given explicitly stays a distinct instance and is written
 * ({@code files: []}, {@code kubeletExtraArgs: {}}), because JSON patches may need the parent to exist.
 */
public final class Copies {
    private Copies() {
    }

    public static <T> List<T> list(List<T> list) {
        if (list == null || (Object) list == List.of()) {
            return List.of();
        }
        return Collections.unmodifiableList(new ArrayList<>(list));
    }

    public static <V> Map<String, V> map(Map<String, V> map) {
        if (map == null || (Object) map == Map.of()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(StableOrder.ordered(map)));
    }

    /** A new unmodifiable list: {@code list} followed by {@code more}. */
    public static <T> List<T> plusAll(List<T> list, List<? extends T> more) {
        List<T> out = new ArrayList<>(list == null ? List.of() : list);
        out.addAll(more);
        return Collections.unmodifiableList(out);
    }

    @SafeVarargs
    public static <T> List<T> plus(List<T> list, T... more) {
        List<T> out = new ArrayList<>(list == null ? List.of() : list);
        Collections.addAll(out, more);
        return Collections.unmodifiableList(out);
    }
}
