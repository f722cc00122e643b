package dev.clusterstack.core.validate;

import dev.clusterstack.core.bind.Suggest;
import dev.clusterstack.core.model.clusterclass.ClusterClass;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rules of {@code clusterClass.patches[]}: names, exactly one of definitions and external,
 * selectors that match a template of the class, JSON patch operations and paths, values, variables
 * and the Go templates Cluster API evaluates.
 */
final class PatchRules {
    private static final Set<String> OPS = Set.of("add", "replace", "remove");
    private static final Pattern ARRAY_INDEX = Pattern.compile("[0-9]+");

    private final Problems problems;

    PatchRules(Problems problems) {
        this.problems = problems;
    }

    void patches(ClusterClass cc, ClassRules.ClassIndex index, Set<String> variables) {
        Set<String> patchNames = new HashSet<>();
        for (int i = 0; i < cc.patches().size(); i++) {
            ClusterClassPatch p = cc.patches().get(i);
            String path = "clusterClass.patches[" + i + "]";
            if (!problems.present(p, path)) {
                continue;
            }
            if (p.name() == null || p.name().isEmpty()) {
                problems.error(path + ".name", "a patch name is required");
            } else if (!patchNames.add(p.name())) {
                problems.error(path + ".name", "patch name '" + p.name() + "' is used twice");
            }
            if (p.enabledIf() != null) {
                clusterApiTemplate(p.enabledIf(), path + ".enabledIf");
            }
            boolean hasDefinitions = !p.definitions().isEmpty();
            if (hasDefinitions == (p.external() != null)) {
                problems.error(path, "give either 'definitions' or 'external', exactly one");
            }
            for (int d = 0; d < p.definitions().size(); d++) {
                ClusterClassPatch.PatchDefinition def = p.definitions().get(d);
                String dPath = path + ".definitions[" + d + "]";
                if (!problems.present(def, dPath)) {
                    continue;
                }
                selector(def.selector(), dPath + ".selector", index);
                if (def.jsonPatches().isEmpty()) {
                    problems.error(dPath + ".jsonPatches", "at least one JSON patch is required");
                }
                for (int j = 0; j < def.jsonPatches().size(); j++) {
                    if (problems.present(def.jsonPatches().get(j), dPath + ".jsonPatches[" + j + "]")) {
                        jsonPatch(def.jsonPatches().get(j), dPath + ".jsonPatches[" + j + "]", variables);
                    }
                }
            }
        }
    }

    /** A Go template Cluster API evaluates: valid syntax, and no Helm escape left from a hand-migrated chart. */
    private void clusterApiTemplate(String text, String path) {
        problems.goTemplate(text, path);
        HelmEscapes.find(text).ifPresent(e -> problems.error(path, HelmEscapes.message(e)));
    }

    private void selector(ClusterClassPatch.PatchSelector s, String path, ClassRules.ClassIndex index) {
        if (s == null) {
            problems.error(path, "a selector is required");
            return;
        }
        if (s.apiVersion() == null || s.kind() == null) {
            problems.error(path, "selector apiVersion and kind are required");
            return;
        }
        String key = s.apiVersion() + "|" + s.kind();
        var m = s.matchResources();
        if (m == null || (!Boolean.TRUE.equals(m.controlPlane()) && !Boolean.TRUE.equals(m.infrastructureCluster())
                && m.machineDeploymentClass() == null && m.machinePoolClass() == null)) {
            problems.error(path + ".matchResources", "matches nothing: set controlPlane, infrastructureCluster,"
                    + " machineDeploymentClass or machinePoolClass");
            return;
        }
        boolean matched = false;
        if (Boolean.TRUE.equals(m.controlPlane())) {
            matched |= index.roles().getOrDefault("controlPlane", Set.of()).contains(key);
        }
        if (Boolean.TRUE.equals(m.infrastructureCluster())) {
            matched |= index.roles().getOrDefault("infrastructureCluster", Set.of()).contains(key);
        }
        matched |= classes(m.machineDeploymentClass(), path + ".matchResources.machineDeploymentClass.names",
                index.mdKinds(), key, "machine deployment");
        matched |= classes(m.machinePoolClass(), path + ".matchResources.machinePoolClass.names", index.mpKinds(), key,
                "machine pool");
        if (!matched && index.complete()) {
            problems.error(path, "no template of the class has apiVersion " + s.apiVersion() + " and kind " + s.kind()
                    + " in the matched roles: this patch would never apply" + Problems.OWN_RULE);
        }
    }

