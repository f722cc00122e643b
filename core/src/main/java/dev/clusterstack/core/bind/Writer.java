package dev.clusterstack.core.bind;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns model records into plain ordered trees (LinkedHashMap, ArrayList, scalars) for output: fields
 * in declaration order, maps and sets in {@link StableOrder} (unordered ones such as {@code Map.of} by key), {@code null} and absent collections of collection-typed fields
 * ({@link #isAbsent}) left out, explicitly given empty ones and free values written, the {@link Extra} map's fields after the known ones. Records
 * are always written, empty ones as {@code {}}.
 */
public final class Writer {
    /**
     * A record type's component accessors as method handles of type {@code (Object)Object}, made once per
     * type. {@code Method.invoke} would generate one accessor class per component after 15 calls
     * (hundreds at a cold start); these share a few adapted forms.
     */
    private static final ClassValue<MethodHandle[]> ACCESSORS = new ClassValue<>() {
        @Override
        protected MethodHandle[] computeValue(Class<?> type) {
            Binder.RecordInfo info = Binder.RecordInfo.of(type);
            MethodHandle[] out = new MethodHandle[info.components.length];
            MethodType generic = MethodType.methodType(Object.class, Object.class);
            for (int i = 0; i < out.length; i++) {
                Method accessor = info.components[i].getAccessor();
                accessor.setAccessible(true);
                try {
                    out[i] = MethodHandles.lookup().unreflect(accessor).asType(generic);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
            return out;
        }
    };

    private Writer() {
    }

    public static Object toPlain(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Record r) {
            return recordToMap(r);
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            StableOrder.entries(m).forEach(e -> out.put(String.valueOf(e.getKey()), toPlain(e.getValue())));
            return out;
        }
        if (value instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            c.forEach(v -> out.add(toPlain(v)));
            if (!StableOrder.isOrdered(c)) {
                out.sort(Comparator.comparing(String::valueOf));
            }
            return out;
        }
        if (value instanceof Enum<?> e) {
            return e.toString();
        }
        return value;
    }

    public static Map<String, Object> recordToMap(Record record) {
        Binder.RecordInfo info = Binder.RecordInfo.of(record.getClass());
        Map<String, Object> out = new LinkedHashMap<>();
        Map<?, ?> extra = null;
        MethodHandle[] accessors = ACCESSORS.get(record.getClass());
        for (int i = 0; i < info.components.length; i++) {
            Object v = read(record, accessors[i]);
            if (i == info.extraIndex) {
                extra = (Map<?, ?>) v;
                continue;
            }
            // Left out: null, and an absent collection where the field is declared as one. In a free
            // value ("value: {}" of a JSON patch, "default: []" of a schema) an empty one is the value.
            Class<?> declared = info.components[i].getType();
            boolean container = Collection.class.isAssignableFrom(declared) || Map.class.isAssignableFrom(declared);
            if (v == null || container && isAbsent(v)) {
                continue;
            }
            out.put(info.names[i], toPlain(v));
        }
        if (extra != null) {
            StableOrder.entries(extra).forEach(e -> out.putIfAbsent(String.valueOf(e.getKey()), toPlain(e.getValue())));
        }
        return out;
    }

    /** Whether a component value stands for "not given" ({@link Given#isAbsent}). */
    public static boolean isAbsent(Object value) {
        return Given.isAbsent(value);
    }

    /** Component {@code i} of a record, read through its type's {@link #ACCESSORS}. */
    static Object component(Record record, int i) {
        return read(record, ACCESSORS.get(record.getClass())[i]);
    }

    private static Object read(Record record, MethodHandle accessor) {
        try {
            return (Object) accessor.invokeExact((Object) record);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
