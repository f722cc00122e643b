package dev.clusterstack.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clusterstack.core.bind.Node;
import dev.clusterstack.core.definition.YamlSource;
import dev.clusterstack.core.problem.Location;
import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.problem.StackException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Cluster YAML file (one document, {@code kind: Cluster}, {@code cluster.x-k8s.io/v1beta1} or {@code v1beta2}),
 * parsed with the line and column of every field so that findings can point at it.
 */
public final class ClusterFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String displayName;
    private final Node root;
    private final ObjectNode cluster;

    private ClusterFile(String displayName, Node root, ObjectNode cluster) {
        this.displayName = displayName;
        this.root = root;
        this.cluster = cluster;
    }

    /**
     * Reads a Cluster file.
     *
     * @param displayName how findings name the file (e.g. relative to the project)
     * @throws StackException naming file, line and column when the file is no YAML mapping or no Cluster
     */
    public static ClusterFile read(Path file, String displayName) {
        return parse(YamlSource.readText(file, displayName), displayName);
    }

    /** Parses the text of a Cluster file; see {@link #read(Path, String)}. */
    public static ClusterFile parse(String text, String displayName) {
        Node root = YamlSource.parse(text, displayName);
        if (!(root instanceof Node.MapNode map)) {
            throw new StackException(List.of(Problem.error("", "a Cluster file must hold one mapping (kind: Cluster),"
                    + " not " + Node.describe(root)).at(root.location())));
        }
        Node kind = map.entries().get("kind");
        if (kind == null || !(kind instanceof Node.ScalarNode s) || !"Cluster".equals(s.text())) {
            throw new StackException(List.of(Problem.error("kind", "must be Cluster"
                    + (kind instanceof Node.ScalarNode s2 ? ", not " + s2.text() : ""))
                    .at(kind == null ? root.location() : kind.location())));
        }
        return new ClusterFile(displayName, root, JSON.valueToTree(Node.toPlain(root)));
    }

    public String displayName() {
        return displayName;
    }

    /**
     * Whether this Cluster is planned against a release, by this project's rule for test clusters (Cluster API itself
     * knows only exact class names): the Cluster's class ({@code spec.topology.class} or {@code classRef.name}) is
     * either the release's ClusterClass name, or a prefix of the release name that ends at a {@code -}, such as
     * {@code <provider>-<name>} (every release of the stack) or {@code <provider>-<name>-<major>-<minor>} (the
     * releases of that Kubernetes minor, whatever their chart version). A test cluster so names "whatever release".
     *
     * @param releaseName {@code <provider>-<name>-<major>-<minor>}, the name the operator renders the chart with
     * @param className   the release's ClusterClass name ({@code <release name>-<chart version>})
     */
    public boolean plannedAgainst(String releaseName, String className) {
        String cls = topologyClass();
        return !cls.isEmpty() && (cls.equals(className) || releaseName.equals(cls) || releaseName.startsWith(cls + "-"));
    }

    /**
     * This Cluster as planned against one release (see {@link #plannedAgainst}): its class replaced by the release's
     * ClusterClass name and, when it sets no {@code spec.topology.version}, the release's Kubernetes version.
     * Findings still point at the lines of the file as written.
     *
     * @param kubernetesVersion e.g. {@code 1.32.5} or {@code v1.32.5}
     */
    public ClusterFile forRelease(String className, String kubernetesVersion) {
        ObjectNode copy = cluster.deepCopy();
        JsonNode topology = copy.path("spec").path("topology");
        if (topology instanceof ObjectNode t) {
            if (t.path("classRef") instanceof ObjectNode ref) {
                ref.put("name", className);
            } else {
                t.put("class", className);
            }
            if (t.path("version").asText("").isEmpty()) {
                t.put("version", kubernetesVersion.startsWith("v") ? kubernetesVersion : "v" + kubernetesVersion);
            }
        }
        return new ClusterFile(displayName, root, copy);
    }

    private String topologyClass() {
        JsonNode topology = cluster.path("spec").path("topology");
        return topology.has("classRef") ? topology.path("classRef").path("name").asText("") : topology.path("class").asText("");
    }

    /** The Cluster as a JSON tree (a copy). */
    public JsonNode tree() {
        return cluster.deepCopy();
    }

    ObjectNode cluster() {
        return cluster;
    }

    /**
     * Where a field stands, e.g. {@code spec.topology.variables[cpu].value.size} ({@code [name]} picks the list item
     * with that {@code name}, {@code [2]} the third) or {@code spec.topology.workers.machineDeployments[md-0].class};
     * the nearest existing parent when the field itself is absent.
     */
    public Location location(String field) {
        Node cur = root;
        Location best = root.location();
        for (String token : tokens(field)) {
            Node next = null;
            Location at = null;
            if (token.startsWith("[") && cur instanceof Node.ListNode list) {
                String key = token.substring(1, token.length() - 1);
                if (key.matches("[0-9]+") && Integer.parseInt(key) < list.items().size()) {
                    next = list.items().get(Integer.parseInt(key));
                } else {
                    for (Node item : list.items()) {
                        if (item instanceof Node.MapNode m && m.entries().get("name") instanceof Node.ScalarNode n
                                && key.equals(n.text())) {
                            next = item;
                            break;
                        }
                    }
                }
                at = next == null ? null : next.location();
            } else if (!token.startsWith("[") && cur instanceof Node.MapNode m) {
                next = m.entries().get(token);
                at = m.keyLocations().get(token);
                if (at == null && next != null) {
                    at = next.location();
                }
            }
            if (next == null) {
                break;
            }
            cur = next;
            if (at != null) {
                best = at;
            }
        }
        return best;
    }

    private static List<String> tokens(String field) {
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '.') {
                if (b.length() > 0) {
                    out.add(b.toString());
                    b.setLength(0);
                }
            } else if (c == '[') {
                if (b.length() > 0) {
                    out.add(b.toString());
                    b.setLength(0);
                }
                int end = field.indexOf(']', i);
                if (end < 0) {
                    end = field.length() - 1;
                }
                out.add(field.substring(i, end + 1));
                i = end;
            } else {
                b.append(c);
            }
        }
        if (b.length() > 0) {
            out.add(b.toString());
        }
        return out;
    }
}
