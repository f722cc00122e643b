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

        /**
         * An integer in any YAML 1.1 form snakeyaml resolves as {@code int}: decimal, {@code 0x}, {@code 0o},
         * {@code 0b}, base 60 ({@code 1:30:00}), with {@code _} separators. A form that still does not
         * parse stays the text as written, so no input makes reading a value fail.
         */
        private static Object parseInt(String text) {
            String t = text.replace("_", "");
            boolean neg = t.startsWith("-");
            String u = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
            try {
                java.math.BigInteger v;
                if (u.contains(":")) {
                    v = java.math.BigInteger.ZERO;
                    for (String part : u.split(":", -1)) {
                        v = v.multiply(java.math.BigInteger.valueOf(60)).add(new java.math.BigInteger(part));
                    }
                } else if (u.startsWith("0x") || u.startsWith("0o") || u.startsWith("0b")) {
                    v = new java.math.BigInteger(u.substring(2), u.charAt(1) == 'x' ? 16 : u.charAt(1) == 'o' ? 8 : 2);
                } else {
                    v = new java.math.BigInteger(u);
                }
                v = neg ? v.negate() : v;
                return v.bitLength() < 64 ? (Object) v.longValue() : v;
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                return text;
            }
        }

        private static Object parseFloat(String text) {
            String t = text.replace("_", "").toLowerCase(java.util.Locale.ROOT);
            switch (t) {
                case ".nan":
                    return Double.NaN;
                case ".inf", "+.inf":
                    return Double.POSITIVE_INFINITY;
                case "-.inf":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
            try {
                if (t.contains(":")) { // base 60: 1:30.5
                    boolean neg = t.startsWith("-");
                    double v = 0;
                    for (String part : (t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t).split(":", -1)) {
                        v = v * 60 + Double.parseDouble(part);
                    }
                    return neg ? -v : v;
                }
                return Double.valueOf(t);
            } catch (NumberFormatException e) {
                return text;
            }
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
