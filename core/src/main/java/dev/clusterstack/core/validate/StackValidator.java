package dev.clusterstack.core.validate;

import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.problem.StackException;

import dev.clusterstack.core.bind.Paths;
import dev.clusterstack.core.bind.Writer;
import dev.clusterstack.core.model.AddonLayout;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.KubernetesRelease;
import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.model.base.Template;
import dev.clusterstack.core.model.addon.Addon;
import dev.clusterstack.core.model.addon.AddonStage;
import dev.clusterstack.core.model.clusterclass.ClusterClass;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassVariable;
import dev.clusterstack.core.model.clusterclass.JSONSchemaProps;
import dev.clusterstack.core.model.clusterclass.LocalObjectTemplate;
import dev.clusterstack.core.model.clusterclass.MachineDeploymentClass;
import dev.clusterstack.core.model.clusterclass.MachinePoolClass;
import dev.clusterstack.core.model.kubeadm.File;
import dev.clusterstack.core.model.kubeadm.KubeadmConfigSpec;
import dev.clusterstack.core.model.kubeadm.KubeadmConfigTemplate;
import dev.clusterstack.core.model.kubeadm.KubeadmControlPlaneTemplate;
import dev.clusterstack.core.render.HelmText;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a {@link ClusterStack} the way Cluster API's webhooks and the Cluster Stack Operator would,
 * before anything is rendered. Returns every problem, each with the model path of the field at fault.
 */
public final class StackValidator {
    private static final Pattern PROVIDER_NAME = Pattern.compile("[a-z0-9]+");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> SCHEMA_TYPES = Set.of("object", "array", "string", "integer", "number", "boolean");
    private static final Set<String> OPS = Set.of("add", "replace", "remove");
    private static final Pattern CORE_VERSION = Pattern.compile("v1");
    private static final Pattern ARRAY_INDEX = Pattern.compile("[0-9]+");

    private final List<Problem> problems = new ArrayList<>();
    private String version;

    private StackValidator() {
    }

    /** Every problem of the stack; empty when it is valid. Problems of one Kubernetes version name it. */
    public static List<Problem> validate(ClusterStack stack) {
        StackValidator v = new StackValidator();
        v.stack(stack);
        return List.copyOf(v.problems);
    }

    /** Throws {@link StackException} when the stack has errors; returns the warnings otherwise. */
    public static List<Problem> requireValid(ClusterStack stack) {
        List<Problem> found = validate(stack);
        if (found.stream().anyMatch(Problem::isError)) {
            throw new StackException(found);
        }
        return found;
    }

    /** Whether a list entry is there; an empty one ({@code - ~} in YAML, {@code null} in Java) is an error. */
    private boolean present(Object entry, String path) {
        if (entry == null) {
            error(path, "empty entry");
            return false;
        }
        return true;
    }

    private void error(String path, String message) {
        problems.add(Problem.error(path, message).forVersion(version));
    }

    private void warning(String path, String message) {
        problems.add(Problem.warning(path, message).forVersion(version));
    }

    private void stack(ClusterStack stack) {
        if (stack.provider() == null) {
            error("provider", "a provider is required (openstack, docker, ...: [a-z0-9]+)");
        } else if (!PROVIDER_NAME.matcher(stack.provider()).matches()) {
            error("provider", "'" + stack.provider() + "' must match [a-z0-9]+ (lower-case letters and digits, no dash:"
                    + " the operator splits release names on '-')");
        }
        if (stack.name() == null) {
            error("name", "a stack name is required ([a-z0-9]+, e.g. scs)");
        } else if (!PROVIDER_NAME.matcher(stack.name()).matches()) {
            error("name", "'" + stack.name() + "' must match [a-z0-9]+ (lower-case letters and digits, no dash:"
                    + " the operator splits release names on '-')");
        }
        if (stack.releases().isEmpty()) {
            error("kubernetesVersions", "at least one Kubernetes version is required");
        }
        Map<String, Integer> minors = new HashMap<>();
        for (int i = 0; i < stack.releases().size(); i++) {
            KubernetesRelease r = stack.releases().get(i);
            String path = "kubernetesVersions[" + i + "].version";
            if (r == null || r.kubernetesVersion() == null) {
                error(path, "a Kubernetes version is required");
                continue;
            }
            Integer before = minors.putIfAbsent(r.kubernetesVersion().minorDash(), i);
            if (before != null) {
                error(path, "Kubernetes " + r.kubernetesVersion().minorDot() + " is given twice (also kubernetesVersions["
                        + before + "]): one version per minor, each minor is its own cluster stack");
            }
        }
        for (KubernetesRelease r : stack.releases()) {
            if (r == null) {
                continue;
            }
            version = r.kubernetesVersion() == null ? null : r.kubernetesVersion().toString();
            if (r.content() == null) {
                error("", "no content for this Kubernetes version");
                continue;
            }
            content(r.content());
        }
        version = null;
    }

