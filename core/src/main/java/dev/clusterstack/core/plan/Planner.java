package dev.clusterstack.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clusterstack.core.plan.variables.Severity;
import dev.clusterstack.core.plan.variables.VariableDefinition;
import dev.clusterstack.core.plan.variables.VariableValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Computes offline what Cluster API v1.14's topology controller creates for a Cluster from its ClusterClass: the
 * Cluster's variables defaulted and validated, builtin variables per template, CRD defaults on the class templates,
 * the inline patches in declared order (each seeing the result of the previous ones) and the desired objects.
 *
 * <p>Go templates ({@code enabledIf}, {@code valueFrom.template}) are evaluated by Go through Helm's engine, all of
 * one Cluster in one render ({@link GoTemplates}). Custom naming templates take one more render.
 *
 * <p>Not done offline: external patches (reported as not evaluated), the Cluster's UID ({@code builtin.cluster.uid}
 * is absent), owner references, machine pools, and defaults the API server applies to the created objects
 * themselves.
 *
 * <p>This class runs the steps in Cluster API's order; its parts: {@link PatchInputs} (variables, class templates,
 * builtins), {@link ObjectNames}, {@link PatchApplier} with {@link PatchValues}, {@link DesiredObjects} and
 * {@link PlanChecks}, sharing one {@link PlanRun}.
 */
