package dev.clusterstack.core.plan;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * Reads {@code valueFrom.variable} paths as Cluster API does: the variable name, then dotted segments, each
 * optionally with one {@code [index]} ({@code builtin.cluster.name}, {@code nodes[0].size}); a missing variable,
 * segment or index is an error.
 */
final class VariablePath {
    private VariablePath() {
    }

    /** A path that does not resolve. */
    static final class NotFound extends Exception {
        private static final long serialVersionUID = 1L;

        NotFound(String message) {
            super(message, null, false, false);
        }
    }

    private record Segment(String path, Integer index) {
    }

    static JsonNode get(Map<String, JsonNode> variables, String variablePath) throws NotFound {
        String[] split = variablePath.split("\\.", -1);
        Segment first = segment(split[0], variablePath);
        JsonNode value = variables.get(first.path());
        if (value == null) {
            throw new NotFound("variable \"" + split[0] + "\" does not exist");
        }
        if (first.index() != null) {
            value = element(value, first, variablePath);
        }
        for (int i = 1; i < split.length; i++) {
            Segment s = segment(split[i], variablePath);
            if (!value.isObject() || !value.has(s.path())) {
                throw new NotFound("variable \"" + variablePath + "\" does not exist: failed to lookup segment \""
                        + s.path() + "\"");
            }
            value = value.get(s.path());
            if (s.index() != null) {
                value = element(value, s, variablePath);
            }
        }
        return value.deepCopy();
    }

    private static Segment segment(String segment, String variablePath) throws NotFound {
        boolean left = segment.contains("[");
        boolean right = segment.contains("]");
        if (left != right) {
            throw new NotFound("variable \"" + variablePath + "\" has invalid syntax: failed to parse path segment \""
                    + segment + "\"");
        }
        if (!left) {
            return new Segment(segment, null);
        }
        String index = segment.substring(segment.indexOf('[') + 1, segment.indexOf(']'));
        int i;
        try {
            i = Integer.parseInt(index);
        } catch (NumberFormatException e) {
            throw new NotFound("variable \"" + variablePath + "\" has invalid syntax: failed to parse array index in"
                    + " path segment \"" + segment + "\"");
        }
        if (i < 0) {
            throw new NotFound("variable \"" + variablePath + "\" has invalid syntax: invalid array index " + i
                    + " in path segment \"" + segment + "\"");
        }
        return new Segment(segment.substring(0, segment.indexOf('[')), i);
    }

    private static JsonNode element(JsonNode array, Segment s, String variablePath) throws NotFound {
        if (!array.isArray()) {
            throw new NotFound("variable \"" + variablePath + "\" is invalid: failed to get array \"" + s.path()
                    + "\": value is not an array");
        }
        if (array.size() < s.index() + 1) {
            throw new NotFound("variable \"" + variablePath + "\" is invalid: array does not have index " + s.index());
        }
        return array.get(s.index());
    }
}