    private void content(StackContent c) {
        Map<String, Template> templates = new LinkedHashMap<>();
        for (int i = 0; i < c.templates().size(); i++) {
            Template t = c.templates().get(i);
            String path = "templates[" + i + "]";
            if (t == null) {
                error(path, "empty template");
                continue;
            }
            if (t.name() == null || t.name().isEmpty() || !DNS_LABEL.matcher(t.name()).matches() || t.name().length() > 40) {
                error(path + ".name", "'" + t.name() + "' must be a lower-case DNS label of at most 40 characters"
                        + " (it becomes the suffix of the object name)");
            } else if (templates.putIfAbsent(t.name(), t) != null) {
                error(path + ".name", "template name '" + t.name() + "' is used twice");
            }
            if (t.apiVersion() == null || !t.apiVersion().contains("/") && !CORE_VERSION.matcher(t.apiVersion()).matches()) {
                error(path + ".apiVersion", "'" + t.apiVersion() + "' must be <group>/<version> (or v1 for core objects)");
            }
            if (t.kind() == null || t.kind().isEmpty()) {
                error(path + ".kind", "a kind is required");
            }
            if (t instanceof KubeadmControlPlaneTemplate k) {
                kubeadmConfigSpec(k.kubeadmConfigSpec(), path + ".spec.template.spec.kubeadmConfigSpec");
            } else if (t instanceof KubeadmConfigTemplate k) {
                kubeadmConfigSpec(k.kubeadmConfigSpec(), path + ".spec.template.spec");
            }
            placeholders(t, path);
        }
        ClusterClass cc = c.clusterClass();
        if (cc == null) {
            error("clusterClass", "a clusterClass is required");
        } else {
            clusterClass(cc, templates);
            placeholders(cc, "clusterClass");
        }
        addons(c);
        AddonChartNames.check(c).forEach(p -> problems.add(p.forVersion(version)));
        OrcImageRules.check(c).forEach(p -> problems.add(p.forVersion(version)));
    }

    private void placeholders(Object model, String path) {
        String text = String.valueOf(Writer.toPlain(model));
        if (HelmText.containsPlaceholder(text)) {
            error(path, "contains the reserved text '" + HelmText.NAME_PREFIX + "' or '" + HelmText.NAMESPACE + "'");
        }
    }

