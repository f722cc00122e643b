package dev.clusterstack.core.definition;

import dev.clusterstack.core.bind.Node;
import dev.clusterstack.core.bind.Paths;
import dev.clusterstack.core.problem.Location;
import dev.clusterstack.core.problem.Problem;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-version evaluation of a definition's tree: FreeMarker in string scalars (a scalar that is one
 * interpolation takes the YAML type of its result) and {@code files[].source} inlined as {@code content}.
 */
final class DefinitionInterpolation {
    private final Interpolator interpolator;
    private final Resolver resolver = new Resolver();
    private final String displayName;
    private final StackTextFiles files;

    DefinitionInterpolation(Interpolator interpolator, String displayName, StackTextFiles files) {
        this.interpolator = interpolator;
        this.displayName = displayName;
        this.files = files;
    }

    /** Evaluates FreeMarker in string scalars and inlines {@code files[].source}. */
    Node interpolate(Node node, String path, Map<String, Object> data, List<Problem> problems, boolean inFiles) {
        if (node instanceof Node.MapNode m) {
            Map<String, Node> out = new LinkedHashMap<>();
            Map<String, Location> keys = new LinkedHashMap<>(m.keyLocations());
            for (Map.Entry<String, Node> e : m.entries().entrySet()) {
                String childPath = Paths.child(path, e.getKey());
                if (inFiles && e.getKey().equals("source")) {
                    String content = e.getValue() instanceof Node.ScalarNode s
                            ? files.read(s.text(), childPath, data, problems, e.getValue().location()) : null;
                    if (!(e.getValue() instanceof Node.ScalarNode)) {
                        problems.add(Problem.error(childPath, "expected a file path relative to the definition, found "
                                + Node.describe(e.getValue())).at(e.getValue().location()));
                    }
                    if (m.entries().containsKey("content")) {
                        problems.add(Problem.error(childPath, "give either 'content' or 'source', not both")
                                .at(m.keyLocations().get("source")));
                    }
                    Node enc = m.entries().get("encoding");
                    String encoding = enc instanceof Node.ScalarNode es ? es.text() : null;
                    if (content != null && encoding != null) {
                        if (encoding.equals(dev.clusterstack.core.model.kubeadm.File.BASE64)
                                || encoding.equals(dev.clusterstack.core.model.kubeadm.File.GZIP_BASE64)) {
                            content = dev.clusterstack.core.model.kubeadm.File.encode(content, encoding);
                        } else {
                            problems.add(Problem.error(Paths.child(path, "encoding"), "a 'source' file is encoded as base64"
                                    + " or gzip+base64, not '" + encoding + "'").at(enc.location()));
                        }
                    }
                    out.put("content", new Node.ScalarNode(content == null ? "" : content, "str", false, e.getValue().location()));
                    keys.put("content", m.keyLocations().get("source"));
                    continue;
                }
                out.put(e.getKey(), interpolate(e.getValue(), childPath, data, problems, e.getKey().equals("files")));
            }
            return new Node.MapNode(out, keys, m.location());
        }
        if (node instanceof Node.ListNode l) {
            List<Node> out = new ArrayList<>(l.items().size());
            for (int i = 0; i < l.items().size(); i++) {
                Node item = l.items().get(i);
                out.add(interpolate(item, path + "[" + i + "]", data, problems, inFiles && item instanceof Node.MapNode));
            }
            return new Node.ListNode(out, l.location());
        }
        Node.ScalarNode s = (Node.ScalarNode) node;
        if (!Interpolator.needsInterpolation(s.text())) {
            return s;
        }
        try {
            String text = interpolator.render(displayName + ":" + s.location().line(), s.text(), data);
            String type = s.type();
            if (isSingleInterpolation(s.text()) && interpolator.isString(s.text(), data)) {
                type = "str"; // a string stays a string, even "null", "~", "true" or "42"
            } else if (s.plain() || isSingleInterpolation(s.text())) {
                Tag tag = resolver.resolve(NodeId.scalar, text, true);
                type = Tag.INT.equals(tag) ? "int" : Tag.FLOAT.equals(tag) ? "float" : Tag.BOOL.equals(tag) ? "bool"
                        : Tag.NULL.equals(tag) ? "null" : "str";
            }
            return new Node.ScalarNode(text, type, s.plain(), s.location());
        } catch (IllegalArgumentException e) {
            problems.add(Problem.error(path, e.getMessage()).at(s.location()));
            return s;
        }
    }

    /**
     * Whether a scalar is exactly one {@code [=...]} interpolation. Such a value (quoted, because YAML
     * cannot start a plain value with {@code [}) takes the YAML type of its result, so
     * {@code enabled: "[=values.loadBalancer]"} becomes a boolean.
     */
    static boolean isSingleInterpolation(String text) {
        return text.startsWith("[=") && text.endsWith("]") && text.indexOf("[=", 2) < 0 && text.indexOf("[#") < 0
                && text.indexOf(']') == text.length() - 1;
    }
}
