package dev.clusterstack.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6902 {@code add}, {@code replace} and {@code remove} on Jackson trees, as strictly as the JSON patch library
 * Cluster API applies patches with (evanphx/json-patch v5, default options): the parent of an {@code add} must
 * exist, the target of a {@code replace} or {@code remove} must exist, an array index may be {@code 0..size}
 * ({@code add}) or {@code 0..size-1}, {@code -} appends, and a negative index counts from the end.
 */
final class JsonPatch {
    private JsonPatch() {
    }

    /** A patch that cannot be applied; the message says why, as Cluster API's library would. */
    static final class PatchException extends Exception {
        private static final long serialVersionUID = 1L;

        PatchException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Applies one operation to {@code doc} in place and returns the document (a new one when the path is the root).
     */
    static JsonNode apply(JsonNode doc, String op, String path, JsonNode value) throws PatchException {
        if (!op.equals("add") && !op.equals("replace") && !op.equals("remove")) {
            throw new PatchException("unsupported operation \"" + op + "\" (Cluster API allows add, replace, remove)");
        }
        if (path == null) {
            throw new PatchException("operation " + op + " has no path");
        }
        if (path.isEmpty()) {
            if (op.equals("remove")) {
                throw new PatchException("remove of the whole document is not possible");
            }
            return value.deepCopy();
        }
        if (!path.startsWith("/")) {
            throw new PatchException("path \"" + path + "\" does not start with /");
        }
        List<String> parts = new ArrayList<>();
        for (String p : path.substring(1).split("/", -1)) {
            parts.add(p.replace("~1", "/").replace("~0", "~"));
        }
        JsonNode parent = doc;
        for (int i = 0; i < parts.size() - 1; i++) {
            JsonNode next = child(parent, parts.get(i));
            if (next == null) {
                throw new PatchException(op + " operation does not apply: doc is missing path: \"" + path + "\" (no \""
                        + String.join("/", parts.subList(0, i + 1)) + "\")");
            }
            parent = next;
        }
        String last = parts.get(parts.size() - 1);
        if (parent instanceof ObjectNode o) {
            switch (op) {
                case "add" -> o.set(last, value.deepCopy());
                case "replace" -> {
                    if (!o.has(last)) {
                        throw new PatchException("replace operation does not apply: doc is missing key: " + path);
                    }
                    o.set(last, value.deepCopy());
                }
                default -> {
                    if (!o.has(last)) {
                        throw new PatchException("remove operation does not apply: doc is missing key: " + path);
                    }
                    o.remove(last);
                }
            }
            return doc;
        }
        if (parent instanceof ArrayNode a) {
            if (op.equals("add") && last.equals("-")) {
                a.add(value.deepCopy());
                return doc;
            }
            int i = index(last, path);
            int size = a.size();
            if (i < 0) {
                if (i < -size) {
                    throw new PatchException(op + " operation does not apply: index out of bounds: " + path);
                }
                i += size;
            }
            switch (op) {
                case "add" -> {
                    if (i > size) {
                        throw new PatchException("add operation does not apply: index out of bounds: " + path);
                    }
                    a.insert(i, value.deepCopy());
                }
                case "replace" -> {
                    if (i >= size) {
                        throw new PatchException("replace operation does not apply: index out of bounds: " + path);
                    }
                    a.set(i, value.deepCopy());
                }
                default -> {
                    if (i >= size) {
                        throw new PatchException("remove operation does not apply: index out of bounds: " + path);
                    }
                    a.remove(i);
                }
            }
            return doc;
        }
        throw new PatchException(op + " operation does not apply: doc is missing path: \"" + path + "\" (the parent is "
                + (parent == null || parent.isNull() ? "null" : "a " + parent.getNodeType().name().toLowerCase(java.util.Locale.ROOT)) + ")");
    }

    private static JsonNode child(JsonNode node, String key) throws PatchException {
        if (node instanceof ObjectNode o) {
            return o.get(key);
        }
        if (node instanceof ArrayNode a) {
            if (key.equals("-")) {
                return null;
            }
            int i = index(key, key);
            if (i < 0) {
                i += a.size();
            }
            return i >= 0 && i < a.size() ? a.get(i) : null;
        }
        return null;
    }

    private static int index(String part, String path) throws PatchException {
        if (!part.matches("-?[0-9]+")) {
            throw new PatchException("invalid array index \"" + part + "\" in " + path);
        }
        try {
            return Integer.parseInt(part);
        } catch (NumberFormatException e) {
            throw new PatchException("invalid array index \"" + part + "\" in " + path);
        }
    }
}