    private boolean classes(ClusterClassPatch.ClassNames names, String path, Map<String, Set<String>> kinds, String key,
                            String what) {
        if (names == null) {
            return false;
        }
        boolean matched = false;
        for (int i = 0; i < names.names().size(); i++) {
            String n = names.names().get(i);
            if ("*".equals(n) || (n != null && n.endsWith("*"))) {
                String prefix = n.substring(0, n.length() - 1);
                matched |= kinds.entrySet().stream().anyMatch(e -> e.getKey() != null && e.getKey().startsWith(prefix)
                        && e.getValue().contains(key));
                continue;
            }
            if (!kinds.containsKey(n)) {
                problems.error(path + "[" + i + "]", "no " + what + " class named '" + n + "'");
            } else {
                matched |= kinds.get(n).contains(key);
            }
        }
        return matched;
    }

    private void jsonPatch(ClusterClassPatch.JSONPatch p, String path, Set<String> variables) {
        if (p.op() == null || !OPS.contains(p.op())) {
            problems.error(path + ".op", "'" + p.op() + "' is not supported: use add, replace or remove");
        }
        if (p.path() == null || !p.path().startsWith("/spec/")) {
            problems.error(path + ".path", "'" + p.path() + "' must start with /spec/ (Cluster API patches only the spec)");
        } else {
            String[] parts = p.path().substring(1).split("/", -1);
            for (int k = 0; k < parts.length; k++) {
                String seg = parts[k];
                if (seg.isEmpty()) {
                    problems.error(path + ".path", "'" + p.path() + "' has an empty segment");
                    break;
                }
                if (ARRAY_INDEX.matcher(seg).matches() && !seg.equals("0")) {
                    problems.error(path + ".path", "'" + p.path() + "': array index " + seg
                            + " is not allowed, only 0 (prepend) or - (append)");
                }
                if (seg.equals("-") && k != parts.length - 1) {
                    problems.error(path + ".path", "'" + p.path() + "': '-' may only be the last segment");
                }
                if (seg.contains("~") && !seg.matches("(~[01]|[^~])*")) {
                    problems.error(path + ".path", "'" + p.path() + "': '~' must be escaped as ~0 and '/' as ~1");
                }
            }
        }
        boolean remove = "remove".equals(p.op());
        boolean hasValue = p.value() != null;
        boolean hasFrom = p.valueFrom() != null;
        if (remove && (hasValue || hasFrom)) {
            problems.error(path, "'remove' takes neither value nor valueFrom");
        } else if (!remove && hasValue == hasFrom) {
            problems.error(path, "give either 'value' or 'valueFrom', exactly one");
        }
        if (hasFrom) {
            var from = p.valueFrom();
            if ((from.variable() == null) == (from.template() == null)) {
                problems.error(path + ".valueFrom", "give either 'variable' or 'template', exactly one");
            }
            if (from.variable() != null) {
                String root = from.variable().split("[.\\[]", 2)[0];
                if (!root.equals("builtin") && !variables.contains(root)) {
                    String hint = Suggest.closest(root, variables);
                    problems.error(path + ".valueFrom.variable", "'" + from.variable() + "' is not a declared variable"
                            + (hint != null ? ", did you mean '" + hint + "'?" : " nor builtin.*"));
                }
            }
            if (from.template() != null) {
                clusterApiTemplate(from.template(), path + ".valueFrom.template");
            }
        }
    }
}
