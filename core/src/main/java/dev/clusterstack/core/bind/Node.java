package dev.clusterstack.core.bind;

import dev.clusterstack.core.problem.Location;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed YAML tree that remembers where each node stood, so that binding and validation errors can
 * name file, line and column.
 */
public sealed interface Node permits Node.MapNode, Node.ListNode, Node.ScalarNode {

    Location location();

    /** A mapping; keys keep their order. {@code keyLocations} holds where each key stood. */
    record MapNode(Map<String, Node> entries, Map<String, Location> keyLocations, Location location) implements Node {
    }

    record ListNode(List<Node> items, Location location) implements Node {
    }

    /**
     * A scalar: its text as written and the type YAML resolves it to ({@code str}, {@code int},
     * {@code float}, {@code bool}, {@code null}). A quoted scalar is always {@code str};
     * {@code plain} tells whether it was written without quotes or block style.
     */
    record ScalarNode(String text, String type, boolean plain, Location location) implements Node {
        /** The scalar as a plain Java value: String, Long, Double, Boolean or null. */
        public Object value() {
            return switch (type) {
                case "null" -> null;
                case "bool" -> Boolean.valueOf(text.equalsIgnoreCase("true") || text.equalsIgnoreCase("yes")
                        || text.equalsIgnoreCase("on") || text.equalsIgnoreCase("y"));
                case "int" -> parseInt(text);
                case "float" -> parseFloat(text);
                default -> text;
            };
        }

        private static Object parseInt(String text) {
            String t = text.replace("_", "");
            try {
                if (t.startsWith("0x") || t.startsWith("-0x") || t.startsWith("+0x")) {
                    boolean neg = t.startsWith("-");
                    long v = Long.parseLong(t.substring(t.indexOf('x') + 1), 16);
                    return neg ? -v : v;
                }
                if (t.startsWith("0o")) {
                    return Long.parseLong(t.substring(2), 8);
                }
                return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
            } catch (NumberFormatException e) {
                return new java.math.BigInteger(t.startsWith("+") ? t.substring(1) : t);
            }
        }

        private static Object parseFloat(String text) {
            String t = text.replace("_", "").toLowerCase(java.util.Locale.ROOT);
            return switch (t) {
                case ".nan" -> Double.NaN;
                case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
                case "-.inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.valueOf(t);
            };
        }
    }

    /** The node as plain Java data: LinkedHashMap, ArrayList, String, Long, Double, Boolean, null. */
    static Object toPlain(Node node) {
        if (node instanceof MapNode m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.entries().forEach((k, v) -> out.put(k, toPlain(v)));
            return out;
        }
        if (node instanceof ListNode l) {
            List<Object> out = new ArrayList<>(l.items().size());
            l.items().forEach(i -> out.add(toPlain(i)));
            return out;
        }
        return ((ScalarNode) node).value();
    }

    /** A tree of plain Java data as nodes without locations (for binding configuration given in Java). */
    static Node fromPlain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Node> entries = new LinkedHashMap<>();
            map.forEach((k, v) -> entries.put(String.valueOf(k), fromPlain(v)));
            return new MapNode(entries, Map.of(), null);
        }
        if (value instanceof List<?> list) {
            List<Node> items = new ArrayList<>(list.size());
            list.forEach(v -> items.add(fromPlain(v)));
            return new ListNode(items, null);
        }
        if (value == null) {
            return new ScalarNode("null", "null", true, null);
        }
        if (value instanceof Boolean) {
            return new ScalarNode(value.toString(), "bool", true, null);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof java.math.BigInteger) {
            return new ScalarNode(value.toString(), "int", true, null);
        }
        if (value instanceof Number) {
            return new ScalarNode(value.toString(), "float", true, null);
        }
        return new ScalarNode(String.valueOf(value), "str", false, null);
    }

    /** Short name of the node's kind for messages: "a mapping", "a list", "a string"... */
    static String describe(Node node) {
        if (node instanceof MapNode) {
            return "a mapping";
        }
        if (node instanceof ListNode) {
            return "a list";
        }
        ScalarNode s = (ScalarNode) node;
        return switch (s.type()) {
            case "null" -> "null";
            case "bool" -> "a boolean (" + s.text() + ")";
            case "int" -> "a number (" + s.text() + ")";
            case "float" -> "a number (" + s.text() + ")";
            default -> "a string";
        };
    }
}