    private void clusterClass(ClusterClass cc, Map<String, Template> templates) {
        // references and roles
        Map<String, Set<String>> roles = new HashMap<>(); // role -> apiVersion/kind
        ref(cc.infrastructure(), "clusterClass.infrastructure", templates, "infrastructureCluster", roles, true);
        if (cc.controlPlane() == null) {
            error("clusterClass.controlPlane", "a controlPlane is required");
        } else {
            String path = "clusterClass.controlPlane";
            if (cc.controlPlane().ref() == null) {
                error(path + ".ref", "the control plane template is required");
            } else {
                ref(LocalObjectTemplate.of(cc.controlPlane().ref()), path, templates, "controlPlane", roles, true);
            }
            ref(cc.controlPlane().machineInfrastructure(), path + ".machineInfrastructure", templates, "controlPlane", roles, false);
            naming(cc.controlPlane().namingStrategy(), path + ".namingStrategy");
        }
        naming(cc.infrastructureNamingStrategy(), "clusterClass.infrastructureNamingStrategy");
        Set<String> mdClasses = new HashSet<>();
        Set<String> mpClasses = new HashSet<>();
        Map<String, Set<String>> mdKinds = new HashMap<>();
        Map<String, Set<String>> mpKinds = new HashMap<>();
        if (cc.workers() != null) {
            List<MachineDeploymentClass> mds = cc.workers().machineDeployments();
            for (int i = 0; i < mds.size(); i++) {
                MachineDeploymentClass md = mds.get(i);
                String path = "clusterClass.workers.machineDeployments[" + i + "]";
                if (!present(md, path)) {
                    continue;
                }
                if (md.className() == null || md.className().isEmpty()) {
                    error(path + ".class", "a class name is required");
                } else if (!mdClasses.add(md.className())) {
                    error(path + ".class", "machine deployment class '" + md.className() + "' is defined twice");
                }
                if (md.template() == null) {
                    error(path + ".template", "bootstrap and infrastructure templates are required");
                    continue;
                }
                Set<String> kinds = mdKinds.computeIfAbsent(md.className(), k -> new HashSet<>());
                Map<String, Set<String>> own = new HashMap<>();
                ref(md.template().bootstrap(), path + ".template.bootstrap", templates, "md", own, true);
                ref(md.template().infrastructure(), path + ".template.infrastructure", templates, "md", own, true);
                kinds.addAll(own.getOrDefault("md", Set.of()));
                naming(md.namingStrategy(), path + ".namingStrategy");
            }
            List<MachinePoolClass> mps = cc.workers().machinePools();
            for (int i = 0; i < mps.size(); i++) {
                MachinePoolClass mp = mps.get(i);
                String path = "clusterClass.workers.machinePools[" + i + "]";
                if (!present(mp, path)) {
                    continue;
                }
                if (mp.className() == null || mp.className().isEmpty()) {
                    error(path + ".class", "a class name is required");
                } else if (!mpClasses.add(mp.className())) {
                    error(path + ".class", "machine pool class '" + mp.className() + "' is defined twice");
                }
                if (mp.template() == null) {
                    error(path + ".template", "bootstrap and infrastructure templates are required");
                    continue;
                }
                Map<String, Set<String>> own = new HashMap<>();
                ref(mp.template().bootstrap(), path + ".template.bootstrap", templates, "mp", own, true);
                ref(mp.template().infrastructure(), path + ".template.infrastructure", templates, "mp", own, true);
                mpKinds.computeIfAbsent(mp.className(), k -> new HashSet<>()).addAll(own.getOrDefault("mp", Set.of()));
            }
        }
        // variables
        Set<String> variables = new HashSet<>();
        for (int i = 0; i < cc.variables().size(); i++) {
            ClusterClassVariable v = cc.variables().get(i);
            String path = "clusterClass.variables[" + i + "]";
            if (!present(v, path)) {
                continue;
            }
            if (v.name() == null || v.name().isEmpty()) {
                error(path + ".name", "a variable name is required");
                continue;
            }
            if (v.name().equals("builtin")) {
                error(path + ".name", "'builtin' is reserved by Cluster API for its built-in variables");
            } else if (!VARIABLE_NAME.matcher(v.name()).matches()) {
                error(path + ".name", "'" + v.name() + "' must be a Go template identifier ([A-Za-z_][A-Za-z0-9_]*)"
                        + " so patches can read it");
            }
            if (!variables.add(v.name())) {
                error(path + ".name", "variable '" + v.name() + "' is declared twice");
            }
            if (v.openAPIV3Schema() == null) {
                error(path + ".schema.openAPIV3Schema", "a schema is required");
            } else {
                schema(v.openAPIV3Schema(), path + ".schema.openAPIV3Schema");
            }
        }
        // patches
        Set<String> patchNames = new HashSet<>();
        for (int i = 0; i < cc.patches().size(); i++) {
            ClusterClassPatch p = cc.patches().get(i);
            String path = "clusterClass.patches[" + i + "]";
            if (!present(p, path)) {
                continue;
            }
            if (p.name() == null || p.name().isEmpty()) {
                error(path + ".name", "a patch name is required");
            } else if (!patchNames.add(p.name())) {
                error(path + ".name", "patch name '" + p.name() + "' is used twice");
            }
            if (p.enabledIf() != null) {
                goTemplate(p.enabledIf(), path + ".enabledIf", variables);
            }
            boolean hasDefinitions = !p.definitions().isEmpty();
            if (hasDefinitions == (p.external() != null)) {
                error(path, "give either 'definitions' or 'external', exactly one");
            }
            for (int d = 0; d < p.definitions().size(); d++) {
                ClusterClassPatch.PatchDefinition def = p.definitions().get(d);
                String dPath = path + ".definitions[" + d + "]";
                if (!present(def, dPath)) {
                    continue;
                }
                selector(def.selector(), dPath + ".selector", roles, mdKinds, mpKinds);
                if (def.jsonPatches().isEmpty()) {
                    error(dPath + ".jsonPatches", "at least one JSON patch is required");
                }
                for (int j = 0; j < def.jsonPatches().size(); j++) {
                    if (present(def.jsonPatches().get(j), dPath + ".jsonPatches[" + j + "]")) {
                        jsonPatch(def.jsonPatches().get(j), dPath + ".jsonPatches[" + j + "]", variables);
                    }
                }
            }
        }
    }

