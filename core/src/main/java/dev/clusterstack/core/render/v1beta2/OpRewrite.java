package dev.clusterstack.core.render.v1beta2;

import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.JSONPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassVariable;
import dev.clusterstack.core.render.v1beta2.KubeadmPaths.ArgPath;
import dev.clusterstack.core.render.v1beta2.KubeadmPaths.Kind;
import dev.clusterstack.core.render.v1beta2.KubeadmPaths.Match;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One v1beta1 JSON patch operation on a KubeadmControlPlaneTemplate or KubeadmConfigTemplate as the exact v1beta2
 * operation(s), without looking at the templates: argument maps to {@code {name, value}} appends, renamed fields
 * to their new paths, durations to seconds. What has no exact v1beta2 form is a {@link ArgValues.NotConvertible}.
 */
final class OpRewrite {
    private OpRewrite() {
    }

    /** A converted operation; {@code argName} when it appends one argument (for the duplicate check). */
    record Converted(JSONPatch op, String argName) {
    }

    /** The operations, and what was rewritten (null when the operation stays as it is). */
    record Outcome(List<Converted> ops, String rewrite) {
    }

    static Outcome rewrite(Kind kind, JSONPatch op, List<ClusterClassVariable> variables) throws ArgValues.NotConvertible {
        List<String> segments = KubeadmPaths.segments(op.path());
        String verb = op.op() == null ? "" : op.op();
        ArgPath arg = KubeadmPaths.argPath(kind, segments);
        if (arg != null) {
            return argument(arg, segments, verb, op, variables);
        }
        Match change = KubeadmPaths.change(kind, segments);
        if (change != null) {
            return changed(change, verb, op);
        }
        if (op.valueFrom() == null && (op.value() instanceof Map<?, ?> || op.value() instanceof List<?>)
                && (verb.equals("add") || verb.equals("replace"))) {
            Object converted = literal(kind, segments, op.value());
            if (!converted.equals(op.value())) {
                return new Outcome(List.of(new Converted(new JSONPatch(verb, op.path(), converted, null, op.extra()), null)),
                        "its value's argument maps became {name, value} lists (v1beta2)");
            }
        }
        return new Outcome(List.of(new Converted(op, null)), null);
    }

    private static Outcome argument(ArgPath arg, List<String> segments, String verb, JSONPatch op,
                                    List<ClusterClassVariable> variables) throws ArgValues.NotConvertible {
        String list = KubeadmPaths.pointer(arg.list());
        String field = arg.list().get(arg.list().size() - 1);
        if (arg.extra() == 0) {
            if (verb.equals("remove")) {
                return new Outcome(List.of(new Converted(op, null)), null);
            }
            if (op.valueFrom() == null) {
                return new Outcome(List.of(new Converted(new JSONPatch(verb, op.path(), ArgValues.listOfMap(op.value()),
                        null, op.extra()), null)), "the map value became a list of {name, value} (v1beta2)");
            }
            if (op.valueFrom().variable() != null && !op.valueFrom().variable().isEmpty()) {
                String type = ArgValues.variableType(op.valueFrom().variable(), variables);
                if (type != null && !type.equals("object")) {
                    throw new ArgValues.NotConvertible("variable '" + op.valueFrom().variable() + "' is of type " + type
                            + ", not a map of arguments");
                }
                return new Outcome(List.of(new Converted(new JSONPatch(verb, op.path(), null,
                        ArgValues.listOfMapVariable(op.valueFrom().variable()), op.extra()), null)),
                        "the map variable '" + op.valueFrom().variable() + "' is rendered as a list of {name, value}"
                                + " by a template (v1beta2)");
            }
            throw new ArgValues.NotConvertible("a valueFrom.template renders a map of " + field + ", which v1beta2"
                    + " refuses; write a template that renders a list of {name, value}, or one add of " + list
                    + "/<name> per argument");
        }
        if (arg.extra() > 1) {
            throw new ArgValues.NotConvertible("an argument's value is a string, nothing lies below " + list + "/"
                    + segments.get(arg.list().size()));
        }
        String name = segments.get(segments.size() - 1);
        if (name.equals("-") && verb.equals("add")) {
            // already v1beta2's form: an append of {name, value}
            Object item = op.valueFrom() == null ? op.value() : null;
            return new Outcome(List.of(new Converted(op, item instanceof Map<?, ?> m && m.get("name") instanceof String n
                    ? n : null)), null);
        }
        if (verb.equals("remove")) {
            throw new ArgValues.NotConvertible("v1beta2's " + field + " is a list and the position of '" + name
                    + "' in it is not known when the patch is written, so no JSON patch removes it exactly; leave the"
                    + " argument out of the template instead and add it with a patch where it is wanted");
        }
        if (verb.equals("replace")) {
            throw new ArgValues.NotConvertible("v1beta2's " + field + " is a list: the position of '" + name + "' is not"
                    + " known when the patch is written, so no JSON patch replaces its value exactly; leave '" + name
                    + "' out of the template and use add (it appends {name, value})");
        }
        if (!verb.equals("add")) {
            return new Outcome(List.of(new Converted(op, null)), null);
        }
        ArgValues.Value v = ArgValues.item(name, op, variables);
        return new Outcome(List.of(new Converted(v.op("add", list + "/-"), name)),
                "rewritten to append {name: " + name + ", value} to " + list + "/- (v1beta2)"
                        + (op.valueFrom() != null && op.valueFrom().variable() != null
                        && !"string".equals(ArgValues.variableType(op.valueFrom().variable(), variables))
                        ? ", the value rendered as a string" : ""));
    }