public final class Planner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final PlanRun run;
    private final PatchInputs inputs;
    private final ObjectNames naming;
    private final PatchApplier patches;
    private final DesiredObjects desired;
    private final PlanChecks checks;

    private Planner(ClassSource source, ClusterFile clusterFile, PlanOptions options) {
        run = new PlanRun(source, clusterFile, options);
        inputs = new PatchInputs(run);
        naming = new ObjectNames(run);
        patches = new PatchApplier(run);
        desired = new DesiredObjects(run);
        checks = new PlanChecks(run);
    }

    /** Plans one Cluster against a rendered class. User mistakes become findings, never exceptions. */
    public static Plan plan(ClassSource source, ClusterFile clusterFile, PlanOptions options) {
        return new Planner(source, clusterFile, options).plan();
    }

    private Plan plan() {
        run.clusterName = run.cluster.path("metadata").path("name").asText("");
        run.namespace = run.cluster.path("metadata").path("namespace").asText("default");
        if (run.clusterName.isEmpty()) {
            run.error("metadata.name", null, null, "the Cluster has no name");
        }
        JsonNode topology;
        try {
            List<String> dropped = new ArrayList<>();
            topology = HubForm.of(run.cluster, dropped).path("spec").path("topology");
            for (String d : dropped) {
                String field = d.substring(0, d.indexOf(':'));
                run.findings.add(new Finding(Severity.WARNING, run.at(field), field, null, null, "Cluster API v1.14 ignores"
                        + " this field: " + d.substring(d.indexOf(':') + 2)));
            }
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            int colon = message.indexOf(": ");
            String field = message.startsWith("spec.") && colon > 0 ? message.substring(0, colon) : "spec.topology";
            run.error(field, null, null, "the Cluster cannot be read as Cluster API v1beta2: "
                    + (field.equals("spec.topology") ? message : message.substring(colon + 2)));
            return run.result();
        }
        if (!topology.isObject()) {
            run.error("spec.topology", null, null, "the Cluster has no spec.topology: Cluster API plans only Clusters"
                    + " with a managed topology");
            return run.result();
        }
        boolean classRef = run.cluster.path("spec").path("topology").has("classRef");
        run.classField = classRef ? "spec.topology.classRef.name" : "spec.topology.class";
        run.className = topology.path("classRef").path("name").asText("");
        String classNamespace = topology.path("classRef").path("namespace").asText("");
        if (classNamespace.isEmpty()) {
            classNamespace = run.namespace;
        }
        if (run.className.isEmpty()) {
            run.error(run.classField, null, null, "the Cluster names no ClusterClass");
            return run.result();
        }
        Optional<ObjectNode> found = run.source.clusterClass(run.className);
        if (found.isEmpty()) {
            List<String> known = run.source.classNames();
            run.error(run.classField, null, null, "ClusterClass \"" + run.className + "\" is not in "
                    + run.source.displayName() + (known.isEmpty() ? " (it holds no ClusterClass)" : " (it holds " + String.join(", ", known) + ")"));
            return run.result();
        }
        run.ccName = "ClusterClass " + run.className;
        ObjectNode cc;
        try {
            cc = HubForm.of(found.get());
        } catch (IllegalArgumentException e) {
            run.classError("spec", null, "the ClusterClass cannot be read as Cluster API v1beta2: " + e.getMessage());
            return run.result();
        }
        JsonNode spec = cc.path("spec");
        String version = topology.path("version").asText("");
        if (version.isEmpty()) {
            run.error("spec.topology.version", null, null, "the Cluster sets no Kubernetes version");
        }

        // variables: defaulted and validated as Cluster API's webhooks do
        List<VariableDefinition> definitions = new ArrayList<>();
        for (JsonNode v : spec.path("variables")) {
            definitions.add(new VariableDefinition(v.path("name").asText(), v.path("required").asBoolean(false),
                    v.path("schema").path("openAPIV3Schema")));
        }
        Set<String> defined = new LinkedHashSet<>();
        definitions.forEach(d -> defined.add(d.name()));
        List<VariableValue> globalValues = inputs.variables(topology.path("variables"), definitions,
                "spec.topology.variables", true);
        List<VariableValue> cpOverrides = inputs.variables(topology.path("controlPlane").path("variables").path("overrides"),
                definitions, "spec.topology.controlPlane.variables.overrides", false);

        // class structure, in the hub version (v1beta2)
        JsonNode infraRef = ref(spec.path("infrastructure"));
        JsonNode cpRef = ref(spec.path("controlPlane"));
        JsonNode cpMachineRef = spec.path("controlPlane").has("machineInfrastructure")
                ? ref(spec.path("controlPlane").path("machineInfrastructure")) : null;
        String infraNaming = spec.path("infrastructure").path("naming").path("template").asText("");
        String cpNaming = spec.path("controlPlane").path("naming").path("template").asText("");
        JsonNode cpClassMetadata = spec.path("controlPlane").path("metadata");
        Map<String, MachineDeploymentClass> mdClasses = new LinkedHashMap<>();
        for (JsonNode md : spec.path("workers").path("machineDeployments")) {
            mdClasses.put(md.path("class").asText(), new MachineDeploymentClass(md.path("class").asText(), ref(md.path("bootstrap")),
                    ref(md.path("infrastructure")), md.path("metadata"), md.path("naming").path("template").asText(""), md));
        }

        ObjectNode infraT = inputs.template(infraRef, "infrastructure-cluster", "spec.infrastructure");
        ObjectNode cpT = inputs.template(cpRef, "control-plane", "spec.controlPlane");
        ObjectNode cpMachineT = cpMachineRef == null ? null
                : inputs.template(cpMachineRef, "control-plane-machine-template", "spec.controlPlane.machineInfrastructure");
        if (infraT == null || cpT == null || cpMachineRef != null && cpMachineT == null) {
            return run.result();
        }

        // names (Go text/template without sprig, missingkey=error)
        String random = run.options.random();
        Map<String, String> names = new LinkedHashMap<>();
        List<String[]> nameJobs = new ArrayList<>();
        nameJobs.add(new String[]{"infrastructure-cluster", infraNaming.isEmpty() ? ObjectNames.DEFAULT_NAME : infraNaming, null,
                infraNaming.isEmpty() ? "" : "ClusterClass.spec.infrastructure.naming.template"});
        nameJobs.add(new String[]{"control-plane", cpNaming.isEmpty() ? ObjectNames.DEFAULT_NAME : cpNaming, null,
                cpNaming.isEmpty() ? "" : "ClusterClass.spec.controlPlane.naming.template"});
        List<JsonNode> mdTopologies = new ArrayList<>();
        int mdIndex = 0;
        for (JsonNode mdt : topology.path("workers").path("machineDeployments")) {
            String name = mdt.path("name").asText("");
            String field = "spec.topology.workers.machineDeployments[" + (name.isEmpty() ? String.valueOf(mdIndex) : name) + "]";
            mdIndex++;
            MachineDeploymentClass mc = mdClasses.get(mdt.path("class").asText(""));
            if (name.isEmpty()) {
                run.error(field + ".name", null, null, "the machine deployment topology has no name");
                continue;
            }
            if (mc == null) {
                run.error(field + ".class", null, null, "machine deployment class \"" + mdt.path("class").asText("")
                        + "\" is not in " + run.ccName + " (it has " + String.join(", ", mdClasses.keySet()) + ")");
                continue;
            }
            mdTopologies.add(mdt);
            nameJobs.add(new String[]{"md-" + name + "-machine-deployment",
                    mc.naming().isEmpty() ? ObjectNames.DEFAULT_MD_NAME : mc.naming(), name, mc.naming().isEmpty() ? "" : "ClusterClass.spec.workers.machineDeployments["
                    + mc.name() + "].naming.template"});
        }
        naming.names(nameJobs, random, names);
        if (topology.path("workers").path("machinePools").size() > 0) {
            run.findings.add(new Finding(Severity.NOT_EVALUATED, run.at("spec.topology.workers.machinePools"),
                    "spec.topology.workers.machinePools", null, null, "machine pools are not planned (this project's"
                    + " plan covers the control plane and machine deployments)"));
        }

        // desired run.objects before patching (their metadata feeds the builtins)
        Map<String, String> cpLabels = DesiredObjects.merge(
                topology.path("controlPlane").path("metadata").path("labels"), cpClassMetadata.path("labels"));
        cpLabels.put(DesiredObjects.CLUSTER_NAME_LABEL, run.clusterName);
        cpLabels.put(DesiredObjects.TOPOLOGY_OWNED_LABEL, "");
        Map<String, String> cpAnnotations = DesiredObjects.merge(topology.path("controlPlane").path("metadata").path("annotations"),
                cpClassMetadata.path("annotations"));

        ObjectNode builtinCluster = inputs.clusterBuiltins(topology, version, classNamespace);
        List<PatchItem> items = new ArrayList<>();
        PatchItem infra = new PatchItem("infrastructure-cluster", "Cluster", infraT, null, null);
        desired.syncObjectMetadata(infra.template, Map.of(), Map.of(), infraRef);
        items.add(infra);
        PatchItem cp = new PatchItem("control-plane", "Cluster", cpT, null, null);
        desired.syncObjectMetadata(cp.template, cpLabels, cpAnnotations, cpRef);
        items.add(cp);
        String cpMachineName = ObjectNames.simpleName(run.clusterName + "-", random);
        PatchItem cpMachine = null;
        if (cpMachineT != null) {
            cpMachine = new PatchItem("control-plane-machine-template", "ControlPlane", cpMachineT, null, null);
            desired.syncTemplateMetadata(cpMachine.template, null, cpMachineRef);
            items.add(cpMachine);
        }
        ObjectNode cpBuiltin = NODES.objectNode();
        cpBuiltin.put("version", version);
        ObjectNode cpMeta = cpBuiltin.putObject("metadata");
        cpMeta.set("labels", JSON.valueToTree(cp.template.path("spec").path("template").path("metadata").path("labels")));
        JsonNode cpAnn = cp.template.path("spec").path("template").path("metadata").path("annotations");
        if (cpAnn.isObject() && !cpAnn.isEmpty()) {
            cpMeta.set("annotations", DesiredObjects.cleanup(cpAnn));
        }
        cpBuiltin.put("name", names.get("control-plane"));
        JsonNode cpReplicas = topology.path("controlPlane").path("replicas");
        if (cpReplicas.isNumber()) {
            cpBuiltin.put("replicas", cpReplicas.asLong());
        }
        if (cpMachine != null) {
            cpBuiltin.putObject("machineTemplate").putObject("infrastructureRef").put("name", cpMachineName);
        }
        inputs.setVariables(infra, globalValues, List.of(), defined, builtinCluster, null, "spec.topology.variables");
        inputs.setVariables(cp, globalValues, cpOverrides, defined, builtinCluster, b -> b.set("controlPlane", cpBuiltin),
                "spec.topology.controlPlane.variables.overrides");
        if (cpMachine != null) {
            inputs.setVariables(cpMachine, globalValues, cpOverrides, defined, builtinCluster,
                    b -> b.set("controlPlane", cpBuiltin), "spec.topology.controlPlane.variables.overrides");
        }

        Map<String, Map<String, String>[]> mdMeta = new LinkedHashMap<>();
        for (JsonNode mdt : mdTopologies) {
            String name = mdt.path("name").asText();
            MachineDeploymentClass mc = mdClasses.get(mdt.path("class").asText());
            ObjectNode bt = inputs.template(mc.bootstrapRef(), "md-" + name + "-bootstrap-template",
                    "spec.workers.machineDeployments[" + mc.name() + "].bootstrap");
            ObjectNode it = inputs.template(mc.infraRef(), "md-" + name + "-infrastructure-template",
                    "spec.workers.machineDeployments[" + mc.name() + "].infrastructure");
            if (bt == null || it == null) {
                continue;
            }
            String field = "spec.topology.workers.machineDeployments[" + name + "]";
            List<VariableValue> overrides = inputs.variables(mdt.path("variables").path("overrides"), definitions,
                    field + ".variables.overrides", false);
            Map<String, String> labels = DesiredObjects.merge(mdt.path("metadata").path("labels"),
                    mc.metadata().path("labels"));
            labels.put(DesiredObjects.CLUSTER_NAME_LABEL, run.clusterName);
            labels.put(DesiredObjects.TOPOLOGY_OWNED_LABEL, "");
            labels.put(DesiredObjects.MD_NAME_LABEL, name);
            Map<String, String> annotations = DesiredObjects.merge(mdt.path("metadata").path("annotations"),
                    mc.metadata().path("annotations"));
            annotations.remove("topology.cluster.x-k8s.io/hold-upgrade-sequence");
            annotations.remove("topology.cluster.x-k8s.io/defer-upgrade");
            @SuppressWarnings("unchecked")
            Map<String, String>[] meta = new Map[]{labels, annotations};
            mdMeta.put(name, meta);
            PatchItem b = new PatchItem("md-" + name + "-bootstrap-template", "MachineDeployment", bt, mc.name(), name);
            PatchItem i = new PatchItem("md-" + name + "-infrastructure-template", "MachineDeployment", it, mc.name(), name);
            desired.syncTemplateMetadata(b.template, name, mc.bootstrapRef());
            desired.syncTemplateMetadata(i.template, name, mc.infraRef());
            ObjectNode mdBuiltin = NODES.objectNode();
            mdBuiltin.put("version", version);
            ObjectNode m = mdBuiltin.putObject("metadata");
            m.set("labels", JSON.valueToTree(labels));
            if (!annotations.isEmpty()) {
                m.set("annotations", DesiredObjects.cleanup(JSON.valueToTree(annotations)));
            }
            mdBuiltin.put("class", mc.name());
            mdBuiltin.put("name", names.get("md-" + name + "-machine-deployment"));
            mdBuiltin.put("topologyName", name);
            if (mdt.path("replicas").isNumber()) {
                mdBuiltin.put("replicas", mdt.path("replicas").asLong());
            }
            mdBuiltin.putObject("bootstrap").putObject("configRef").put("name", ObjectNames.simpleName(run.clusterName + "-" + name + "-", random));
            mdBuiltin.putObject("infrastructureRef").put("name", ObjectNames.simpleName(run.clusterName + "-" + name + "-", random));
            inputs.setVariables(b, globalValues, overrides, defined, builtinCluster, x -> x.set("machineDeployment", mdBuiltin),
                    field + ".variables.overrides");
            inputs.setVariables(i, globalValues, overrides, defined, builtinCluster, x -> x.set("machineDeployment", mdBuiltin),
                    field + ".variables.overrides");
            items.add(b);
            items.add(i);
        }

        patches.applyPatches(spec.path("patches"), items);

        // desired run.objects from the patched templates, with the fields the controller sets itself
        run.objects.put("infrastructure-cluster", desired.toObject(infra.template, names.get("infrastructure-cluster"), infraRef,
                Map.of(), Map.of()));
        ObjectNode cpObject = desired.toObject(cp.template, names.get("control-plane"), cpRef, cpLabels, cpAnnotations);
        boolean v1beta2Contract = cpObject.path("apiVersion").asText().endsWith("/v1beta2");
        ObjectNode cpSpec = cpObject.with("spec");
        if (cpMachine != null) {
            ObjectNode machineTemplate = cpSpec.with("machineTemplate");
            ObjectNode ref = NODES.objectNode();
            String mApiVersion = cpMachine.template.path("apiVersion").asText();
            String mKind = cpMachine.template.path("kind").asText();
            if (v1beta2Contract) {
                ref.put("apiGroup", ClassSource.group(mApiVersion));
                ref.put("kind", mKind);
                ref.put("name", cpMachineName);
                machineTemplate.with("spec").set("infrastructureRef", ref);
            } else {
                ref.put("apiVersion", mApiVersion);
                ref.put("kind", mKind);
                ref.put("name", cpMachineName);
                ref.put("namespace", run.namespace);
                machineTemplate.set("infrastructureRef", ref);
            }
            ObjectNode mtMeta = machineTemplate.with("metadata");
            Map<String, String> l = new LinkedHashMap<>(cpLabels);
            mtMeta.path("labels").fields().forEachRemaining(e -> l.putIfAbsent(e.getKey(), e.getValue().asText()));
            mtMeta.set("labels", JSON.valueToTree(l));
            Map<String, String> a = new LinkedHashMap<>(cpAnnotations);
            mtMeta.path("annotations").fields().forEachRemaining(e -> a.putIfAbsent(e.getKey(), e.getValue().asText()));
            if (!a.isEmpty()) {
                mtMeta.set("annotations", JSON.valueToTree(a));
            }
        }
        if (cpReplicas.isNumber()) {
            cpSpec.set("replicas", cpReplicas.deepCopy());
        }
        desired.controlPlaneFields(cpSpec, v1beta2Contract, spec.path("controlPlane"), topology.path("controlPlane"));
        cpSpec.put("version", version);
        run.objects.put("control-plane", cpObject);
        if (cpMachine != null) {
            run.objects.put("control-plane-machine-template", desired.toTemplate(cpMachine.template, cpMachineName, null, cpMachineRef));
        }
        for (JsonNode mdt : mdTopologies) {
            String name = mdt.path("name").asText();
            PatchItem b = find(items, "md-" + name + "-bootstrap-template");
            PatchItem i = find(items, "md-" + name + "-infrastructure-template");
            if (b == null || i == null) {
                continue;
            }
            String templateName = ObjectNames.simpleName(run.clusterName + "-" + name + "-", random);
            MachineDeploymentClass mc = mdClasses.get(b.mdClass);
            ObjectNode bo = desired.toTemplate(b.template, templateName, name, mc.bootstrapRef());
            ObjectNode io = desired.toTemplate(i.template, templateName, name, mc.infraRef());
            run.objects.put(b.role, bo);
            run.objects.put(i.role, io);
            Map<String, String>[] meta = mdMeta.get(name);
            run.objects.put("md-" + name + "-machine-deployment", desired.machineDeployment(mdt, mdClasses.get(b.mdClass),
                    names.get("md-" + name + "-machine-deployment"), version, bo, io, meta[0], meta[1]));
        }
        checks.check();
        return run.result();
    }

    private static PatchItem find(List<PatchItem> items, String role) {
        return items.stream().filter(i -> i.role.equals(role)).findFirst().orElse(null);
    }

    private static JsonNode ref(JsonNode parent) {
        return parent.has("templateRef") ? parent.get("templateRef") : null;
    }
}