    private void naming(dev.clusterstack.core.model.clusterclass.InfrastructureNamingStrategy n, String path) {
        if (n != null && n.template() != null) {
            GoTemplates.check(n.template()).ifPresent(e -> error(path + ".template", "not a valid Go template: " + e));
        }
    }

    private void ref(LocalObjectTemplate ref, String path, Map<String, Template> templates, String role,
                     Map<String, Set<String>> roles, boolean required) {
        if (ref == null || ref.ref() == null || ref.ref().isEmpty()) {
            if (required) {
                error(path + ".ref", "a template reference is required");
            }
            return;
        }
        Template t = templates.get(ref.ref());
        if (t == null) {
            String hint = dev.clusterstack.core.bind.Suggest.closest(ref.ref(), templates.keySet());
            error(path + ".ref", "no template named '" + ref.ref() + "'" + (hint != null ? ", did you mean '" + hint + "'?"
                    : templates.isEmpty() ? " (the stack has no templates)" : "; templates: " + String.join(", ", templates.keySet())));
            return;
        }
        roles.computeIfAbsent(role, k -> new HashSet<>()).add(t.apiVersion() + "|" + t.kind());
    }

    private void selector(ClusterClassPatch.PatchSelector s, String path, Map<String, Set<String>> roles,
                          Map<String, Set<String>> mdKinds, Map<String, Set<String>> mpKinds) {
        if (s == null) {
            error(path, "a selector is required");
            return;
        }
        if (s.apiVersion() == null || s.kind() == null) {
            error(path, "selector apiVersion and kind are required");
            return;
        }
        String key = s.apiVersion() + "|" + s.kind();
        var m = s.matchResources();
        if (m == null || (!Boolean.TRUE.equals(m.controlPlane()) && !Boolean.TRUE.equals(m.infrastructureCluster())
                && m.machineDeploymentClass() == null && m.machinePoolClass() == null)) {
            error(path + ".matchResources", "matches nothing: set controlPlane, infrastructureCluster,"
                    + " machineDeploymentClass or machinePoolClass");
            return;
        }
        boolean matched = false;
        if (Boolean.TRUE.equals(m.controlPlane())) {
            matched |= roles.getOrDefault("controlPlane", Set.of()).contains(key);
        }
        if (Boolean.TRUE.equals(m.infrastructureCluster())) {
            matched |= roles.getOrDefault("infrastructureCluster", Set.of()).contains(key);
        }
        matched |= classes(m.machineDeploymentClass(), path + ".matchResources.machineDeploymentClass.names", mdKinds, key,
                "machine deployment");
        matched |= classes(m.machinePoolClass(), path + ".matchResources.machinePoolClass.names", mpKinds, key, "machine pool");
        if (!matched) {
            error(path, "no template of the class has apiVersion " + s.apiVersion() + " and kind " + s.kind()
                    + " in the matched roles: this patch would never apply");
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
                error(path + "[" + i + "]", "no " + what + " class named '" + n + "'");
            } else {
                matched |= kinds.get(n).contains(key);
            }
        }
        return matched;
    }

    private void jsonPatch(ClusterClassPatch.JSONPatch p, String path, Set<String> variables) {
        if (p == null) {
            error(path, "empty entry");
            return;
        }
        if (p.op() == null || !OPS.contains(p.op())) {
            error(path + ".op", "'" + p.op() + "' is not supported: use add, replace or remove");
        }
        if (p.path() == null || !p.path().startsWith("/spec/")) {
            error(path + ".path", "'" + p.path() + "' must start with /spec/ (Cluster API patches only the spec)");
        } else {
            String[] parts = p.path().substring(1).split("/", -1);
            for (int k = 0; k < parts.length; k++) {
                String seg = parts[k];
                if (seg.isEmpty()) {
                    error(path + ".path", "'" + p.path() + "' has an empty segment");
                    break;
                }
                if (ARRAY_INDEX.matcher(seg).matches() && !seg.equals("0")) {
                    error(path + ".path", "'" + p.path() + "': array index " + seg
                            + " is not allowed, only 0 (prepend) or - (append)");
                }
                if (seg.equals("-") && k != parts.length - 1) {
                    error(path + ".path", "'" + p.path() + "': '-' may only be the last segment");
                }
                if (seg.contains("~") && !seg.matches("(~[01]|[^~])*")) {
                    error(path + ".path", "'" + p.path() + "': '~' must be escaped as ~0 and '/' as ~1");
                }
            }
        }
        boolean remove = "remove".equals(p.op());
        boolean hasValue = p.value() != null;
        boolean hasFrom = p.valueFrom() != null;
        if (remove && (hasValue || hasFrom)) {
            error(path, "'remove' takes neither value nor valueFrom");
        } else if (!remove && hasValue == hasFrom) {
            error(path, "give either 'value' or 'valueFrom', exactly one");
        }
        if (hasFrom) {
            var from = p.valueFrom();
            if ((from.variable() == null) == (from.template() == null)) {
                error(path + ".valueFrom", "give either 'variable' or 'template', exactly one");
            }
            if (from.variable() != null) {
                String root = from.variable().split("[.\\[]", 2)[0];
                if (!root.equals("builtin") && !variables.contains(root)) {
                    String hint = dev.clusterstack.core.bind.Suggest.closest(root, variables);
                    error(path + ".valueFrom.variable", "'" + from.variable() + "' is not a declared variable"
                            + (hint != null ? ", did you mean '" + hint + "'?" : " nor builtin.*"));
                }
            }
            if (from.template() != null) {
                goTemplate(from.template(), path + ".valueFrom.template", variables);
            }
        }
    }

    private void goTemplate(String text, String path, Set<String> variables) {
        Optional<String> e = GoTemplates.check(text);
        e.ifPresent(m -> error(path, "not a valid Go template: " + m));
    }

    private void schema(JSONSchemaProps s, String path) {
        if (s.type() != null && !SCHEMA_TYPES.contains(s.type())) {
            error(path + ".type", "'" + s.type() + "' is not a schema type: use one of object, array, string,"
                    + " integer, number, boolean");
        }
        if (s.type() == null && !Boolean.TRUE.equals(s.intOrString()) && !Boolean.TRUE.equals(s.preserveUnknownFields())
                && s.anyOf().isEmpty() && s.oneOf().isEmpty() && s.allOf().isEmpty()) {
            error(path + ".type", "a type is required");
        }
        if ("array".equals(s.type()) && s.items() == null) {
            error(path + ".items", "an array schema needs items");
        }
        if (s.defaultValue() != null) {
            typeCheck(s, s.defaultValue(), path + ".default", "default");
        }
        if (s.example() != null) {
            typeCheck(s, s.example(), path + ".example", "example");
        }
        if (s.enumValues() != null) {
            if (s.enumValues().isEmpty()) {
                error(path + ".enum", "an enum needs at least one value");
            }
            Set<Object> seen = new HashSet<>();
            for (int i = 0; i < s.enumValues().size(); i++) {
                Object v = s.enumValues().get(i);
                typeCheck(s, v, path + ".enum[" + i + "]", "enum value");
                if (!seen.add(v)) {
                    error(path + ".enum[" + i + "]", "enum value " + v + " is listed twice");
                }
            }
            if (s.defaultValue() != null && !s.enumValues().contains(s.defaultValue())
                    && !(s.defaultValue() instanceof Number n && s.enumValues().stream().anyMatch(x -> x instanceof Number xn
                    && xn.doubleValue() == n.doubleValue()))) {
                error(path + ".default", "default " + s.defaultValue() + " is not one of the enum values " + s.enumValues());
            }
        }
        if (s.pattern() != null) {
            try {
                Pattern.compile(s.pattern());
            } catch (RuntimeException e) {
                error(path + ".pattern", "not a valid regular expression: " + e.getMessage().split("\n")[0]);
            }
        }
        for (String r : s.required()) {
            if (!s.properties().containsKey(r)) {
                error(path + ".required", "required property '" + r + "' is not among the properties");
            }
        }
        if (s.minimum() != null && s.maximum() != null && s.minimum() > s.maximum()) {
            error(path + ".minimum", "minimum " + s.minimum() + " is greater than maximum " + s.maximum());
        }
        s.properties().forEach((k, v) -> {
            if (v == null) {
                error(Paths.child(path + ".properties", k), "empty schema");
            } else {
                schema(v, Paths.child(path + ".properties", k));
            }
        });
        if (s.items() != null) {
            schema(s.items(), path + ".items");
        }
        if (s.additionalProperties() != null) {
            schema(s.additionalProperties(), path + ".additionalProperties");
        }
    }

    private void typeCheck(JSONSchemaProps s, Object value, String path, String what) {
        if (s.type() == null) {
            return;
        }
        String actual = value instanceof String ? "string" : value instanceof Boolean ? "boolean"
                : value instanceof Long || value instanceof Integer || value instanceof java.math.BigInteger ? "integer"
                : value instanceof Number ? "number" : value instanceof Map ? "object" : value instanceof List ? "array" : "null";
        boolean ok = actual.equals(s.type()) || ("number".equals(s.type()) && "integer".equals(actual))
                || ("null".equals(actual) && Boolean.TRUE.equals(s.extra().get("nullable")))
                || (Boolean.TRUE.equals(s.intOrString()) && ("integer".equals(actual) || "string".equals(actual)));
        if (!ok) {
            error(path, what + " " + (value instanceof String str ? "\"" + str + "\"" : String.valueOf(value)) + " is "
                    + ("integer".equals(actual) ? "an " : "a ") + actual + ", the schema type is " + s.type());
            return;
        }
        if ("object".equals(s.type()) && value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                JSONSchemaProps p = s.properties().get(String.valueOf(e.getKey()));
                if (p != null && e.getValue() != null) {
                    typeCheck(p, e.getValue(), Paths.child(path, String.valueOf(e.getKey())), what);
                } else if (p == null && s.additionalProperties() == null && !Boolean.TRUE.equals(s.preserveUnknownFields())
                        && !s.properties().isEmpty()) {
                    error(Paths.child(path, String.valueOf(e.getKey())), what + " has property '" + e.getKey()
                            + "' that the schema does not declare");
                }
            }
            for (String r : s.required()) {
                if (!m.containsKey(r)) {
                    error(path, what + " lacks required property '" + r + "'");
                }
            }
        }
        if ("array".equals(s.type()) && value instanceof List<?> l && s.items() != null) {
            for (int i = 0; i < l.size(); i++) {
                if (l.get(i) != null) {
                    typeCheck(s.items(), l.get(i), path + "[" + i + "]", what);
                }
            }
        }
        if ("string".equals(s.type()) && value instanceof String str && s.pattern() != null) {
            try {
                if (!Pattern.compile(s.pattern()).matcher(str).find()) {
                    error(path, what + " \"" + str + "\" does not match the pattern " + s.pattern());
                }
            } catch (RuntimeException ignored) {
                // reported on the pattern itself
            }
        }
    }

    private void kubeadmConfigSpec(KubeadmConfigSpec spec, String path) {
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < spec.files().size(); i++) {
            File f = spec.files().get(i);
            String fPath = path + ".files[" + i + "]";
            if (!present(f, fPath)) {
                continue;
            }
            if (f.path() == null || !f.path().startsWith("/")) {
                error(fPath + ".path", "'" + f.path() + "' must be an absolute path");
            } else {
                if (List.of(f.path().split("/")).contains("..")) {
                    error(fPath + ".path", "'" + f.path() + "' must not contain '..'");
                }
                if (!paths.add(f.path())) {
                    error(fPath + ".path", "file " + f.path() + " is written twice on the same node");
                }
            }
            if (f.content() != null && f.content().length() > File.MAX_CONTENT) {
                error(fPath + ".content", "is " + f.content().length() + " characters; Cluster API accepts at most "
                        + File.MAX_CONTENT + ": store it compressed (encoding: gzip+base64; in a stack definition give"
                        + " 'source:' with 'encoding: gzip+base64' and the file is encoded for you)");
            }
            if (f.content() != null && f.contentFrom() != null) {
                error(fPath, "give either 'content' or 'contentFrom', not both");
            }
            if (f.encoding() != null && !Set.of("base64", "gzip", "gzip+base64").contains(f.encoding())) {
                error(fPath + ".encoding", "'" + f.encoding() + "' is not one of base64, gzip, gzip+base64");
            }
            if (f.permissions() != null && !f.permissions().matches("0?[0-7]{3,4}")) {
                error(fPath + ".permissions", "'" + f.permissions() + "' is not an octal mode such as 0644");
            }
        }
        if (spec.format() != null && !Set.of("cloud-config", "ignition").contains(spec.format())) {
            error(path + ".format", "'" + spec.format() + "' is not one of cloud-config, ignition");
        }
    }

    private void addons(StackContent c) {
        if (c.addonValues() != null) {
            GoTemplates.check(c.addonValues()).ifPresent(e -> error("addonValues", "not a valid Go template: " + e));
            if (c.addonLayout() == AddonLayout.STAGED) {
                warning("addonValues", "only the legacy addon layout uses addonValues; the staged layout ignores it");
            }
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < c.addons().size(); i++) {
            Addon a = c.addons().get(i);
            String path = "addons[" + i + "]";
            if (!present(a, path)) {
                continue;
            }
            if (a.name() == null || !DNS_LABEL.matcher(a.name()).matches()) {
                error(path + ".name", "'" + a.name() + "' must be a lower-case DNS label (it names the addon's folder)");
            } else if (!names.add(a.name())) {
                error(path + ".name", "addon '" + a.name() + "' is defined twice");
            }
            if (a.chart() == null) {
                error(path + ".chart", "the addon's chart (name, version, repository) is required");
            } else {
                if (a.chart().name() == null || a.chart().name().isBlank()) {
                    error(path + ".chart.name", "a chart name is required");
                }
                if (a.chart().version() == null || a.chart().version().isBlank()) {
                    error(path + ".chart.version", "a chart version is required");
                }
                if (a.chart().repository() == null || !a.chart().repository().matches("(https?|oci|file)://.+")) {
                    error(path + ".chart.repository", "'" + a.chart().repository()
                            + "' must be an http(s)://, oci:// or file:// address");
                }
            }
            if (a.overwrite() != null) {
                GoTemplates.check(a.overwrite()).ifPresent(e -> error(path + ".overwrite", "not a valid Go template: " + e));
            }
            for (int s = 0; s < a.stages().size(); s++) {
                AddonStage st = a.stages().get(s);
                String sPath = path + ".stages[" + s + "]";
                if (!present(st, sPath)) {
                    continue;
                }
                if (st.hook() == null || !AddonStage.HOOKS.contains(st.hook())) {
                    error(sPath + ".hook", "'" + st.hook() + "' is not one of " + String.join(", ", AddonStage.HOOKS));
                }
                if (!AddonStage.ACTIONS.contains(st.action())) {
                    error(sPath + ".action", "'" + st.action() + "' is not one of apply, delete");
                }
            }
        }
    }
}
