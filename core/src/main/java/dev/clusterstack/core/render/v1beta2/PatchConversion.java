package dev.clusterstack.core.render.v1beta2;

import dev.clusterstack.core.bind.Binder;
import dev.clusterstack.core.bind.Node;
import dev.clusterstack.core.bind.Writer;
import dev.clusterstack.core.crd.CrdSchemas;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.JSONPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.PatchDefinition;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.PatchSelector;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.PatchSelectorMatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassVariable;
import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.render.v1beta2.KubeadmPaths.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Converts a ClusterClass's inline patches, written for v1beta1 KubeadmControlPlaneTemplate and
 * KubeadmConfigTemplate, to v1beta2: only rewrites that are exact, everything else a located error.
 *
 * <ul>
 *   <li>{@code add .../extraArgs/<name>} (and {@code kubeletExtraArgs}) appends {@code {name, value}} to
 *   {@code .../extraArgs/-}; a value from a variable or a one-action {@code | toJson} template becomes a template
 *   that renders {@code {name, value}}. An argument the template or an earlier patch already sets is an error (v1beta1's
 *   add replaced it; a second list entry of that name breaks v1beta2's unique-name rule). {@code replace} and
 *   {@code remove} of one argument are errors: its position in the list is not known.</li>
 *   <li>A whole argument map (literal or a map variable) becomes a list; argument maps inside literal objects too.</li>
 *   <li>Renamed fields get their new path; durations become seconds when the value is a literal of whole seconds;
 *   removed fields are errors.</li>
 *   <li>v1beta2 refuses empty objects and lists, so a template does not carry {@code apiServer: {}} or
 *   {@code files: []}, and Cluster API's JSON patch library (evanphx/json-patch v5, default options) does not create
 *   missing parents. Where an {@code add} needs an object or list a selected template lacks, a patch that adds it
 *   (empty) is inserted before the first patch touching it, enabled exactly when one of the patches adding into it is
 *   ({@link Parents}). Where that cannot be proven, an error says what to write instead.</li>
 *   <li>Selectors of KubeadmControlPlaneTemplate and KubeadmConfigTemplate get v1beta2; others stay.</li>
 * </ul>
 */
public final class PatchConversion {
    /** How a template is referenced by the class, which is what a selector's {@code matchResources} matches. */
    public enum Role { CONTROL_PLANE, INFRASTRUCTURE_CLUSTER, MACHINE_DEPLOYMENT_CLASS, MACHINE_POOL_CLASS }

    /**
     * One template as the class uses it: its role ({@code className} for machine deployment and pool classes) and
     * the object as the v1beta2 output writes it (apiVersion, kind, spec), before any patch.
     */
    public record Target(Role role, String className, String name, Map<String, Object> object) {
        public Target {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(object, "object");
        }
    }

    /** The converted patches, the rewrites done (for the build log), and the problems (errors: nothing exact). */
    public record Result(List<ClusterClassPatch> patches, List<String> rewrites, List<Problem> problems) {
        public Result {
            patches = List.copyOf(patches);
            rewrites = List.copyOf(rewrites);
            problems = List.copyOf(problems);
        }

        /** The patches as plain objects, as a ClusterClass's {@code spec.patches} spells them. */
        @SuppressWarnings("unchecked")
        public List<Object> plainPatches() {
            return (List<Object>) Writer.toPlain(patches);
        }

        public boolean hasErrors() {
            return problems.stream().anyMatch(Problem::isError);
        }
    }

    private final List<ClusterClassVariable> variables;
    private final List<Target> targets;
    private final List<TemplateState> states = new ArrayList<>();
    private final List<String> rewrites = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final Parents parents;
    private boolean[] always;
    private CrdSchemas crds;

    private PatchConversion(List<ClusterClassVariable> variables, List<Target> targets) {
        this.variables = variables == null ? List.of() : variables;
        this.targets = targets == null ? List.of() : targets;
        this.parents = new Parents(this.targets);
        for (Target t : this.targets) {
            states.add(new TemplateState(t.name() != null ? t.name() : String.valueOf(t.object().get("kind")), t.object()));
        }
    }

    /**
     * Converts {@code patches} (in class order) given the class's variables (for the types of
     * {@code valueFrom.variable}) and the templates they may select, as the v1beta2 output writes them.
     */
    public static Result convert(List<ClusterClassPatch> patches, List<ClusterClassVariable> variables, List<Target> targets) {
        return convert(patches, variables, targets, null);
    }

    /**
     * Like {@link #convert(List, List, List)}, and every path (as converted) is checked against the CRD schema of the
     * kind its selector names, in the output's API version, when {@code crds} has it: a path the schema does not have
     * is a located error. Without CRDs only the fields v1beta2 removed are known (the conversion's own table).
     */
    public static Result convert(List<ClusterClassPatch> patches, List<ClusterClassVariable> variables, List<Target> targets,
                                 CrdSchemas crds) {
        PatchConversion c = new PatchConversion(variables, targets);
        c.crds = crds;
        List<ClusterClassPatch> out = c.patches(patches == null ? List.of() : patches);
        return new Result(out, c.rewrites, c.problems);
    }

    /**
     * For a writer working on plain objects: the patches and variables of a ClusterClass object ({@code spec.patches},
     * {@code spec.variables}; template references with kind and name, as v1beta1's {@code ref} or v1beta2's
     * {@code templateRef}, machine deployment classes with or without v1beta1's {@code template}) converted against the
     * template objects as the v1beta2 output writes them (matched by kind and {@code metadata.name}).
     * {@link Result#plainPatches()} gives them back as plain objects.
     */
    @SuppressWarnings("unchecked")
    public static Result convertClass(Map<String, Object> clusterClass, List<Map<String, Object>> templates, CrdSchemas crds) {
        Map<String, Object> spec = clusterClass.get("spec") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        List<Target> targets = new ArrayList<>();
        // templates are named <class name>-<template name>: messages name the template
        String prefix = child(clusterClass, "metadata").get("name") instanceof String n ? n : null;
        Map<String, Object> cp = child(spec, "controlPlane");
        target(targets, Role.CONTROL_PLANE, null, ref(cp), templates, prefix);
        target(targets, Role.CONTROL_PLANE, null, ref(child(cp, "machineInfrastructure")), templates, prefix);
        target(targets, Role.INFRASTRUCTURE_CLUSTER, null, ref(child(spec, "infrastructure")), templates, prefix);
        for (String pool : List.of("machineDeployments", "machinePools")) {
            Role role = pool.equals("machineDeployments") ? Role.MACHINE_DEPLOYMENT_CLASS : Role.MACHINE_POOL_CLASS;
            if (child(spec, "workers").get(pool) instanceof List<?> classes) {
                for (Object c : classes) {
                    Map<String, Object> cls = c instanceof Map<?, ?> cm ? (Map<String, Object>) cm : Map.of();
                    String name = String.valueOf(cls.get("class"));
                    Map<String, Object> template = cls.containsKey("template") ? child(cls, "template") : cls;
                    target(targets, role, name, ref(child(template, "bootstrap")), templates, prefix);
                    target(targets, role, name, ref(child(template, "infrastructure")), templates, prefix);
                }
            }
        }
        return convertPlain(spec.get("patches") instanceof List<?> l ? l : List.of(),
                spec.get("variables") instanceof List<?> l ? l : List.of(), targets, crds);
    }

    /**
     * For the v1beta2 writer: the model's patches and variables converted against the class's templates as the
     * writer writes them. They are read as they are written ({@link Writer}: maps in stable order), so that a
     * feature's unordered map value converts the same in every run.
     */
    public static Result convertModel(List<ClusterClassPatch> patches, List<ClusterClassVariable> variables, List<Target> targets) {
        return convertPlain((List<?>) Writer.toPlain(patches), (List<?>) Writer.toPlain(variables == null ? List.of() : variables),
                targets, null);
    }

    /** Patches and variables as plain objects, read into the model (binding problems reported), converted. */
    private static Result convertPlain(List<?> plainPatches, List<?> plainVariables, List<Target> targets, CrdSchemas crds) {
        Binder binder = new Binder();
        List<ClusterClassPatch> patches = new ArrayList<>();
        List<ClusterClassVariable> variables = new ArrayList<>();
        for (int i = 0; i < plainPatches.size(); i++) {
            patches.add(binder.bind(Node.fromPlain(plainPatches.get(i)), ClusterClassPatch.class, "clusterClass.patches[" + i + "]"));
        }
        for (int i = 0; i < plainVariables.size(); i++) {
            variables.add(binder.bind(Node.fromPlain(plainVariables.get(i)), ClusterClassVariable.class,
                    "clusterClass.variables[" + i + "]"));
        }
        Result r = convert(patches, variables, targets, crds);
        List<Problem> problems = new ArrayList<>(binder.problems());
        problems.addAll(r.problems());
        return new Result(r.patches(), r.rewrites(), problems);
    }

    /** A template reference: v1beta1's {@code ref} or v1beta2's {@code templateRef}. */
    private static Map<String, Object> ref(Map<String, Object> holder) {
        return holder.containsKey("ref") ? child(holder, "ref") : child(holder, "templateRef");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> m, String key) {
        return m != null && m.get(key) instanceof Map<?, ?> c ? (Map<String, Object>) c : Map.of();
    }

    private static void target(List<Target> out, Role role, String cls, Map<String, Object> ref, List<Map<String, Object>> templates,
                               String prefix) {
        for (Map<String, Object> t : templates) {
            Map<String, Object> meta = child(t, "metadata");
            if (!ref.isEmpty() && Objects.equals(ref.get("kind"), t.get("kind")) && Objects.equals(ref.get("name"), meta.get("name"))) {
                String name = String.valueOf(meta.get("name"));
                out.add(new Target(role, cls, prefix != null && name.startsWith(prefix + "-") ? name.substring(prefix.length() + 1)
                        : name, t));
                return;
            }
        }
    }

    private List<ClusterClassPatch> patches(List<ClusterClassPatch> patches) {
        always = new boolean[patches.size()];
        for (int p = 0; p < patches.size(); p++) {
            always[p] = patches.get(p) == null || patches.get(p).enabledIf() == null || patches.get(p).enabledIf().isBlank();
        }
        List<ClusterClassPatch> converted = new ArrayList<>();
        for (int p = 0; p < patches.size(); p++) {
            ClusterClassPatch patch = patches.get(p);
            if (patch == null || patch.definitions().isEmpty()) {
                converted.add(patch);
                continue;
            }
            List<PatchDefinition> defs = new ArrayList<>();
            for (int d = 0; d < patch.definitions().size(); d++) {
                PatchDefinition def = patch.definitions().get(d);
                defs.add(def == null ? null : definition(patch, p, d, def));
            }
            converted.add(new ClusterClassPatch(patch.name(), patch.description(), patch.enabledIf(), defs, patch.external(),
                    patch.extra()));
        }
        Map<Integer, List<ClusterClassPatch>> creators = parents.creators(patches, always, problems, rewrites);
        List<ClusterClassPatch> out = new ArrayList<>();
        for (int p = 0; p < converted.size(); p++) {
            out.addAll(creators.getOrDefault(p, List.of()));
            out.add(converted.get(p));
        }
        return out;
    }

    private PatchDefinition definition(ClusterClassPatch patch, int p, int d, PatchDefinition def) {
        PatchSelector s = def.selector();
        Kind kind = s == null ? null : Kind.of(s.apiVersion(), s.kind());
        List<Integer> selected = selected(s);
        List<JSONPatch> ops = new ArrayList<>();
        for (int o = 0; o < def.jsonPatches().size(); o++) {
            JSONPatch op = def.jsonPatches().get(o);
            if (op == null) {
                ops.add(null);
                continue;
            }
            String where = "patch '" + patch.name() + "' definition " + d + " op " + o + ": ";
            String field = "clusterClass.patches[" + p + "].definitions[" + d + "].jsonPatches[" + o + "]";
            List<OpRewrite.Converted> converted;
            if (kind == null) {
                converted = List.of(new OpRewrite.Converted(op, null));
            } else {
                try {
                    OpRewrite.Outcome outcome = OpRewrite.rewrite(kind, op, variables);
                    converted = outcome.ops();
                    if (outcome.rewrite() != null) {
                        rewrites.add(where + op.op() + " " + op.path() + " " + outcome.rewrite());
                    }
                } catch (ArgValues.NotConvertible e) {
                    problems.add(Problem.error(field + ".path", where + op.op() + " " + op.path() + " on " + s.kind() + ": "
                            + e.getMessage() + " (output " + kind.v1beta2 + ")"));
                    ops.add(op);
                    continue;
                }
            }
            for (OpRewrite.Converted c : converted) {
                String apiVersion = kind != null ? kind.v1beta2 : s == null ? null : s.apiVersion();
                String missing = s == null || c.op().path() == null ? null
                        : SchemaPaths.missing(crds, apiVersion, s.kind(), KubeadmPaths.segments(c.op().path()));
                if (missing != null) {
                    problems.add(Problem.error(field + ".path", where + op.op() + " " + c.op().path() + ": " + missing
                            + " in the CRD schema of " + s.kind() + " " + apiVersion + " (checked by clusterstack against"
                            + " the CRDs given; Cluster API fails a JSON patch through a missing field, and the API server"
                            + " drops an unknown one)"));
                }
                ops.addAll(withParents(c, selected, p, where, field, kind != null));
            }
        }
        PatchSelector selector = s;
        if (kind != null && !kind.v1beta2.equals(s.apiVersion())) {
            selector = new PatchSelector(kind.v1beta2, s.kind(), s.matchResources(), s.extra());
        }
        return new PatchDefinition(selector, ops, def.extra());
    }

    /**
     * The operation after the argument check; records what it adds on each selected kubeadm template (the only ones
     * whose v1beta2 form leaves out empty objects and lists: infrastructure templates are the same in both outputs).
     */
    private List<JSONPatch> withParents(OpRewrite.Converted c, List<Integer> selected, int p, String where, String field,
                                        boolean kubeadm) {
        JSONPatch op = c.op();
        List<String> path = KubeadmPaths.segments(op.path());
        if (c.argName() != null && !arguments(c.argName(), path.subList(0, path.size() - 1), selected, p, where, field, op)) {
            return List.of(op);
        }
        Object known = op.valueFrom() == null ? op.value() : c.argName() != null ? Map.of("name", c.argName()) : null;
        for (int t : selected) {
            if (kubeadm && "add".equals(op.op()) && !path.isEmpty()) {
                parents.record(t, p, path, op.valueFrom() == null ? op.value() : null, field + ".path", where, problems);
            }
            states.get(t).apply(op.op() == null ? "" : op.op(), path, known, p);
        }
        return List.of(op);
    }

    /** Whether appending argument {@code name} is exact: no selected template or earlier patch sets it already. */
    private boolean arguments(String name, List<String> list, List<Integer> selected, int p, String where, String field,
                              JSONPatch op) {
        for (int t : selected) {
            List<String> names = states.get(t).argNames(list);
            String arg = list.get(list.size() - 1);
            if (names == null) {
                problems.add(Problem.error(field + ".path", where + "append of '" + name + "' to " + KubeadmPaths.pointer(list)
                        + ": an earlier patch sets the whole " + arg + " of template '" + states.get(t).name + "' from a"
                        + " variable or template, so whether '" + name + "' is in it already is not known; v1beta1's add"
                        + " replaced an argument, a second v1beta2 entry of the same name breaks Cluster API's rule that "
                        + arg + " names are unique"));
                return false;
            }
            if (names.contains(name)) {
                int owner = states.get(t).argOwner(list, name);
                problems.add(Problem.error(field + ".path", where + "add of argument '" + name + "': "
                        + (owner < 0 ? "template '" + states.get(t).name + "' sets it already" : "patch #" + owner
                        + " adds it already") + "; v1beta1's add replaced it, but in v1beta2 " + KubeadmPaths.pointer(list)
                        + " is a list and a second entry named '" + name + "' breaks Cluster API's rule that " + arg
                        + " names are unique; " + (owner < 0 ? "leave '" + name + "' out of the template's " + arg
                        + " and add it in a patch without enabledIf where it is the default"
                        : "set '" + name + "' in one patch only")));
                return false;
            }
        }
        return true;
    }

    /** The targets a selector matches (group and kind, any version; then its matchResources). */
    private List<Integer> selected(PatchSelector s) {
        List<Integer> out = new ArrayList<>();
        if (s == null) {
            return out;
        }
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            String apiVersion = String.valueOf(t.object().get("apiVersion"));
            if (!group(apiVersion).equals(group(s.apiVersion())) || !Objects.equals(t.object().get("kind"), s.kind())) {
                continue;
            }
            PatchSelectorMatch m = s.matchResources();
            if (m == null) {
                continue;
            }
            boolean take = switch (t.role()) {
                case CONTROL_PLANE -> Boolean.TRUE.equals(m.controlPlane());
                case INFRASTRUCTURE_CLUSTER -> Boolean.TRUE.equals(m.infrastructureCluster());
                case MACHINE_DEPLOYMENT_CLASS -> names(m.machineDeploymentClass(), t.className());
                case MACHINE_POOL_CLASS -> names(m.machinePoolClass(), t.className());
            };
            if (take) {
                out.add(i);
            }
        }
        return out;
    }

    private static boolean names(ClusterClassPatch.ClassNames names, String cls) {
        if (names == null || cls == null) {
            return false;
        }
        for (String n : names.names()) {
            if (n == null) {
                continue;
            }
            if (n.equals("*") || n.equals(cls) || n.startsWith("*") && cls.endsWith(n.substring(1))
                    || n.endsWith("*") && cls.startsWith(n.substring(0, n.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    private static String group(String apiVersion) {
        return apiVersion == null || !apiVersion.contains("/") ? "" : apiVersion.substring(0, apiVersion.indexOf('/'));
    }
}
