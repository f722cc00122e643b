package dev.clusterstack.core.plan;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clusterstack.core.capi.ApiConversion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Whether a v1beta1 and a v1beta2 rendering of the same class behave the same: each Cluster is planned against both,
 * and the desired objects are compared, role by role, in the form a Cluster API v1.14 management cluster serves them
 * as v1beta1. The v1beta2 objects are converted with {@link ApiConversion#toV1Beta1} (Cluster API's own field
 * mapping); the v1beta1 objects go through the hub and back ({@code toV1Beta1(toV1Beta2(o))}), as the API server
 * stores them, which writes durations as Go does ({@code 5m} is served as {@code 5m0s}).
 *
 * <p>A field the v1beta2 object has but v1beta1 cannot hold (kept by Cluster API only in its conversion-data
 * annotation) is a difference: the two renderings do not say the same. A v1beta1 field that Cluster API drops when
 * storing (e.g. {@code clusterConfiguration.networking}) is only a note. Planning errors on either side are
 * differences too.
 */
public final class PlanEquivalence {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlanEquivalence() {
    }

    /**
     * One difference.
     *
     * @param cluster the Cluster file
     * @param role    the planned object's role ({@link Plan}), or {@code findings}
     * @param path    JSON pointer into the object as served in v1beta1 ({@code /spec/...}), empty for the whole object
     * @param v1beta1 what the v1beta1 rendering plans there (null: absent)
     * @param v1beta2 what the v1beta2 rendering plans there, converted (null: absent)
     */
    public record Difference(String cluster, String role, String path, Object v1beta1, Object v1beta2) {
        @Override
        public String toString() {
            return cluster + " " + role + " " + (path.isEmpty() ? "/" : path) + ": v1beta1 " + show(v1beta1) + ", v1beta2 "
                    + show(v1beta2);
        }

        private static String show(Object o) {
            return o == null ? "(absent)" : PlanText.quote(PlanText.abbreviate(String.valueOf(o)));
        }
    }

    /**
     * The comparison.
     *
     * @param differences every difference, in cluster, role and field order
     * @param notes       v1beta1 fields that Cluster API drops when storing, per cluster and role
     * @param v1beta1     the plans against the v1beta1 rendering, in cluster order
     * @param v1beta2     the plans against the v1beta2 rendering, in cluster order
     */
    public record Report(List<Difference> differences, List<String> notes, List<Plan> v1beta1, List<Plan> v1beta2) {
        public Report {
            differences = List.copyOf(differences);
            notes = List.copyOf(notes);
            v1beta1 = List.copyOf(v1beta1);
            v1beta2 = List.copyOf(v1beta2);
        }

        public boolean equivalent() {
            return differences.isEmpty();
        }

        /** One line per difference (or {@code equivalent}). */
        public String describe() {
            if (differences.isEmpty()) {
                return "equivalent (" + v1beta1.size() + " clusters)";
            }
            StringBuilder b = new StringBuilder();
            differences.forEach(d -> b.append(d).append('\n'));
            return b.toString();
        }
    }

    /**
     * Plans every Cluster against both renderings and compares; see the class description. Each Cluster must name a
     * ClusterClass both renderings hold (or see {@link #compare(ClassSource, List, ClassSource, List, PlanOptions)}).
     */
    public static Report compare(ClassSource v1beta1, ClassSource v1beta2, List<ClusterFile> clusters, PlanOptions options) {
        return compare(v1beta1, clusters, v1beta2, clusters, options);
    }

