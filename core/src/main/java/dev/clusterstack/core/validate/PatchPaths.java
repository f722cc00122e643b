package dev.clusterstack.core.validate;

import dev.clusterstack.core.bind.Writer;
import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.model.base.Template;
import dev.clusterstack.core.model.clusterclass.ClusterClass;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch;
import dev.clusterstack.core.render.ClusterClassChart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON patch paths against the templates they select, as the chart renders them for this Kubernetes
 * version. The patches are applied in order over each selected template's structure: a literal value
 * added by an always-enabled patch becomes part of it; a value from a variable or a Go template, and
 * anything a conditional patch sets, is opaque, and nothing below it is judged. Reported is only what
 * is certain: {@code replace}/{@code remove} of a path the template does not have (error), a path
 * that runs through a string, number or list where it needs an object (error), and an {@code add}
 * whose parent is missing (a warning: a CRD default of the template's kind could create the parent,
 * and CRD defaults are not known here).
 */
final class PatchPaths {
    private PatchPaths() {
    }

    /** One selected template while the patches are applied: its tree and the paths earlier patches may have set. */
    private static final class State {
        final Template template;
        final Map<String, Object> tree;
        final List<List<String>> touched = new ArrayList<>();

        State(Template template, Map<String, Object> tree) {
            this.template = template;
            this.tree = tree;
        }
    }

