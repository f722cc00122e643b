package dev.clusterstack.core.model.base;

import dev.clusterstack.core.bind.Given;
import dev.clusterstack.core.bind.StableOrder;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Defensive, order-keeping, unmodifiable copies for the model's records. They keep the two states of an
 * empty collection ({@link Given}): absent ({@code null}, or empty without being marked) becomes the
 * shared {@code List.of()} / {@code Map.of()} and is left out of the output; given empty ({@code files: []}
 * in a definition, {@link #givenEmptyList()}, {@code keepEmpty}) stays given empty and is written.
 * A map without an order of its own ({@code Map.of}, {@code HashMap}) is copied in {@link StableOrder} (by key).
 */
public final class Copies {
    private Copies() {
    }

    /** An empty, unmodifiable list that is written ({@code []}) rather than left out ({@link Given}). */
    public static <T> List<T> givenEmptyList() {
        return Given.emptyList();
    }

    /** An empty, unmodifiable map that is written ({@code {}}) rather than left out ({@link Given}). */
    public static <V> Map<String, V> givenEmptyMap() {
        return Given.emptyMap();
    }

    /** Whether a collection-typed value stands for "not given" ({@link Given#isAbsent}). */
    public static boolean isAbsent(Object value) {
        return Given.isAbsent(value);
    }

    /** An unmodifiable copy; absent ({@link #isAbsent}) becomes {@code List.of()}, given empty stays given empty. */
    public static <T> List<T> list(List<T> list) {
        if (list == null || list.isEmpty()) {
            return isAbsent(list) ? List.of() : givenEmptyList();
        }
        return Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** An unmodifiable copy; absent ({@link #isAbsent}) becomes {@code Map.of()}, given empty stays given empty. */
    public static <V> Map<String, V> map(Map<String, V> map) {
        if (map == null || map.isEmpty()) {
            return isAbsent(map) ? Map.of() : givenEmptyMap();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(StableOrder.ordered(map)));
    }

    /** A new unmodifiable list: {@code list} followed by {@code more}; given (even when empty). */
    public static <T> List<T> plusAll(List<T> list, List<? extends T> more) {
        List<T> out = new ArrayList<>(list == null ? List.of() : list);
        out.addAll(more);
        return out.isEmpty() ? givenEmptyList() : Collections.unmodifiableList(out);
    }

    /** A new unmodifiable list: {@code list} followed by {@code more}; given (even when empty). */
    @SafeVarargs
    public static <T> List<T> plus(List<T> list, T... more) {
        List<T> out = new ArrayList<>(list == null ? List.of() : list);
        Collections.addAll(out, more);
        return out.isEmpty() ? givenEmptyList() : Collections.unmodifiableList(out);
    }
}
