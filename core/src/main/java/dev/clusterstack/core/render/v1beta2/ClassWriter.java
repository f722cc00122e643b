package dev.clusterstack.core.render.v1beta2;

import dev.clusterstack.core.bind.Paths;
import dev.clusterstack.core.bind.Writer;
import dev.clusterstack.core.capi.V1beta2Names;
import dev.clusterstack.core.model.base.TemplateRef;
import dev.clusterstack.core.model.clusterclass.ClusterClass;
import dev.clusterstack.core.model.clusterclass.ControlPlaneClass;
import dev.clusterstack.core.model.clusterclass.InfrastructureNamingStrategy;
import dev.clusterstack.core.model.clusterclass.LocalObjectTemplate;
import dev.clusterstack.core.model.clusterclass.MachineDeploymentClass;
import dev.clusterstack.core.model.clusterclass.MachinePoolClass;
import dev.clusterstack.core.model.clusterclass.MachineTemplateClass;
import dev.clusterstack.core.model.clusterclass.WorkersClass;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static dev.clusterstack.core.render.v1beta2.Mapping.child;
import static dev.clusterstack.core.render.v1beta2.Mapping.items;
import static dev.clusterstack.core.render.v1beta2.Mapping.map;
import static dev.clusterstack.core.render.v1beta2.Mapping.putIf;

/**
 * The v1beta2 ClusterClass {@code spec}, written from the model ({@link ClusterClass}) with Cluster API's own field
 * mapping ({@code api/core/v1beta1/conversion.go}): {@code templateRef} from the typed {@link TemplateRef}s and
 * {@code naming}, no machine deployment {@code template:} wrapper, {@code healthCheck}, {@code deletion.*Seconds},
 * {@code rollout}, and variable metadata as the schema's {@code x-metadata}. Fields are written in the model's
 * order; parts of the same shape in both versions (metadata, variables, the health check's conditions) are written
 * as {@link Writer} writes their records, and the free trees the model keeps ({@code extra} fields, {@code strategy},
 * the remediation template, patches) are mapped as trees, unknown fields with a warning. Patches' selectors get the
 * version the selected templates are written in; the JSON patches themselves are converted by
 * {@link PatchConversion}.
 */
final class ClassWriter {
    private static final Set<String> SPEC_SAME = Set.of("availabilityGates", "variables", "patches", "kubernetesVersions",
            "upgrade");
    private static final Set<String> CONTROL_PLANE_SAME = Set.of("metadata", "readinessGates", "taints");
    private static final Set<String> DEPLOYMENT_SAME = Set.of("class", "failureDomain", "minReadySeconds", "readinessGates",
            "taints");
    private static final Set<String> POOL_SAME = Set.of("class", "failureDomains", "minReadySeconds", "taints");

    private final Mapping m;
    private final Function<TemplateRef, Map<String, Object>> objectRef;

    /**
     * @param objectRef a template reference as the object reference of the template it names
     *                  ({@code apiVersion, kind, name} as the chart names it, any more fields ignored)
     */
    ClassWriter(Mapping m, Function<TemplateRef, Map<String, Object>> objectRef) {
        this.m = m;
        this.objectRef = objectRef;
    }

