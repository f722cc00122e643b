package dev.clusterstack.core.bind;

import dev.clusterstack.core.problem.Problem;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Binds a located YAML tree onto the model's records and collects every problem instead of stopping
 * at the first one. Field names are the record component names (or {@link YamlName}); fields a
 * record does not know go into its {@link Extra} map, unless the name is a near miss of a known
 * field, which is reported as an error with a "did you mean" hint. Records without an extra map are
 * strict.
 */
public final class Binder {

    private record Polymorph(String discriminator, String qualifier, BiFunction<String, String, Class<?>> resolver) {
    }

    private final Map<Class<?>, Polymorph> polymorphs = new HashMap<>();
    private final List<Problem> problems = new ArrayList<>();

    /** Binds values of interface {@code type} to the record {@code resolver} picks from the discriminator field. */
    public <T> Binder polymorphic(Class<T> type, String discriminator, Function<String, Class<? extends T>> resolver) {
        polymorphs.put(type, new Polymorph(discriminator, null, (name, q) -> resolver.apply(name)));
        return this;
    }

    /** As above, the record picked from the discriminator and a second scalar field, {@code null} when absent. */
    public <T> Binder polymorphic(Class<T> type, String discriminator, String qualifier,
                                  BiFunction<String, String, Class<? extends T>> resolver) {
        polymorphs.put(type, new Polymorph(discriminator, qualifier, resolver::apply));
        return this;
    }

    /** Every problem found so far, each with its location. */
    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    public <T> T bind(Node node, Class<T> type, String path) {
        @SuppressWarnings("unchecked")
        T value = (T) bindValue(node, type, path);
        return value;
    }

    private void error(Node node, String path, String message) {
        problems.add(Problem.error(path, message).at(node == null ? null : node.location()));
    }

