package dev.clusterstack.core.render.v1beta2;

import dev.clusterstack.core.model.clusterclass.ClusterClassPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.ClassNames;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.JSONPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.PatchDefinition;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.PatchSelector;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.PatchSelectorMatch;
import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.render.v1beta2.PatchConversion.Target;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The objects and lists the patches add into that a selected template does not have. v1beta2 refuses empty ones
 * ({@code minProperties}/{@code minItems} 1), so the output templates carry no {@code apiServer: {}} or
 * {@code files: []}, and Cluster API's JSON patch library (evanphx/json-patch v5 with default options) does not create
 * missing parents. Each such container gets an {@code add} of it, empty, in patches placed before the first patch
 * that touches it and enabled exactly when one of the patches that add into it is (their conditions combined with
 * {@code or} as far as Cluster API's 256 characters of {@code enabledIf} allow, else one creator per condition: a
 * second one re-creates it empty before anything was added): then every patch finds it, and it is never left empty.
 */
final class Parents {
    /** An add into a container ({@code direct}: an add of the container itself) in patch {@code patch}. */
    private record Event(int seq, int patch, boolean direct, Boolean list, String field) {
    }

    /** A container to create: before patch {@code before}, when {@code enabledIf} holds (null: always). */
    private record Creator(int before, int depth, String enabledIf, int target, String path, Object value, List<Integer> forPatches) {
    }

    private final List<Target> targets;
    private final List<Map<String, List<Event>>> events = new ArrayList<>();
    private final List<List<Add>> adds = new ArrayList<>();
    private int seq;

    /** An add on a target, in class order. */
    private record Add(int seq, int patch, List<String> path, Object literal, String field) {
    }

    Parents(List<Target> targets) {
        this.targets = targets;
        targets.forEach(t -> {
            events.add(new LinkedHashMap<>());
            adds.add(new ArrayList<>());
        });
    }

    /**
     * Records an {@code add} at {@code path} with its literal value (null: from a variable or template) of patch
     * {@code p} on target {@code t}; false (with a problem) when it cannot work.
     */
    boolean record(int t, int p, List<String> path, Object literal, String field, String where, List<Problem> problems) {
        Object node = targets.get(t).object();
        int missing = -1;
        for (int i = 0; i < path.size() && missing < 0; i++) {
            if (node instanceof Map<?, ?> m) {
                node = m.get(path.get(i));
                if (node == null) {
                    missing = i;
                }
            } else if (node instanceof List<?> l && path.get(i).matches("[0-9]+") && Integer.parseInt(path.get(i)) < l.size()) {
                node = l.get(Integer.parseInt(path.get(i)));
            } else {
                break;
            }
        }
        seq++;
        adds.get(t).add(new Add(seq, p, path, literal, field));
        if (missing < 0) {
            return true;
        }
        String last = path.get(path.size() - 1);
        Map<String, List<Event>> byContainer = events.get(t);
        for (int level = missing; level < path.size() - 1; level++) {
            if (path.get(level).matches("[0-9]+|-")) {
                problems.add(Problem.error(field, where + "the selected template has no "
                        + KubeadmPaths.pointer(path.subList(0, level + 1)) + ", and a list entry cannot be created on the"
                        + " way: Cluster API fails on this add"));
                return false;
            }
            boolean list = level == path.size() - 2 ? last.matches("[0-9]+|-") : path.get(level + 1).matches("[0-9]+|-");
            byContainer.computeIfAbsent(KubeadmPaths.pointer(path.subList(0, level + 1)), k -> new ArrayList<>())
                    .add(new Event(seq, p, false, list, field));
        }
        return true;
    }

    /** Whether a literal value added at {@code at} holds {@code container} (a path below it). */
    private static boolean holds(List<String> at, Object literal, List<String> container) {
        Object node = literal;
        for (String s : container.subList(at.size(), container.size())) {
            node = node instanceof Map<?, ?> m ? m.get(s) : null;
        }
        return node != null;
    }