    /**
     * The spec; {@code path} is the model path of the ClusterClass ({@code clusterClass}), {@code patches} the
     * class's patches as {@link PatchConversion} converted them (plain).
     */
    Map<String, Object> spec(ClusterClass cc, String path, List<Object> patches) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : Writer.recordToMap(cc).entrySet()) {
            String key = e.getKey();
            String p = Paths.child(path, key);
            switch (key) {
                case "metadata" -> {
                    // the object's metadata, not the spec's
                }
                case "infrastructure" -> child(out, "infrastructure").putAll(reference(cc.infrastructure(), e.getValue(), p));
                case "infrastructureNamingStrategy" -> putIf(child(out, "infrastructure"), "naming",
                        naming(cc.infrastructureNamingStrategy()));
                case "controlPlane" -> out.put(key, controlPlane(cc.controlPlane(), map(e.getValue()), p));
                case "workers" -> out.put(key, workers(cc.workers(), map(e.getValue()), p));
                case "variables" -> out.put(key, variables(e.getValue()));
                case "patches" -> out.put(key, patches(patches));
                default -> m.keep(out, key, e.getValue(), p, SPEC_SAME);
            }
        }
        return out;
    }

    /** {@code {ref: <template>, ...}} as {@code {templateRef: {apiVersion, kind, name}, ...}}. */
    private Map<String, Object> reference(LocalObjectTemplate template, Object written, String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map(written).entrySet()) {
            if (e.getKey().equals("ref")) {
                out.put("templateRef", templateRef(template.ref()));
            } else {
                m.unknown(Paths.child(path, e.getKey()));
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** The template a reference names, without namespace (v1beta2 references templates of the class's own namespace). */
    private Map<String, Object> templateRef(TemplateRef ref) {
        return templateRef(objectRef.apply(ref));
    }

    /** An object reference (a free tree, e.g. a remediation template) as a {@code templateRef}. */
    private static Map<String, Object> templateRef(Object ref) {
        Map<String, Object> in = map(ref);
        Map<String, Object> out = new LinkedHashMap<>();
        String kind = in.get("kind") instanceof String k ? k : null;
        putIf(out, "apiVersion", in.get("apiVersion") instanceof String a ? V1beta2Writer.apiVersion(a, kind) : in.get("apiVersion"));
        putIf(out, "kind", kind);
        putIf(out, "name", in.get("name"));
        return out;
    }

    private static Map<String, Object> naming(InfrastructureNamingStrategy strategy) {
        if (strategy == null || strategy.template() == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("template", strategy.template());
        return out;
    }

    private Map<String, Object> controlPlane(ControlPlaneClass cp, Map<String, Object> written, String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : written.entrySet()) {
            String key = e.getKey();
            String p = Paths.child(path, key);
            if (m.deletionTimeout(key, e.getValue(), p, () -> child(out, "deletion"))) {
                continue;
            }
            switch (key) {
                case "ref" -> out.put("templateRef", templateRef(cp.ref()));
                case "machineInfrastructure" -> out.put(key, reference(cp.machineInfrastructure(), e.getValue(), p));
                case "machineHealthCheck" -> Mapping.merge(child(out, "healthCheck"), healthCheck(map(e.getValue()), p));
                case "namingStrategy" -> putIf(out, "naming", naming(cp.namingStrategy()));
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
                case "nodeStartupTimeout" -> putIf(checks, V1beta2Names.NODE_STARTUP_TIMEOUT_SECONDS, m.seconds(e.getValue(), p));
                case "unhealthyConditions" -> checks.put(V1beta2Names.UNHEALTHY_NODE_CONDITIONS, conditions(e.getValue(), p));
                case "unhealthyMachineConditions" -> checks.put("unhealthyMachineConditions", conditions(e.getValue(), p));
                case "maxUnhealthy" -> putIf(triggerIf, V1beta2Names.UNHEALTHY_LESS_THAN_OR_EQUAL_TO, e.getValue());
                case "unhealthyRange" -> putIf(triggerIf, V1beta2Names.UNHEALTHY_IN_RANGE, e.getValue());
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

    /** Unhealthy conditions with their {@code timeout} as {@code timeoutSeconds}. */
    private List<Object> conditions(Object node, String path) {
        return m.itemsWithSeconds(node, path, "timeout", "timeoutSeconds");
    }

    private Map<String, Object> workers(WorkersClass workers, Map<String, Object> written, String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : written.entrySet()) {
            String p = Paths.child(path, e.getKey());
            List<Map<String, Object>> list = items(e.getValue());
            List<Object> mapped = new ArrayList<>();
            switch (e.getKey()) {
                case "machineDeployments" -> {
                    for (int i = 0; i < list.size(); i++) {
                        MachineDeploymentClass md = workers.machineDeployments().get(i);
                        mapped.add(md == null ? new LinkedHashMap<>() : machineClass(md.template(), md.namingStrategy(), list.get(i),
                                Paths.index(p, i), DEPLOYMENT_SAME));
                    }
                    out.put(e.getKey(), mapped);
                }
                case "machinePools" -> {
                    for (int i = 0; i < list.size(); i++) {
                        MachinePoolClass mp = workers.machinePools().get(i);
                        mapped.add(mp == null ? new LinkedHashMap<>() : machineClass(mp.template(), mp.namingStrategy(), list.get(i),
                                Paths.index(p, i), POOL_SAME));
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

    /** A machine deployment or machine pool class: its templates' references without v1beta1's {@code template:}. */
    private Map<String, Object> machineClass(MachineTemplateClass template, InfrastructureNamingStrategy naming,
                                             Map<String, Object> written, String path, Set<String> same) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (written == null) {
            return out;
        }
        for (Map.Entry<String, Object> e : written.entrySet()) {
            String key = e.getKey();
            String p = Paths.child(path, key);
            if (m.deletionTimeout(key, e.getValue(), p, () -> child(out, "deletion"))) {
                continue;
            }
            switch (key) {
                case "template" -> {
                    for (Map.Entry<String, Object> t : map(e.getValue()).entrySet()) {
                        switch (t.getKey()) {
                            case "bootstrap" -> out.put("bootstrap", reference(template.bootstrap(), t.getValue(),
                                    Paths.child(p, "bootstrap")));
                            case "infrastructure" -> out.put("infrastructure", reference(template.infrastructure(),
                                    t.getValue(), Paths.child(p, "infrastructure")));
                            default -> {
                                if (!t.getKey().equals("metadata")) {
                                    m.unknown(Paths.child(p, t.getKey()));
                                }
                                out.put(t.getKey(), t.getValue());
                            }
                        }
                    }
                }
                case "machineHealthCheck" -> Mapping.merge(child(out, "healthCheck"), healthCheck(map(e.getValue()), p));
                case "namingStrategy" -> putIf(out, "naming", naming(naming));
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
    private static List<Object> patches(List<Object> node) {
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
                    case "generateExtension" -> V1beta2Names.GENERATE_PATCHES_EXTENSION;
                    case "validateExtension" -> V1beta2Names.VALIDATE_TOPOLOGY_EXTENSION;
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
