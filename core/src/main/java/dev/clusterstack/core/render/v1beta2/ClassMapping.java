package dev.clusterstack.core.render.v1beta2;

import dev.clusterstack.core.bind.Paths;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.clusterstack.core.render.v1beta2.Mapping.child;
import static dev.clusterstack.core.render.v1beta2.Mapping.items;
import static dev.clusterstack.core.render.v1beta2.Mapping.map;
import static dev.clusterstack.core.render.v1beta2.Mapping.putIf;

/**
 * A v1beta1 ClusterClass {@code spec} (template references expanded) as v1beta2 writes it, field by field as
 * Cluster API's own conversion ({@code api/core/v1beta1/conversion.go}) maps it: {@code templateRef} and
 * {@code naming}, no machine deployment {@code template:} wrapper, {@code healthCheck}, {@code deletion.*Seconds},
 * {@code rollout}, and variable metadata as the schema's {@code x-metadata}. Patches' selectors get the
 * version the selected templates are written in; variables' schemas and patches are kept otherwise.
 */
final class ClassMapping {
    private static final Set<String> SPEC_SAME = Set.of("availabilityGates", "variables", "patches", "kubernetesVersions",
            "upgrade");
    private static final Set<String> CONTROL_PLANE_SAME = Set.of("metadata", "readinessGates", "taints");
    private static final Set<String> DEPLOYMENT_SAME = Set.of("class", "failureDomain", "minReadySeconds", "readinessGates",
            "taints");
    private static final Set<String> POOL_SAME = Set.of("class", "failureDomains", "minReadySeconds", "taints");

    private final Mapping m;

    ClassMapping(Mapping m) {
        this.m = m;
    }

