package dev.clusterstack.core.bind;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;

/**
 * The two states of an empty collection in the model. <em>Absent</em> ({@code null}, or empty without
 * being marked) is left out of the output; <em>given empty</em> ({@link #emptyList()}, {@link #emptyMap()}:
 * what a definition's {@code files: []} or {@code kubeletExtraArgs: {}} binds to) is written, because JSON
 * patches may need the parent to exist. Both read as empty, unmodifiable collections; {@link #isAbsent}
 * tells them apart by type.
 */
public final class Given {
    private Given() {
    }

    /** Marks an empty collection that was given explicitly. */
    private interface GivenEmpty {
    }

    private static final class GivenEmptyList extends AbstractList<Object> implements RandomAccess, GivenEmpty {
        private static final GivenEmptyList INSTANCE = new GivenEmptyList();

        @Override
        public Object get(int index) {
            throw new IndexOutOfBoundsException("Index " + index + " out of bounds for length 0");
        }

        @Override
        public int size() {
            return 0;
        }
    }

    private static final class GivenEmptyMap extends AbstractMap<String, Object> implements GivenEmpty {
        private static final GivenEmptyMap INSTANCE = new GivenEmptyMap();

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return Set.of();
        }
    }

    /** An empty, unmodifiable list that is written ({@code []}) rather than left out. */
    @SuppressWarnings("unchecked")
    public static <T> List<T> emptyList() {
        return (List<T>) (List<?>) GivenEmptyList.INSTANCE;
    }

    /** An empty, unmodifiable map that is written ({@code {}}) rather than left out. */
    @SuppressWarnings("unchecked")
    public static <V> Map<String, V> emptyMap() {
        return (Map<String, V>) (Map<String, ?>) GivenEmptyMap.INSTANCE;
    }

    /** Whether a collection-typed value stands for "not given": {@code null}, or empty and not given empty. */
    public static boolean isAbsent(Object value) {
        if (value == null) {
            return true;
        }
        if (value instanceof Collection<?> c) {
            return c.isEmpty() && !(value instanceof GivenEmpty);
        }
        if (value instanceof Map<?, ?> m) {
            return m.isEmpty() && !(value instanceof GivenEmpty);
        }
        return false;
    }
}
