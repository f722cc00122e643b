package dev.clusterstack.core.render.v1beta2;

import dev.clusterstack.core.bind.Paths;
import dev.clusterstack.core.capi.GoDuration;
import dev.clusterstack.core.capi.V1beta2Names;
import dev.clusterstack.core.model.kubeadm.Arg;
import dev.clusterstack.core.problem.Problem;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the v1beta2 writers share: the problems found (model paths, every one at once), Go durations to
 * whole seconds, the model's arguments as {@code [{name, value}]} lists, and the removal of the empty objects and
 * lists that v1beta2 refuses ({@code minProperties: 1}, {@code minItems: 1}).
 */
final class Mapping {
    static final String VERSION = "Cluster API v1beta2";
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);


    private final List<Problem> problems = new ArrayList<>();

    List<Problem> problems() {
        return List.copyOf(problems);
    }

    void error(String path, String message) {
        problems.add(Problem.error(path, message));
    }

    /** A field that v1beta2 does not have at all, with what takes its place. */
    void removed(String path, String instead) {
        error(path, "has no equivalent in " + VERSION + " (the release's clusterApi): " + instead
                + "; remove it from releases written in v1beta2");
    }

    /** A field this mapping does not know: written as it is, which v1beta2 may refuse. */
    void unknown(String path) {
        problems.add(Problem.warning(path, "is not a field this project maps to " + VERSION
                + ": written unchanged into the v1beta2 object; check that v1beta2 has it"));
    }

    /**
     * A machine's {@code nodeDrainTimeout}, {@code nodeVolumeDetachTimeout} or {@code nodeDeletionTimeout} as
     * {@code <name>Seconds} of the {@code deletion} object given; false (nothing done) for any other field.
     */
    boolean deletionTimeout(String key, Object value, String path, Supplier<Map<String, Object>> deletion) {
        if (!V1beta2Names.NODE_DELETION_TIMEOUTS.contains(key)) {
            return false;
        }
        putIf(deletion.get(), V1beta2Names.seconds(key), seconds(value, path));
        return true;
    }

    /** Keeps a field as it is under its own name; warns when it is not one of the fields v1beta2 has alike. */
    void keep(Map<String, Object> out, String key, Object value, String path, Set<String> same) {
        if (!same.contains(key)) {
            unknown(path);
        }
        out.put(key, value);
    }

    /**
     * A Go duration ({@code 300s}, {@code 5m}, {@code 1h30m}) as whole seconds, the way v1beta2's
     * {@code *Seconds} fields hold it; {@code null} with an error when it is no duration or not whole seconds
     * (Cluster API's own conversion would cut the rest off).
     */
    Integer seconds(Object value, String path) {
        if (value == null) {
            return null;
        }
        BigDecimal nanos = value instanceof String s ? GoDuration.exactNanosOrNull(s) : null;
        if (nanos == null) {
            error(path, "'" + value + "' is not a duration such as 300s or 5m");
            return null;
        }
        BigDecimal[] qr = nanos.divideAndRemainder(NANOS_PER_SECOND);
        if (qr[1].signum() != 0 || nanos.signum() < 0 || qr[0].compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            error(path, "'" + value + "' is not a whole number of seconds: " + VERSION + " (the release's clusterApi) holds"
                    + " this duration as an integer of seconds, and Cluster API's conversion would cut the rest off; write it"
                    + " in whole seconds (a clusterstack rule, not Cluster API's)");
            return null;
        }
        return qr[0].intValueExact();
    }

    /**
     * A list of objects with one Go duration field ({@code ttl}, {@code timeout}) as v1beta2 writes it: that field as
     * whole seconds under {@code secondsKey} ({@link #seconds}), every other field as it is, in place.
     */
    List<Object> itemsWithSeconds(Object node, String path, String durationKey, String secondsKey) {
        List<Object> out = new ArrayList<>();
        List<Map<String, Object>> list = items(node);
        for (int i = 0; i < list.size(); i++) {
            Map<String, Object> o = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : (list.get(i) == null ? Map.<String, Object>of() : list.get(i)).entrySet()) {
                if (e.getKey().equals(durationKey)) {
                    putIf(o, secondsKey, seconds(e.getValue(), Paths.child(Paths.index(path, i), durationKey)));
                } else {
                    o.put(e.getKey(), e.getValue());
                }
            }
            out.add(o);
        }
        return out;
    }

    /** The model's arguments as v1beta2's {@code [{name, value}]} list, in their order; null when there are none. */
    List<Object> args(List<Arg> args, String path) {
        List<Object> out = new ArrayList<>();
        for (Arg a : args == null ? List.<Arg>of() : args) {
            if (a.value() == null) {
                error(Paths.child(path, a.name()), "an argument needs a value (v1beta2: {name, value})");
                continue;
            }
            Map<String, Object> arg = new LinkedHashMap<>();
            arg.put("name", a.name());
            arg.put("value", a.value());
            out.add(arg);
        }
        return out.isEmpty() ? null : out;
    }

    /** A map copy of a plain-tree node, or an empty map. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
    }

    /** The map under {@code key}, created (and put) when absent. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> child(Map<String, Object> parent, String key) {
        Object c = parent.get(key);
        if (c instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        Map<String, Object> created = new LinkedHashMap<>();
        parent.put(key, created);
        return created;
    }

    /** Puts every entry of {@code from} into {@code into}, merging the maps both hold under one key. */
    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> into, Map<String, Object> from) {
        for (Map.Entry<String, Object> e : from.entrySet()) {
            if (into.get(e.getKey()) instanceof Map<?, ?> a && e.getValue() instanceof Map<?, ?> b) {
                merge((Map<String, Object>) a, (Map<String, Object>) b);
            } else {
                into.put(e.getKey(), e.getValue());
            }
        }
    }

    /** Puts a value unless it is null. */
    static void putIf(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** The list items of a node as maps, or an empty list. */
    static List<Map<String, Object>> items(Object node) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (node instanceof List<?> list) {
            for (Object o : list) {
                out.add(o instanceof Map<?, ?> ? map(o) : null);
            }
        }
        return out;
    }

    /**
     * Removes, depth first, every empty object and empty list under a map, except under the keys in
     * {@code keepEmpty} (v1beta2's node registration {@code taints: []} means "no taints", which differs from absent).
     */
    @SuppressWarnings("unchecked")
    static void pruneEmpty(Map<String, Object> map, Set<String> keepEmpty) {
        map.entrySet().removeIf(e -> {
            if (keepEmpty.contains(e.getKey())) {
                return false;
            }
            Object v = e.getValue();
            if (v instanceof Map<?, ?> m) {
                pruneEmpty((Map<String, Object>) m, keepEmpty);
                return m.isEmpty();
            }
            if (v instanceof List<?> l) {
                for (Object item : l) {
                    if (item instanceof Map<?, ?> im) {
                        pruneEmpty((Map<String, Object>) im, keepEmpty);
                    }
                }
                return l.isEmpty();
            }
            return false;
        });
    }
}