    /**
     * Like {@link #compare(ClassSource, ClassSource, List, PlanOptions)}, with the Clusters given per rendering, paired by
     * position (e.g. each made to name that rendering's ClusterClass with {@link ClusterFile#forRelease}).
     *
     * @throws IllegalArgumentException when the two lists differ in length
     */
    public static Report compare(ClassSource v1beta1, List<ClusterFile> v1beta1Clusters, ClassSource v1beta2,
                                 List<ClusterFile> v1beta2Clusters, PlanOptions options) {
        if (v1beta1Clusters.size() != v1beta2Clusters.size()) {
            throw new IllegalArgumentException("the Clusters are paired by position: " + v1beta1Clusters.size() + " for v1beta1, "
                    + v1beta2Clusters.size() + " for v1beta2");
        }
        List<Difference> differences = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Plan> left = new ArrayList<>();
        List<Plan> right = new ArrayList<>();
        for (int c = 0; c < v1beta1Clusters.size(); c++) {
            ClusterFile cluster = v1beta1Clusters.get(c);
            Plan a = Planner.plan(v1beta1, cluster, options);
            Plan b = Planner.plan(v1beta2, v1beta2Clusters.get(c), options);
            left.add(a);
            right.add(b);
            String name = cluster.displayName();
            if (!a.errors().isEmpty() || !b.errors().isEmpty()) {
                differences.add(new Difference(name, "findings", "", a.errors().isEmpty() ? null : a.errors().toString(),
                        b.errors().isEmpty() ? null : b.errors().toString()));
                continue;
            }
            Function<String, String> versions = apiVersions(a, b);
            Set<String> roles = new LinkedHashSet<>(a.roles());
            roles.addAll(b.roles());
            for (String role : roles) {
                ObjectNode x = a.objectNode(role);
                ObjectNode y = b.objectNode(role);
                if (x == null || y == null) {
                    differences.add(new Difference(name, role, "", x == null ? null : "present", y == null ? null : "present"));
                    continue;
                }
                ApiConversion.Result up = ApiConversion.convertToV1Beta2(plain(x));
                ApiConversion.Result servedA = ApiConversion.convertToV1Beta1(up.object(), versions);
                ApiConversion.Result servedB = ApiConversion.convertToV1Beta1(plain(y), versions);
                up.lost().forEach(l -> notes.add(name + " " + role + " " + l));
                for (String l : servedB.lost()) {
                    differences.add(new Difference(name, role, l.substring(0, l.indexOf(':')), null, l.substring(l.indexOf(':') + 2)));
                }
                diff(JSON.valueToTree(servedA.object()), JSON.valueToTree(servedB.object()), "", name, role, differences);
            }
        }
        return new Report(differences, notes, left, right);
    }

    /** The apiVersion of every kind the two plans hold, then Cluster API's own v1beta1 kinds. */
    private static Function<String, String> apiVersions(Plan a, Plan b) {
        Map<String, String> seen = new LinkedHashMap<>();
        for (Plan p : List.of(a, b)) {
            for (ObjectNode o : p.objectNodes().values()) {
                String apiVersion = o.path("apiVersion").asText();
                seen.putIfAbsent(o.path("kind").asText() + "." + ClassSource.group(apiVersion), apiVersion);
            }
        }
        return gk -> {
            String known = ApiConversion.clusterApiV1Beta1Version(gk);
            return known != null ? known : seen.get(gk);
        };
    }

    private static Map<String, Object> plain(JsonNode o) {
        return JSON.convertValue(o, new TypeReference<LinkedHashMap<String, Object>>() {
        });
    }

    /** Deep comparison listing each differing leaf (numbers by value, objects by field, lists by index). */
    static void diff(JsonNode a, JsonNode b, String path, String cluster, String role, List<Difference> out) {
        if (a == null || b == null) {
            out.add(new Difference(cluster, role, path, value(a), value(b)));
        } else if (a.isNumber() && b.isNumber()) {
            if (a.decimalValue().compareTo(b.decimalValue()) != 0) {
                out.add(new Difference(cluster, role, path, value(a), value(b)));
            }
        } else if (a.isObject() && b.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                diff(a.get(k), b.get(k), path + "/" + k.replace("~", "~0").replace("/", "~1"), cluster, role, out);
            }
        } else if (a.isArray() && b.isArray()) {
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                diff(a.get(i), b.get(i), path + "/" + i, cluster, role, out);
            }
        } else if (!a.equals(b)) {
            out.add(new Difference(cluster, role, path, value(a), value(b)));
        }
    }

    private static Object value(JsonNode n) {
        return n == null ? null : JSON.convertValue(n, Object.class);
    }
}