    private static Outcome changed(Match m, String verb, JSONPatch op) throws ArgValues.NotConvertible {
        KubeadmPaths.Change c = m.change();
        String from = KubeadmPaths.pointer(KubeadmPaths.concat(m.base(), c.from()));
        if (c.to().isEmpty()) {
            throw new ArgValues.NotConvertible(from + " does not exist in v1beta2 (" + c.why() + ")");
        }
        List<List<String>> targets = m.targets();
        List<String> to = targets.stream().map(KubeadmPaths::pointer).toList();
        if (!c.seconds()) {
            String path = to.get(0);
            return new Outcome(List.of(new Converted(new JSONPatch(verb, path, op.value(), op.valueFrom(), op.extra()), null)),
                    "rewritten to " + verb + " " + path + " (v1beta2 renamed " + from + ")");
        }
        if (!m.rest().isEmpty()) {
            throw new ArgValues.NotConvertible(from + " is a duration: nothing lies below it");
        }
        List<Converted> out = new ArrayList<>();
        if (verb.equals("remove")) {
            to.forEach(t -> out.add(new Converted(new JSONPatch("remove", t, null, null, op.extra()), null)));
            return new Outcome(out, "rewritten to remove " + String.join(" and ", to) + " (v1beta2)");
        }
        Long seconds = op.valueFrom() == null ? KubeadmPaths.wholeSeconds(op.value()) : null;
        if (seconds == null) {
            throw new ArgValues.NotConvertible(from + " became " + String.join(" and ", to) + " (whole seconds) in"
                    + " v1beta2; only a literal duration of whole seconds (such as \"4m\" or \"90s\") converts exactly, not "
                    + (op.valueFrom() != null ? "a valueFrom" : ArgValues.describe(op.value()))
                    + "; patch the seconds field directly");
        }
        to.forEach(t -> out.add(new Converted(new JSONPatch(verb, t, seconds, null, op.extra()), null)));
        return new Outcome(out, "rewritten to " + verb + " " + String.join(" and ", to) + " = " + seconds + " (v1beta2"
                + " replaced the duration " + from + ")");
    }

    /** A literal object or list added at {@code at}: argument maps inside become lists; a changed field inside is refused. */
    private static Object literal(Kind kind, List<String> at, Object value) throws ArgValues.NotConvertible {
        ArgPath arg = KubeadmPaths.argPath(kind, at);
        if (arg != null && arg.extra() == 0) {
            return ArgValues.listOfMap(value);
        }
        Match change = KubeadmPaths.change(kind, at);
        if (change != null) {
            throw new ArgValues.NotConvertible("the value sets " + KubeadmPaths.pointer(at) + ", which v1beta2 "
                    + (change.change().to().isEmpty() ? "removed (" + change.change().why() + ")"
                    : "moved to " + String.join(" and ", change.targets().stream().map(KubeadmPaths::pointer).toList()))
                    + "; set it in its own operation");
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.put(String.valueOf(e.getKey()), literal(kind, KubeadmPaths.concat(at, List.of(String.valueOf(e.getKey()))),
                        e.getValue()));
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                out.add(literal(kind, KubeadmPaths.concat(at, List.of(Integer.toString(i))), list.get(i)));
            }
            return out;
        }
        return value;
    }
}