    private Object bindValue(Node node, Type type, String path) {
        if (node == null) {
            return null;
        }
        if (node instanceof Node.ScalarNode s && s.type().equals("null")) {
            return null;
        }
        Class<?> raw = rawClass(type);
        if (raw == Object.class) {
            return Node.toPlain(node);
        }
        if (raw == String.class) {
            if (node instanceof Node.ScalarNode s) {
                return s.text();
            }
            error(node, path, "expected a string, found " + Node.describe(node));
            return null;
        }
        if (raw == Boolean.class || raw == boolean.class) {
            if (node instanceof Node.ScalarNode s && s.type().equals("bool")) {
                return s.value();
            }
            error(node, path, "expected true or false, found " + Node.describe(node));
            return null;
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            if (node instanceof Node.ScalarNode s && s.type().equals("int") && s.value() instanceof Long l) {
                if (raw == Integer.class || raw == int.class) {
                    if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
                        error(node, path, "number " + s.text() + " is out of range");
                        return null;
                    }
                    return l.intValue();
                }
                return l;
            }
            if (node instanceof Node.ScalarNode s && s.type().equals("int") && s.value() instanceof java.math.BigInteger) {
                error(node, path, "number " + s.text() + " is out of range (at most " + Long.MAX_VALUE + ")");
                return null;
            }
            error(node, path, "expected a whole number, found " + Node.describe(node));
            return null;
        }
        if (raw == Double.class || raw == double.class) {
            if (node instanceof Node.ScalarNode s && (s.type().equals("int") || s.type().equals("float"))
                    && s.value() instanceof Number n) {
                return n.doubleValue();
            }
            error(node, path, "expected a number, found " + Node.describe(node));
            return null;
        }
        if (List.class.isAssignableFrom(raw) && rawClass(typeArgument(type, 0)).isAnnotationPresent(NameValue.class)) {
            return bindNameValues(node, rawClass(typeArgument(type, 0)), path);
        }
        if (List.class.isAssignableFrom(raw)) {
            if (!(node instanceof Node.ListNode l)) {
                error(node, path, "expected a list, found " + Node.describe(node));
                return null;
            }
            Type item = typeArgument(type, 0);
            boolean plainItems = rawClass(item) == Object.class;
            List<Object> out = new ArrayList<>(l.items().size());
            for (int i = 0; i < l.items().size(); i++) {
                Node itemNode = l.items().get(i);
                if (!plainItems && itemNode instanceof Node.ScalarNode s && s.type().equals("null")) {
                    // "- " or "- null": nothing the model can use, and null items would break everything after
                    error(itemNode, path + "[" + i + "]", "empty list item: expected " + expected(rawClass(item)));
                    continue;
                }
                out.add(bindValue(itemNode, item, path + "[" + i + "]"));
            }
            return out.isEmpty() ? Given.emptyList() : out;
        }
        if (Map.class.isAssignableFrom(raw)) {
            if (!(node instanceof Node.MapNode m)) {
                error(node, path, "expected a mapping, found " + Node.describe(node));
                return null;
            }
            Type valueType = typeArgument(type, 1);
            Map<String, Object> out = new LinkedHashMap<>();
            m.entries().forEach((k, v) -> out.put(k, bindValue(v, valueType, Paths.child(path, k))));
            return out.isEmpty() ? Given.emptyMap() : out;
        }
        if (raw.isAnnotationPresent(FromScalar.class)) {
            if (node instanceof Node.ScalarNode s) {
                return construct(RecordInfo.of(raw), s.text());
            }
            error(node, path, "expected a string, found " + Node.describe(node));
            return null;
        }
        Polymorph poly = polymorphs.get(raw);
        if (poly != null) {
            return bindPolymorphic(node, poly, path);
        }
        if (raw.isRecord()) {
            return bindRecord(node, raw, path, null);
        }
        throw new IllegalStateException("model type not bindable: " + type);
    }

    /**
     * A list of {@link NameValue} records from a mapping of names to values (in the file's order) or from a list of
     * {@code {name, value}} items; a name given twice is an error at the second one.
     */
    private Object bindNameValues(Node node, Class<?> item, String path) {
        RecordInfo info = RecordInfo.of(item);
        List<Object> out = new ArrayList<>();
        Map<String, String> firstAt = new HashMap<>();
        if (node instanceof Node.MapNode m) {
            for (Map.Entry<String, Node> e : m.entries().entrySet()) {
                String childPath = Paths.child(path, e.getKey());
                Object value = bindValue(e.getValue(), String.class, childPath);
                if (e.getKey().isEmpty()) {
                    error(e.getValue(), childPath, "an argument needs a name");
                } else {
                    out.add(construct(info, e.getKey(), value));
                }
            }
        } else if (node instanceof Node.ListNode l) {
            for (int i = 0; i < l.items().size(); i++) {
                Node itemNode = l.items().get(i);
                String itemPath = Paths.index(path, i);
                if (itemNode instanceof Node.ScalarNode s && s.type().equals("null")) {
                    error(itemNode, itemPath, "empty list item: expected a mapping {name, value}");
                    continue;
                }
                Object bound = bindRecord(itemNode, item, itemPath, null);
                if (bound == null) {
                    continue;
                }
                String name = (String) Writer.component((Record) bound, 0);
                String first = firstAt.putIfAbsent(name, itemPath);
                if (first != null) {
                    Node nameNode = itemNode instanceof Node.MapNode im ? im.entries().get(info.names[0]) : itemNode;
                    error(nameNode, Paths.child(itemPath, info.names[0]), "'" + name + "' is given twice (first at "
                            + first + "): an argument name may occur once (Cluster API v1beta2 refuses a repeated name)");
                    continue;
                }
                out.add(bound);
            }
        } else {
            error(node, path, "expected a mapping of names to values or a list of {name, value}, found " + Node.describe(node));
            return null;
        }
        return out.isEmpty() ? Given.emptyList() : out;
    }

    private static Object construct(RecordInfo info, Object... values) {
        try {
            return info.constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + info.constructor.getDeclaringClass().getName(), e);
        }
    }

    private Object bindPolymorphic(Node node, Polymorph poly, String path) {
        if (!(node instanceof Node.MapNode m)) {
            error(node, path, "expected a mapping, found " + Node.describe(node));
            return null;
        }
        Node d = m.entries().get(poly.discriminator());
        if (!(d instanceof Node.ScalarNode s) || s.text().isBlank()) {
            error(node, path, "missing required field '" + poly.discriminator() + "'");
            return null;
        }
        Node q = poly.qualifier() == null ? null : m.entries().get(poly.qualifier());
        Class<?> target = poly.resolver().apply(s.text(), q instanceof Node.ScalarNode qs ? qs.text() : null);
        return bindRecord(node, target, path, poly.discriminator());
    }

    private Object bindRecord(Node node, Class<?> type, String path, String skipKey) {
        if (!(node instanceof Node.MapNode m)) {
            error(node, path, "expected a mapping, found " + Node.describe(node));
            return null;
        }
        RecordInfo info = RecordInfo.of(type);
        int problemsBefore = problems.size();
        Object[] args = new Object[info.components.length];
        Map<String, Object> extra = info.extraIndex >= 0 ? new LinkedHashMap<>() : null;
        for (Map.Entry<String, Node> e : m.entries().entrySet()) {
            String key = e.getKey();
            if (key.equals(skipKey) && !info.byName.containsKey(key)) {
                continue;
            }
            String childPath = Paths.child(path, key);
            Integer index = info.byName.get(key);
            if (index != null) {
                args[index] = bindValue(e.getValue(), info.components[index].getGenericType(), childPath);
                continue;
            }
            String suggestion = Suggest.closest(key, info.byName.keySet());
            Node.MapNode keyHolder = m;
            var keyLocation = keyHolder.keyLocations().get(key);
            if (extra != null && (suggestion == null || key.startsWith("x-"))) {
                extra.put(key, Node.toPlain(e.getValue()));
            } else if (suggestion != null) {
                problems.add(Problem.error(childPath, "unknown field '" + key + "', did you mean '" + suggestion + "'?")
                        .at(keyLocation));
            } else {
                problems.add(Problem.error(childPath, "unknown field '" + key + "'; known fields: "
                        + String.join(", ", info.byName.keySet())).at(keyLocation));
            }
        }
        if (extra != null) {
            args[info.extraIndex] = extra;
        }
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null && info.components[i].getType().isPrimitive()) {
                args[i] = info.components[i].getType() == boolean.class ? Boolean.FALSE : 0;
            }
        }
        try {
            return info.constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (problems.size() > problemsBefore) {
                return null; // built from parts already reported as wrong: a second error would only confuse
            }
            // a model check in a record's constructor: its message is for users; anything else is not
            Throwable cause = e.getCause();
            error(node, path, cause instanceof IllegalArgumentException && cause.getMessage() != null
                    ? cause.getMessage() : "these values do not make a valid " + type.getSimpleName());
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }

    private static String expected(Class<?> raw) {
        if (raw == String.class) {
            return "a string";
        }
        if (raw == Boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(raw)) {
            return "a number";
        }
        return List.class.isAssignableFrom(raw) ? "a list" : "a mapping";
    }

    static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof WildcardType w) {
            return rawClass(w.getUpperBounds()[0]);
        }
        return Object.class;
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            return p.getActualTypeArguments()[index];
        }
        return Object.class;
    }

    /** Reflection facts of one record type, computed once. */
    static final class RecordInfo {
        private static final Map<Class<?>, RecordInfo> CACHE = new ConcurrentHashMap<>();

        final RecordComponent[] components;
        final String[] names;
        final Map<String, Integer> byName = new LinkedHashMap<>();
        final int extraIndex;
        final Constructor<?> constructor;

        private RecordInfo(Class<?> type) {
            components = type.getRecordComponents();
            names = new String[components.length];
            int extra = -1;
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                RecordComponent c = components[i];
                types[i] = c.getType();
                if (c.isAnnotationPresent(Extra.class)) {
                    extra = i;
                    continue;
                }
                YamlName n = c.getAnnotation(YamlName.class);
                names[i] = n != null ? n.value() : c.getName();
                byName.put(names[i], i);
            }
            extraIndex = extra;
            try {
                constructor = type.getDeclaredConstructor(types);
                constructor.setAccessible(true);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        }

        static RecordInfo of(Class<?> type) {
            return CACHE.computeIfAbsent(type, RecordInfo::new);
        }

        Set<String> fieldNames() {
            return byName.keySet();
        }
    }
}