    /** The creator patches to insert before each patch index, and the problems of containers no patch creates exactly. */
    Map<Integer, List<ClusterClassPatch>> creators(List<ClusterClassPatch> patches, boolean[] always, List<Problem> problems,
                                                  List<String> rewrites) {
        List<Creator> creators = new ArrayList<>();
        for (int t = 0; t < targets.size(); t++) {
            for (Map.Entry<String, List<Event>> e : events.get(t).entrySet()) {
                List<Event> needers = e.getValue().stream().filter(x -> !x.direct()).toList();
                if (needers.isEmpty()) {
                    continue;
                }
                Set<Boolean> kinds = new LinkedHashSet<>();
                needers.forEach(n -> kinds.add(n.list()));
                if (kinds.size() > 1) {
                    problems.add(Problem.error(needers.get(0).field(), e.getKey() + " is added into both as a list and as an"
                            + " object by the patches; Cluster API fails on one of them"));
                    continue;
                }
                List<String> container = KubeadmPaths.segments(e.getKey());
                Set<Integer> neederPatches = new LinkedHashSet<>();
                needers.forEach(n -> neederPatches.add(n.patch()));
                // the last add of the container or of a parent before the first add into it decides whether it is there
                Add above = null;
                for (Add a : adds.get(t)) {
                    if (a.seq() < needers.get(0).seq() && KubeadmPaths.startsWith(container, a.path())) {
                        above = a;
                    }
                }
                Event first = needers.get(0);
                if (above != null) {
                    boolean holds = above.path().size() == container.size()
                            || above.literal() != null && holds(above.path(), above.literal(), container);
                    if (holds && (always[above.patch()] || neederPatches.equals(Set.of(above.patch())))) {
                        continue;
                    }
                    boolean known = above.path().size() == container.size() || above.literal() != null;
                    if (!known || !holds && above.patch() == first.patch()) {
                        problems.add(Problem.error(first.field(), "template '" + name(t) + "' has no " + e.getKey()
                                + " (v1beta2 refuses an empty one, so it is not written); patch '" + patches.get(above.patch()).name()
                                + "' adds " + KubeadmPaths.pointer(above.path()) + " before the operations that add into it, so"
                                + " whether it exists then is not known, or it cannot be created between them; give the template"
                                + " a non-empty " + container.get(container.size() - 1) + " (a clusterstack rule: no exact conversion)"));
                        continue;
                    }
                    if (holds) {
                        // created only when that patch is enabled: create it before that patch for the others
                        first = new Event(above.seq(), above.patch(), true, null, above.field());
                    }
                }
                // one creator per group of conditions: several that run before any add into it just re-create it empty
                Map<String, List<Integer>> groups = new LinkedHashMap<>();
                if (neederPatches.stream().anyMatch(q -> always[q])) {
                    groups.put(null, List.copyOf(neederPatches));
                } else {
                    Map<String, List<Integer>> byCondition = new LinkedHashMap<>();
                    neederPatches.forEach(q -> byCondition.computeIfAbsent(patches.get(q).enabledIf(), k -> new ArrayList<>()).add(q));
                    for (List<String> group : Conditions.groups(List.copyOf(byCondition.keySet()))) {
                        List<Integer> forPatches = new ArrayList<>();
                        group.forEach(c -> forPatches.addAll(byCondition.get(c)));
                        groups.put(Conditions.any(group), forPatches);
                    }
                }
                int depth = e.getKey().split("/").length;
                for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
                    creators.add(new Creator(first.patch(), depth, g.getKey(), t, e.getKey(),
                            Boolean.TRUE.equals(needers.get(0).list()) ? new ArrayList<>() : new LinkedHashMap<String, Object>(),
                            g.getValue()));
                }
            }
        }
        creators.sort(java.util.Comparator.comparingInt(Creator::before).thenComparingInt(Creator::depth)
                .thenComparingInt(Creator::target));
        fold(creators);
        Map<Integer, List<ClusterClassPatch>> out = new LinkedHashMap<>();
        Set<String> usedNames = new LinkedHashSet<>();
        patches.forEach(p -> usedNames.add(p == null ? null : p.name()));
        Map<String, List<Creator>> groups = new LinkedHashMap<>();
        for (Creator c : creators) {
            groups.computeIfAbsent(c.before() + "|" + c.depth() + "|" + c.enabledIf(), k -> new ArrayList<>()).add(c);
        }
        for (List<Creator> group : groups.values()) {
            Creator c0 = group.get(0);
            String base = patches.get(c0.before()).name() + "-v1beta2-parents";
            String name = base;
            for (int n = 2; usedNames.contains(name); n++) {
                name = base + "-" + n;
            }
            usedNames.add(name);
            Map<Integer, List<JSONPatch>> byTarget = new LinkedHashMap<>();
            for (Creator c : group) {
                byTarget.computeIfAbsent(c.target(), k -> new ArrayList<>()).add(JSONPatch.value("add", c.path(), c.value()));
                rewrites.add("patch '" + name + "' inserted before patch '" + patches.get(c.before()).name() + "': add "
                        + c.path() + " " + flow(c.value()) + " to template '" + name(c.target()) + "'"
                        + (c.enabledIf() == null ? "" : " when " + names(patches, c.forPatches())
                        + (c.forPatches().size() > 1 ? " (any of them) is" : " is") + " enabled")
                        + ": it adds into it, and v1beta2 templates carry no empty object or list");
            }
            List<PatchDefinition> defs = new ArrayList<>();
            byTarget.forEach((t, ops) -> defs.add(new PatchDefinition(selector(targets.get(t)), ops, Map.of())));
            out.computeIfAbsent(c0.before(), k -> new ArrayList<>()).add(new ClusterClassPatch(name,
                    "Creates what the patch after it adds into: a v1beta2 template carries no empty object or list.",
                    c0.enabledIf(), defs, null, Map.of()));
        }
        return out;
    }

    /**
     * A creator whose parent is created by the same patch (its only creator) for the same target goes into the
     * parent's value.
     */
    @SuppressWarnings("unchecked")
    private static void fold(List<Creator> creators) {
        for (int i = creators.size() - 1; i >= 0; i--) {
            Creator c = creators.get(i);
            String parent = c.path().substring(0, c.path().lastIndexOf('/'));
            long parents = creators.stream().filter(p -> p.path().equals(parent) && p.target() == c.target()
                    && p.before() == c.before()).count();
            for (int j = 0; j < i && parents == 1; j++) {
                Creator p = creators.get(j);
                if (p.path().equals(parent) && p.target() == c.target() && p.before() == c.before()
                        && java.util.Objects.equals(p.enabledIf(), c.enabledIf()) && p.value() instanceof Map<?, ?> m) {
                    ((Map<String, Object>) m).put(c.path().substring(c.path().lastIndexOf('/') + 1), c.value());
                    creators.remove(i);
                    break;
                }
            }
        }
    }

    /** {@code {}}, {@code []} or {@code {a: {b: []}}} for the build log. */
    private static String flow(Object value) {
        if (value instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            m.forEach((k, v) -> parts.add(k + ": " + flow(v)));
            return "{" + String.join(", ", parts) + "}";
        }
        return "[]";
    }

    private String name(int t) {
        return targets.get(t).name() != null ? targets.get(t).name() : String.valueOf(targets.get(t).object().get("kind"));
    }

    private static String names(List<ClusterClassPatch> patches, Iterable<Integer> indexes) {
        List<String> out = new ArrayList<>();
        indexes.forEach(i -> out.add("'" + patches.get(i).name() + "'"));
        return String.join(", ", out);
    }

    /** A selector of exactly this target: its kind in its role. */
    static PatchSelector selector(Target t) {
        String apiVersion = String.valueOf(t.object().get("apiVersion"));
        String kind = String.valueOf(t.object().get("kind"));
        ClassNames cls = t.className() == null ? null : new ClassNames(List.of(t.className()), Map.of());
        PatchSelectorMatch m = switch (t.role()) {
            case CONTROL_PLANE -> new PatchSelectorMatch(true, null, null, null, Map.of());
            case INFRASTRUCTURE_CLUSTER -> new PatchSelectorMatch(null, true, null, null, Map.of());
            case MACHINE_DEPLOYMENT_CLASS -> new PatchSelectorMatch(null, null, cls, null, Map.of());
            case MACHINE_POOL_CLASS -> new PatchSelectorMatch(null, null, null, cls, Map.of());
        };
        return new PatchSelector(apiVersion, kind, m, Map.of());
    }
}