    static void check(StackContent content, ClassRules.ClassIndex index, Problems problems) {
        ClusterClass cc = content.clusterClass();
        // by identity: a template is one of the content's, and hashing a deep record costs a cold JVM dearly
        Map<Template, State> states = new IdentityHashMap<>();
        for (int i = 0; i < cc.patches().size(); i++) {
            ClusterClassPatch p = cc.patches().get(i);
            for (int d = 0; d < p.definitions().size(); d++) {
                ClusterClassPatch.PatchDefinition def = p.definitions().get(d);
                List<State> selected = new ArrayList<>();
                for (Template t : selected(cc, def.selector(), index)) {
                    selected.add(states.computeIfAbsent(t, k -> new State(k, tree(content, k))));
                }
                for (int j = 0; j < def.jsonPatches().size(); j++) {
                    String path = "clusterClass.patches[" + i + "].definitions[" + d + "].jsonPatches[" + j + "].path";
                    apply(def.jsonPatches().get(j), p.enabledIf() == null, selected, path, problems);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tree(StackContent content, Template t) {
        return (Map<String, Object>) Writer.toPlain(ClusterClassChart.templateObject(content, t));
    }

    /** The templates a selector picks, each once, in the order of the class's references. */
    private static List<Template> selected(ClusterClass cc, ClusterClassPatch.PatchSelector s, ClassRules.ClassIndex index) {
        List<Template> out = new ArrayList<>();
        var m = s.matchResources();
        for (Map.Entry<String, Template> e : index.refs().entrySet()) {
            String ref = e.getKey();
            Template t = e.getValue();
            if (!s.apiVersion().equals(t.apiVersion()) || !s.kind().equals(t.kind())) {
                continue;
            }
            boolean take = Boolean.TRUE.equals(m.controlPlane()) && ref.startsWith("clusterClass.controlPlane.")
                    || Boolean.TRUE.equals(m.infrastructureCluster()) && ref.equals("clusterClass.infrastructure.ref")
                    || matchesClass(ref, "clusterClass.workers.machineDeployments[", m.machineDeploymentClass(),
                    cc.workers() == null ? List.of() : cc.workers().machineDeployments().stream()
                            .map(md -> md == null ? null : md.className()).toList())
                    || matchesClass(ref, "clusterClass.workers.machinePools[", m.machinePoolClass(),
                    cc.workers() == null ? List.of() : cc.workers().machinePools().stream()
                            .map(mp -> mp == null ? null : mp.className()).toList());
            if (take && out.stream().noneMatch(o -> o == t)) {
                out.add(t);
            }
        }
        return out;
    }

    private static boolean matchesClass(String ref, String prefix, ClusterClassPatch.ClassNames names, List<String> classes) {
        if (names == null || !ref.startsWith(prefix)) {
            return false;
        }
        int i = Integer.parseInt(ref.substring(prefix.length(), ref.indexOf(']', prefix.length())));
        String cls = classes.get(i);
        return cls != null && names.names().stream().anyMatch(n -> n != null
                && (n.endsWith("*") ? cls.startsWith(n.substring(0, n.length() - 1)) : n.equals(cls)));
    }

    private static void apply(ClusterClassPatch.JSONPatch p, boolean always, List<State> selected, String path,
                              Problems problems) {
        List<String> segments = Arrays.stream(p.path().substring(1).split("/", -1))
                .map(s -> s.replace("~1", "/").replace("~0", "~")).toList();
        boolean add = "add".equals(p.op());
        boolean reported = false;
        for (State st : selected) {
            int upTo = add ? segments.size() - 1 : segments.size();
            Walk w = walk(st.tree, segments, upTo);
            if (!reported && w.failedAt >= 0 && !touched(st, segments.subList(0, w.failedAt + 1))) {
                String at = "/" + String.join("/", segments.subList(0, w.failedAt + 1));
                String which = "template '" + st.template.name() + "' (" + st.template.kind() + ")";
                if (w.through != null) {
                    problems.error(path, "'" + p.path() + "' runs through " + w.through + " at " + at + " in " + which
                            + ": Cluster API cannot apply it");
                    reported = true;
                } else if (!add) {
                    problems.error(path, "'" + p.path() + "': " + which + " has no " + at + " (after the patches before"
                            + " this one): Cluster API fails to " + p.op() + " a path that does not exist");
                    reported = true;
                } else {
                    problems.warning(path, "'" + p.path() + "': " + which + " has no " + at + ", the parent this patch"
                            + " adds to; Cluster API fails unless a CRD default of " + st.template.kind() + " creates it"
                            + " (CRD defaults are not known to this check)");
                    reported = true;
                }
            }
            if (!"remove".equals(p.op())) {
                st.touched.add(normal(segments));
                Walk parent = add ? w : walk(st.tree, segments, segments.size() - 1);
                if (always && p.value() != null && parent.failedAt < 0 && parent.node != null) {
                    set(parent.node, segments.get(segments.size() - 1), Writer.toPlain(p.value()), add);
                }
            }
        }
    }

    /** Where a walk stopped: the index of the first segment that is missing or cannot be entered, else -1. */
    private record Walk(int failedAt, String through, Object node) {
    }

    @SuppressWarnings("unchecked")
    private static Walk walk(Map<String, Object> tree, List<String> segments, int upTo) {
        Object node = tree;
        for (int i = 0; i < upTo; i++) {
            String seg = segments.get(i);
            if (node instanceof Map<?, ?> m) {
                if (!m.containsKey(seg) || m.get(seg) == null) {
                    return new Walk(i, null, null);
                }
                node = m.get(seg);
            } else if (node instanceof List<?> l) {
                if (!seg.equals("0") && !seg.equals("-")) {
                    return new Walk(i, "a list", null);
                }
                if (l.isEmpty() || seg.equals("-")) {
                    return new Walk(i, null, null);
                }
                node = l.get(0);
            } else {
                return new Walk(i, node instanceof String ? "a string" : node instanceof Boolean ? "a boolean" : "a number",
                        null);
            }
        }
        if (upTo < segments.size() && !(node instanceof Map<?, ?>) && !(node instanceof List<?>)) {
            return new Walk(upTo, node instanceof String ? "a string" : node instanceof Boolean ? "a boolean" : "a number",
                    null);
        }
        return new Walk(-1, null, node);
    }

    @SuppressWarnings("unchecked")
    private static void set(Object parent, String last, Object value, boolean add) {
        if (parent instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).put(last, value);
        } else if (parent instanceof List<?> l && add) {
            List<Object> list = (List<Object>) l;
            if (last.equals("-")) {
                list.add(value);
            } else if (last.equals("0")) {
                list.add(0, value);
            }
        }
    }

    /** Whether an earlier patch set this path, one above it or one below it: what lies there is not known. */
    private static boolean touched(State st, List<String> path) {
        List<String> p = normal(path);
        for (List<String> t : st.touched) {
            int n = Math.min(t.size(), p.size());
            if (p.subList(0, n).equals(t.subList(0, n))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> normal(List<String> segments) {
        List<String> out = new ArrayList<>(segments.size());
        segments.forEach(s -> out.add(s.equals("-") ? "0" : s));
        return out;
    }

}