    /** The spec; {@code path} is the model path of the ClusterClass ({@code clusterClass}). */
    Map<String, Object> spec(Map<String, Object> in, String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : in.entrySet()) {
            String key = e.getKey();
            String p = Paths.child(path, key);
            switch (key) {
                case "infrastructure" -> child(out, "infrastructure").putAll(reference(e.getValue(), p));
                case "infrastructureNamingStrategy" -> putIf(child(out, "infrastructure"), "naming", naming(e.getValue()));
                case "controlPlane" -> out.put(key, controlPlane(map(e.getValue()), p));
                case "workers" -> out.put(key, workers(map(e.getValue()), p));
                case "variables" -> out.put(key, variables(e.getValue()));
                case "patches" -> out.put(key, patches(e.getValue()));
                default -> m.keep(out, key, e.getValue(), p, SPEC_SAME);
            }
        }
        return out;
    }

    /** {@code {ref: {apiVersion, kind, name, namespace}, ...}} as {@code {templateRef: {apiVersion, kind, name}, ...}}. */
    private Map<String, Object> reference(Object node, String path) {
        Map<String, Object> in = map(node);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : in.entrySet()) {
            if (e.getKey().equals("ref")) {
                out.put("templateRef", templateRef(e.getValue()));
            } else {
                m.unknown(Paths.child(path, e.getKey()));
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** An object reference without its namespace (v1beta2 references templates of the class's own namespace). */
    static Map<String, Object> templateRef(Object ref) {
        Map<String, Object> in = map(ref);
        Map<String, Object> out = new LinkedHashMap<>();
        String kind = in.get("kind") instanceof String k ? k : null;
        putIf(out, "apiVersion", in.get("apiVersion") instanceof String a ? V1beta2Writer.apiVersion(a, kind) : in.get("apiVersion"));
        putIf(out, "kind", kind);
        putIf(out, "name", in.get("name"));
        return out;
    }

    private static Map<String, Object> naming(Object strategy) {
        Object template = map(strategy).get("template");
        if (template == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("template", template);
        return out;
    }

    private Map<String, Object> controlPlane(Map<String, Object> in, String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : in.entrySet()) {
            String key = e.getKey();
            String p = Paths.child(path, key);
            if (m.deletionTimeout(key, e.getValue(), p, () -> child(out, "deletion"))) {
                continue;
            }
            switch (key) {
                case "ref" -> out.put("templateRef", templateRef(e.getValue()));
                case "machineInfrastructure" -> out.put(key, reference(e.getValue(), p));
                case "machineHealthCheck" -> Mapping.merge(child(out, "healthCheck"), healthCheck(map(e.getValue()), p));
                case "namingStrategy" -> putIf(out, "naming", naming(e.getValue()));
                default -> m.keep(out, key, e.getValue(), p, CONTROL_PLANE_SAME);
            }
        }
        return out;
    }

    /** {@code machineHealthCheck} as {@code healthCheck: {checks, remediation}}. */
    private Map<String, Object> healthCheck(Map<String, Object> in, String path) {
        Map<String, Object> checks = new LinkedHashMap<>();
        Map<String, Object> remediation = new LinkedHashMap<>();
        Map<String, Object> triggerIf = new LinkedHashMap<>();
        Map<String, Object> rest = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : in.entrySet()) {
            String p = Paths.child(path, e.getKey());
            switch (e.getKey()) {
                case "nodeStartupTimeout" -> putIf(checks, "nodeStartupTimeoutSeconds", m.seconds(e.getValue(), p));
                case "unhealthyConditions" -> checks.put("unhealthyNodeConditions", conditions(e.getValue(), p));
                case "unhealthyMachineConditions" -> checks.put("unhealthyMachineConditions", conditions(e.getValue(), p));
                case "maxUnhealthy" -> putIf(triggerIf, "unhealthyLessThanOrEqualTo", e.getValue());
                case "unhealthyRange" -> putIf(triggerIf, "unhealthyInRange", e.getValue());
                case "remediationTemplate" -> remediation.put("templateRef", templateRef(e.getValue()));
                default -> {
                    m.unknown(p);
                    rest.put(e.getKey(), e.getValue());
                }
            }
        }
        if (!triggerIf.isEmpty()) {
            remediation.put("triggerIf", triggerIf);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("checks", checks);
        out.put("remediation", remediation);
        out.putAll(rest);
        return out;
    }

    private List<Object> conditions(Object node, String path) {
        List<Object> out = new ArrayList<>();
        List<Map<String, Object>> list = items(node);
        for (int i = 0; i < list.size(); i++) {
            Map<String, Object> c = list.get(i) == null ? new LinkedHashMap<>() : list.get(i);
            Map<String, Object> o = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : c.entrySet()) {
                if (e.getKey().equals("timeout")) {
                    putIf(o, "timeoutSeconds", m.seconds(e.getValue(), Paths.child(Paths.index(path, i), "timeout")));
                } else {
                    o.put(e.getKey(), e.getValue());
                }
            }
            out.add(o);
        }
        return out;
    }

    private Map<String, Object> workers(Map<String, Object> in, String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : in.entrySet()) {
            String p = Paths.child(path, e.getKey());
            List<Map<String, Object>> list = items(e.getValue());
            List<Object> mapped = new ArrayList<>();
            switch (e.getKey()) {
                case "machineDeployments" -> {
                    for (int i = 0; i < list.size(); i++) {
                        mapped.add(machineClass(list.get(i), Paths.index(p, i), DEPLOYMENT_SAME));
                    }
                    out.put(e.getKey(), mapped);
                }
                case "machinePools" -> {
                    for (int i = 0; i < list.size(); i++) {
                        mapped.add(machineClass(list.get(i), Paths.index(p, i), POOL_SAME));
                    }
                    out.put(e.getKey(), mapped);
                }
                default -> {
                    m.unknown(p);
                    out.put(e.getKey(), e.getValue());
                }
            }
        }
        return out;
    }

    /** A machine deployment or machine pool class. */
    private Map<String, Object> machineClass(Map<String, Object> in, String path, Set<String> same) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (in == null) {
            return out;
        }
        for (Map.Entry<String, Object> e : in.entrySet()) {
            String key = e.getKey();
            String p = Paths.child(path, key);
            if (m.deletionTimeout(key, e.getValue(), p, () -> child(out, "deletion"))) {
                continue;
            }
            switch (key) {
                case "template" -> {
                    for (Map.Entry<String, Object> t : map(e.getValue()).entrySet()) {
                        if (t.getKey().equals("bootstrap") || t.getKey().equals("infrastructure")) {
                            out.put(t.getKey(), reference(t.getValue(), Paths.child(p, t.getKey())));
                        } else {
                            if (!t.getKey().equals("metadata")) {
                                m.unknown(Paths.child(p, t.getKey()));
                            }
                            out.put(t.getKey(), t.getValue());
                        }
                    }
                }
                case "machineHealthCheck" -> Mapping.merge(child(out, "healthCheck"), healthCheck(map(e.getValue()), p));
                case "namingStrategy" -> putIf(out, "naming", naming(e.getValue()));
                case "strategy" -> strategy(map(e.getValue()), out, p);
                default -> m.keep(out, key, e.getValue(), p, same);
            }
        }
        return out;
    }

    /**
     * {@code strategy: {type, rollingUpdate: {maxUnavailable, maxSurge, deletePolicy}, remediation: {maxInFlight}}} as
     * {@code rollout.strategy}, {@code deletion.order} and {@code healthCheck.remediation.maxInFlight}.
     */
    private void strategy(Map<String, Object> in, Map<String, Object> out, String path) {
        Map<String, Object> strategy = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : in.entrySet()) {
            String p = Paths.child(path, e.getKey());
            switch (e.getKey()) {
                case "type" -> strategy.put("type", e.getValue());
                case "rollingUpdate" -> {
                    Map<String, Object> rolling = new LinkedHashMap<>();
                    for (Map.Entry<String, Object> r : map(e.getValue()).entrySet()) {
                        if (r.getKey().equals("deletePolicy")) {
                            putIf(child(out, "deletion"), "order", r.getValue());
                        } else {
                            if (!r.getKey().equals("maxUnavailable") && !r.getKey().equals("maxSurge")) {
                                m.unknown(Paths.child(p, r.getKey()));
                            }
                            rolling.put(r.getKey(), r.getValue());
                        }
                    }
                    strategy.put("rollingUpdate", rolling);
                }
                case "remediation" -> {
                    Object maxInFlight = map(e.getValue()).get("maxInFlight");
                    if (maxInFlight != null) {
                        child(child(out, "healthCheck"), "remediation").put("maxInFlight", maxInFlight);
                    }
                }
                default -> {
                    m.unknown(p);
                    strategy.put(e.getKey(), e.getValue());
                }
            }
        }
        child(out, "rollout").put("strategy", strategy);
    }

    /** Variables: {@code metadata} moves into the schema as {@code x-metadata} (v1beta2 deprecates the field). */
    private static List<Object> variables(Object node) {
        List<Object> out = new ArrayList<>();
        for (Map<String, Object> v : items(node)) {
            if (v == null) {
                out.add(null);
                continue;
            }
            Object metadata = v.remove("metadata");
            if (metadata instanceof Map<?, ?> md && !md.isEmpty()) {
                Map<String, Object> schema = child(child(v, "schema"), "openAPIV3Schema");
                Map<String, Object> x = child(schema, "x-metadata");
                map(md).forEach(x::putIfAbsent);
            }
            out.add(v);
        }
        return out;
    }

    /**
     * Patches: selectors name the version the selected template is written in; an external patch's handlers get
     * v1beta2's names. The JSON patches themselves are converted before, by {@link PatchConversion}.
     */
    private static List<Object> patches(Object node) {
        List<Object> out = new ArrayList<>();
        for (Map<String, Object> patch : items(node)) {
            if (patch == null) {
                out.add(null);
                continue;
            }
            if (patch.get("definitions") != null) {
                patch.put("definitions", definitions(patch.get("definitions")));
            }
            if (patch.get("external") instanceof Map<?, ?> ext) {
                Map<String, Object> external = new LinkedHashMap<>();
                map(ext).forEach((k, v) -> external.put(switch (k) {
                    case "generateExtension" -> "generatePatchesExtension";
                    case "validateExtension" -> "validateTopologyExtension";
                    default -> k;
                }, v));
                patch.put("external", external);
            }
            out.add(patch);
        }
        return out;
    }

    private static List<Object> definitions(Object node) {
        List<Object> out = new ArrayList<>();
        for (Map<String, Object> d : items(node)) {
            if (d != null && d.get("selector") instanceof Map<?, ?> sel) {
                Map<String, Object> selector = map(sel);
                if (selector.get("apiVersion") instanceof String a) {
                    selector.put("apiVersion", V1beta2Writer.apiVersion(a, selector.get("kind") instanceof String k ? k : null));
                }
                d.put("selector", selector);
            }
            out.add(d);
        }
        return out;
    }
}
