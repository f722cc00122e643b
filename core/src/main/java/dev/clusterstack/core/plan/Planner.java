package dev.clusterstack.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.clusterstack.core.crd.SchemaViolation;
import dev.clusterstack.core.plan.variables.ClusterVariables;
import dev.clusterstack.core.plan.variables.Severity;
import dev.clusterstack.core.plan.variables.VariableDefinition;
import dev.clusterstack.core.plan.variables.VariableFinding;
import dev.clusterstack.core.plan.variables.VariableValue;
import dev.clusterstack.core.problem.Location;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 */
public final class Planner {
    static final String CLUSTER_NAME_LABEL = "cluster.x-k8s.io/cluster-name";
    static final String TOPOLOGY_OWNED_LABEL = "topology.cluster.x-k8s.io/owned";
    static final String MD_NAME_LABEL = "topology.cluster.x-k8s.io/deployment-name";
    static final String CLONED_FROM_NAME = "cluster.x-k8s.io/cloned-from-name";
    static final String CLONED_FROM_GROUPKIND = "cluster.x-k8s.io/cloned-from-groupkind";
    private static final String DEFAULT_NAME = "{{ .cluster.name }}-{{ .random }}";
    private static final String DEFAULT_MD_NAME = "{{ .cluster.name }}-{{ .machineDeployment.topologyName }}-{{ .random }}";
    private static final Pattern TOP_LEVEL_REF = Pattern.compile("(?<![\\w.$)\\]])\\.([A-Za-z_]\\w*)");
    private static final Pattern IDENT = Pattern.compile("(?<![.$\\w])([A-Za-z_]\\w*)");
    private static final Set<String> GO_BUILTINS = Set.of("and", "call", "html", "index", "slice", "js", "len", "not",
            "or", "print", "printf", "println", "urlquery", "eq", "ge", "gt", "le", "lt", "ne", "if", "else", "end",
            "range", "with", "define", "template", "block", "break", "continue", "nil", "true", "false");
    /** A Go template action ({{ .x }}, {{ $x }}, {{ if / range / with / include ...), not cloud-init's {{ local_hostname }}. */
    private static final Pattern GO_ACTION = Pattern.compile("\\{\\{-?\\s*(?:[.$(]|(?:if|range|with|end|else|include|template|printf|default)\\b)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Planner() {
    }

    /** Plans one Cluster against a rendered class. User mistakes become findings, never exceptions. */
    public static Plan plan(ClassSource source, ClusterFile clusterFile, PlanOptions options) {
        return new Run(source, clusterFile, options).plan();
    }

    /** A template of the patch request: role, holder and the (patched) template object. */
    static final class Item {
        final String role;
        final String holder;
        final ObjectNode template;
        final String mdClass;
        final String mdTopology;
        Map<String, JsonNode> variables;
        String variableField;

        Item(String role, String holder, ObjectNode template, String mdClass, String mdTopology) {
            this.role = role;
            this.holder = holder;
            this.template = template;
            this.mdClass = mdClass;
            this.mdTopology = mdTopology;
        }
    }

    private record MdClass(String name, JsonNode bootstrapRef, JsonNode infraRef, JsonNode metadata, String naming,
                           JsonNode spec) {
    }

    private static final class Run {
        final ClassSource source;
        final ClusterFile file;
        final PlanOptions options;
        final ObjectNode cluster;
        final List<Finding> findings = new ArrayList<>();
        final Map<String, ObjectNode> objects = new LinkedHashMap<>();
        final Map<String, List<String>> coverage = new LinkedHashMap<>();
        final Set<String> warnedNoCrd = new LinkedHashSet<>();
        String clusterName;
        String namespace;
        String className;
        String classField;
        String ccName;

        Run(ClassSource source, ClusterFile file, PlanOptions options) {
            this.source = source;
            this.file = file;
            this.options = options;
            this.cluster = file.cluster();
        }

        Location at(String field) {
            return file.location(field);
        }

        void error(String field, String role, String patch, String message) {
            findings.add(new Finding(Severity.ERROR, at(field), field, role, patch, message));
        }

        Plan result() {
            return new Plan(file.displayName(), clusterName, className, objects, findings, coverage);
        }

        Plan plan() {
            clusterName = cluster.path("metadata").path("name").asText("");
            namespace = cluster.path("metadata").path("namespace").asText("default");
            if (clusterName.isEmpty()) {
                error("metadata.name", null, null, "the Cluster has no name");
            }
            JsonNode topology = cluster.path("spec").path("topology");
            if (!topology.isObject()) {
                error("spec.topology", null, null, "the Cluster has no spec.topology: Cluster API plans only Clusters"
                        + " with a managed topology");
                return result();
            }
            boolean classRef = topology.has("classRef");
            classField = classRef ? "spec.topology.classRef.name" : "spec.topology.class";
            className = classRef ? topology.path("classRef").path("name").asText("") : topology.path("class").asText("");
            String classNamespace = classRef ? topology.path("classRef").path("namespace").asText("")
                    : topology.path("classNamespace").asText("");
            if (classNamespace.isEmpty()) {
                classNamespace = namespace;
            }
            if (className.isEmpty()) {
                error(classField, null, null, "the Cluster names no ClusterClass");
                return result();
            }
            Optional<ObjectNode> found = source.clusterClass(className);
            if (found.isEmpty()) {
                List<String> known = source.classNames();
                error(classField, null, null, "ClusterClass \"" + className + "\" is not in " + source.displayName()
                        + (known.isEmpty() ? " (it holds no ClusterClass)" : " (it holds " + String.join(", ", known) + ")"));
                return result();
            }
            ObjectNode cc = found.get();
            ccName = "ClusterClass " + className;
            JsonNode spec = cc.path("spec");
            String version = topology.path("version").asText("");
            if (version.isEmpty()) {
                error("spec.topology.version", null, null, "the Cluster sets no Kubernetes version");
            }

            // variables: defaulted and validated as Cluster API's webhooks do
            List<VariableDefinition> definitions = new ArrayList<>();
            for (JsonNode v : spec.path("variables")) {
                definitions.add(new VariableDefinition(v.path("name").asText(), v.path("required").asBoolean(false),
                        v.path("schema").path("openAPIV3Schema")));
            }
            Set<String> defined = new LinkedHashSet<>();
            definitions.forEach(d -> defined.add(d.name()));
            List<VariableValue> globalValues = variables(topology.path("variables"), definitions,
                    "spec.topology.variables", true);
            List<VariableValue> cpOverrides = variables(topology.path("controlPlane").path("variables").path("overrides"),
                    definitions, "spec.topology.controlPlane.variables.overrides", false);

            // class structure (v1beta1 and v1beta2)
            JsonNode infraRef = ref(spec.path("infrastructure"));
            JsonNode cpRef = ref(spec.path("controlPlane"));
            JsonNode cpMachineRef = spec.path("controlPlane").has("machineInfrastructure")
                    ? ref(spec.path("controlPlane").path("machineInfrastructure")) : null;
            String infraNaming = text(spec, "infrastructure.naming.template", "infrastructureNamingStrategy.template");
            String cpNaming = text(spec, "controlPlane.naming.template", "controlPlane.namingStrategy.template");
            JsonNode cpClassMetadata = spec.path("controlPlane").path("metadata");
            Map<String, MdClass> mdClasses = new LinkedHashMap<>();
            for (JsonNode md : spec.path("workers").path("machineDeployments")) {
                JsonNode t = md.has("template") ? md.path("template") : md;
                mdClasses.put(md.path("class").asText(), new MdClass(md.path("class").asText(), ref(t.path("bootstrap")),
                        ref(t.path("infrastructure")), t.path("metadata"),
                        text(md, "naming.template", "namingStrategy.template"), md));
            }

            ObjectNode infraT = template(infraRef, "infrastructure-cluster", "spec.infrastructure");
            ObjectNode cpT = template(cpRef, "control-plane", "spec.controlPlane");
            ObjectNode cpMachineT = cpMachineRef == null ? null
                    : template(cpMachineRef, "control-plane-machine-template", "spec.controlPlane.machineInfrastructure");
            if (infraT == null || cpT == null || cpMachineRef != null && cpMachineT == null) {
                return result();
            }

            // names (Go text/template without sprig, missingkey=error)
            String random = options.random();
            Map<String, String> names = new LinkedHashMap<>();
            List<String[]> nameJobs = new ArrayList<>();
            nameJobs.add(new String[]{"infrastructure-cluster", infraNaming.isEmpty() ? DEFAULT_NAME : infraNaming, null,
                    infraNaming.isEmpty() ? "" : "ClusterClass.spec.infrastructure.naming.template"});
            nameJobs.add(new String[]{"control-plane", cpNaming.isEmpty() ? DEFAULT_NAME : cpNaming, null,
                    cpNaming.isEmpty() ? "" : "ClusterClass.spec.controlPlane.naming.template"});
            List<JsonNode> mdTopologies = new ArrayList<>();
            int mdIndex = 0;
            for (JsonNode mdt : topology.path("workers").path("machineDeployments")) {
                String name = mdt.path("name").asText("");
                String field = "spec.topology.workers.machineDeployments[" + (name.isEmpty() ? String.valueOf(mdIndex) : name) + "]";
                mdIndex++;
                MdClass mc = mdClasses.get(mdt.path("class").asText(""));
                if (name.isEmpty()) {
                    error(field + ".name", null, null, "the machine deployment topology has no name");
                    continue;
                }
                if (mc == null) {
                    error(field + ".class", null, null, "machine deployment class \"" + mdt.path("class").asText("")
                            + "\" is not in " + ccName + " (it has " + String.join(", ", mdClasses.keySet()) + ")");
                    continue;
                }
                mdTopologies.add(mdt);
                nameJobs.add(new String[]{"md-" + name + "-machine-deployment", mc.naming().isEmpty() ? DEFAULT_MD_NAME
                        : mc.naming(), name, mc.naming().isEmpty() ? "" : "ClusterClass.spec.workers.machineDeployments["
                        + mc.name() + "].naming.template"});
            }
            names(nameJobs, random, names);
            if (topology.path("workers").path("machinePools").size() > 0) {
                findings.add(new Finding(Severity.NOT_EVALUATED, at("spec.topology.workers.machinePools"),
                        "spec.topology.workers.machinePools", null, null, "machine pools are not planned (this project's"
                        + " plan covers the control plane and machine deployments)"));
            }

            // desired objects before patching (their metadata feeds the builtins)
            Map<String, String> cpLabels = merge(topology.path("controlPlane").path("metadata").path("labels"),
                    cpClassMetadata.path("labels"));
            cpLabels.put(CLUSTER_NAME_LABEL, clusterName);
            cpLabels.put(TOPOLOGY_OWNED_LABEL, "");
            Map<String, String> cpAnnotations = merge(topology.path("controlPlane").path("metadata").path("annotations"),
                    cpClassMetadata.path("annotations"));

            ObjectNode builtinCluster = clusterBuiltins(topology, version, classNamespace);
            List<Item> items = new ArrayList<>();
            Item infra = new Item("infrastructure-cluster", "Cluster", infraT, null, null);
            syncObjectMetadata(infra.template, Map.of(), Map.of(), infraRef);
            items.add(infra);
            Item cp = new Item("control-plane", "Cluster", cpT, null, null);
            syncObjectMetadata(cp.template, cpLabels, cpAnnotations, cpRef);
            items.add(cp);
            String cpMachineName = simpleName(clusterName + "-", random);
            Item cpMachine = null;
            if (cpMachineT != null) {
                cpMachine = new Item("control-plane-machine-template", "ControlPlane", cpMachineT, null, null);
                syncTemplateMetadata(cpMachine.template, null, cpMachineRef);
                items.add(cpMachine);
            }
            ObjectNode cpBuiltin = NODES.objectNode();
            cpBuiltin.put("version", version);
            ObjectNode cpMeta = cpBuiltin.putObject("metadata");
            cpMeta.set("labels", JSON.valueToTree(cp.template.path("spec").path("template").path("metadata").path("labels")));
            JsonNode cpAnn = cp.template.path("spec").path("template").path("metadata").path("annotations");
            if (cpAnn.isObject() && !cpAnn.isEmpty()) {
                cpMeta.set("annotations", cleanup(cpAnn));
            }
            cpBuiltin.put("name", names.get("control-plane"));
            JsonNode cpReplicas = topology.path("controlPlane").path("replicas");
            if (cpReplicas.isNumber()) {
                cpBuiltin.put("replicas", cpReplicas.asLong());
            }
            if (cpMachine != null) {
                cpBuiltin.putObject("machineTemplate").putObject("infrastructureRef").put("name", cpMachineName);
            }
            setVariables(infra, globalValues, List.of(), defined, builtinCluster, null, "spec.topology.variables");
            setVariables(cp, globalValues, cpOverrides, defined, builtinCluster, b -> b.set("controlPlane", cpBuiltin),
                    "spec.topology.controlPlane.variables.overrides");
            if (cpMachine != null) {
                setVariables(cpMachine, globalValues, cpOverrides, defined, builtinCluster,
                        b -> b.set("controlPlane", cpBuiltin), "spec.topology.controlPlane.variables.overrides");
            }

            Map<String, Map<String, String>[]> mdMeta = new LinkedHashMap<>();
            for (JsonNode mdt : mdTopologies) {
                String name = mdt.path("name").asText();
                MdClass mc = mdClasses.get(mdt.path("class").asText());
                ObjectNode bt = template(mc.bootstrapRef(), "md-" + name + "-bootstrap-template",
                        "spec.workers.machineDeployments[" + mc.name() + "].bootstrap");
                ObjectNode it = template(mc.infraRef(), "md-" + name + "-infrastructure-template",
                        "spec.workers.machineDeployments[" + mc.name() + "].infrastructure");
                if (bt == null || it == null) {
                    continue;
                }
                String field = "spec.topology.workers.machineDeployments[" + name + "]";
                List<VariableValue> overrides = variables(mdt.path("variables").path("overrides"), definitions,
                        field + ".variables.overrides", false);
                Map<String, String> labels = merge(mdt.path("metadata").path("labels"), mc.metadata().path("labels"));
                labels.put(CLUSTER_NAME_LABEL, clusterName);
                labels.put(TOPOLOGY_OWNED_LABEL, "");
                labels.put(MD_NAME_LABEL, name);
                Map<String, String> annotations = merge(mdt.path("metadata").path("annotations"),
                        mc.metadata().path("annotations"));
                annotations.remove("topology.cluster.x-k8s.io/hold-upgrade-sequence");
                annotations.remove("topology.cluster.x-k8s.io/defer-upgrade");
                @SuppressWarnings("unchecked")
                Map<String, String>[] meta = new Map[]{labels, annotations};
                mdMeta.put(name, meta);
                Item b = new Item("md-" + name + "-bootstrap-template", "MachineDeployment", bt, mc.name(), name);
                Item i = new Item("md-" + name + "-infrastructure-template", "MachineDeployment", it, mc.name(), name);
                syncTemplateMetadata(b.template, name, mc.bootstrapRef());
                syncTemplateMetadata(i.template, name, mc.infraRef());
                ObjectNode mdBuiltin = NODES.objectNode();
                mdBuiltin.put("version", version);
                ObjectNode m = mdBuiltin.putObject("metadata");
                m.set("labels", JSON.valueToTree(labels));
                if (!annotations.isEmpty()) {
                    m.set("annotations", cleanup(JSON.valueToTree(annotations)));
                }
                mdBuiltin.put("class", mc.name());
                mdBuiltin.put("name", names.get("md-" + name + "-machine-deployment"));
                mdBuiltin.put("topologyName", name);
                if (mdt.path("replicas").isNumber()) {
                    mdBuiltin.put("replicas", mdt.path("replicas").asLong());
                }
                mdBuiltin.putObject("bootstrap").putObject("configRef").put("name", simpleName(clusterName + "-" + name + "-", random));
                mdBuiltin.putObject("infrastructureRef").put("name", simpleName(clusterName + "-" + name + "-", random));
                setVariables(b, globalValues, overrides, defined, builtinCluster, x -> x.set("machineDeployment", mdBuiltin),
                        field + ".variables.overrides");
                setVariables(i, globalValues, overrides, defined, builtinCluster, x -> x.set("machineDeployment", mdBuiltin),
                        field + ".variables.overrides");
                items.add(b);
                items.add(i);
            }

            applyPatches(spec.path("patches"), items);

            // desired objects from the patched templates, with the fields the controller sets itself
            objects.put("infrastructure-cluster", toObject(infra.template, names.get("infrastructure-cluster"), infraRef,
                    Map.of(), Map.of()));
            ObjectNode cpObject = toObject(cp.template, names.get("control-plane"), cpRef, cpLabels, cpAnnotations);
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
                    ref.put("namespace", namespace);
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
            cpSpec.put("version", version);
            objects.put("control-plane", cpObject);
            if (cpMachine != null) {
                objects.put("control-plane-machine-template", toTemplate(cpMachine.template, cpMachineName, null, cpMachineRef));
            }
            for (JsonNode mdt : mdTopologies) {
                String name = mdt.path("name").asText();
                Item b = find(items, "md-" + name + "-bootstrap-template");
                Item i = find(items, "md-" + name + "-infrastructure-template");
                if (b == null || i == null) {
                    continue;
                }
                String templateName = simpleName(clusterName + "-" + name + "-", random);
                MdClass mc = mdClasses.get(b.mdClass);
                ObjectNode bo = toTemplate(b.template, templateName, name, mc.bootstrapRef());
                ObjectNode io = toTemplate(i.template, templateName, name, mc.infraRef());
                objects.put(b.role, bo);
                objects.put(i.role, io);
                Map<String, String>[] meta = mdMeta.get(name);
                objects.put("md-" + name + "-machine-deployment", machineDeployment(mdt, mdClasses.get(b.mdClass),
                        names.get("md-" + name + "-machine-deployment"), version, bo, io, meta[0], meta[1]));
            }
            check();
            return result();
        }

        List<VariableValue> variables(JsonNode list, List<VariableDefinition> definitions, String field, boolean global) {
            List<VariableValue> values = new ArrayList<>();
            for (JsonNode v : list) {
                values.add(new VariableValue(v.path("name").asText(), v.has("value") ? v.get("value") : NullNode.getInstance()));
            }
            if (!global && values.isEmpty()) {
                return values;
            }
            ClusterVariables.Result defaulted = ClusterVariables.defaultValues(definitions, values, field, global);
            List<VariableFinding> found = new ArrayList<>(defaulted.findings());
            // defaulting and validation both refuse an undefined variable: say it once
            ClusterVariables.validate(definitions, defaulted.values(), field, global).stream()
                    .filter(f -> !found.contains(f)).forEach(found::add);
            for (VariableFinding f : found) {
                findings.add(new Finding(f.severity(), at(f.field()), f.field(), null, null, f.message()));
            }
            return defaulted.values();
        }

        ObjectNode template(JsonNode ref, String role, String classField) {
            if (ref == null || ref.isMissingNode() || !ref.isObject()) {
                findings.add(new Finding(Severity.ERROR, at(this.classField), ccName + " " + classField, role, null,
                        "the ClusterClass has no template reference here"));
                return null;
            }
            Optional<ObjectNode> t = source.referenced(ref);
            if (t.isEmpty()) {
                findings.add(new Finding(Severity.ERROR, at(this.classField), ccName + " " + classField, role, null,
                        "the template " + ref.path("kind").asText() + " " + ref.path("name").asText()
                                + " that the ClusterClass references is not in " + source.displayName()));
                return null;
            }
            ObjectNode copy = t.get().deepCopy();
            if (options.crds() != null) {
                String apiVersion = copy.path("apiVersion").asText();
                String kind = copy.path("kind").asText();
                Optional<JsonNode> schema = options.crds().openApiSchema(apiVersion, kind);
                if (schema.isPresent()) {
                    StructuralDefaults.apply(copy, schema.get());
                } else if (warnedNoCrd.add(apiVersion + " " + kind)) {
                    findings.add(new Finding(Severity.WARNING, null, ccName + " " + classField, role, null,
                            "no CRD for " + kind + " (" + apiVersion + "): the template gets no CRD defaults and is not"
                                    + " validated"));
                }
            }
            return copy;
        }

        ObjectNode clusterBuiltins(JsonNode topology, String version, String classNamespace) {
            ObjectNode c = NODES.objectNode();
            c.put("name", clusterName);
            c.put("namespace", namespace);
            JsonNode metadata = cluster.path("metadata");
            if (metadata.has("labels") || metadata.has("annotations")) {
                ObjectNode m = c.putObject("metadata");
                if (metadata.path("labels").isObject() && !metadata.path("labels").isEmpty()) {
                    m.set("labels", metadata.get("labels").deepCopy());
                }
                JsonNode ann = cleanup(metadata.path("annotations"));
                if (ann.isObject() && !ann.isEmpty()) {
                    m.set("annotations", ann);
                }
            }
            ObjectNode t = c.putObject("topology");
            if (!version.isEmpty()) {
                t.put("version", version);
            }
            ObjectNode ref = t.putObject("classRef");
            ref.put("name", className);
            ref.put("namespace", classNamespace);
            t.put("class", className);
            t.put("classNamespace", classNamespace);
            JsonNode network = cluster.path("spec").path("clusterNetwork");
            ObjectNode n = NODES.objectNode();
            if (!network.path("serviceDomain").asText("").isEmpty()) {
                n.put("serviceDomain", network.path("serviceDomain").asText());
            }
            if (network.path("services").path("cidrBlocks").isArray()) {
                n.set("services", network.path("services").path("cidrBlocks").deepCopy());
            }
            if (network.path("pods").path("cidrBlocks").isArray()) {
                n.set("pods", network.path("pods").path("cidrBlocks").deepCopy());
            }
            if (!n.isEmpty()) {
                c.set("network", n);
            }
            ObjectNode builtin = NODES.objectNode();
            builtin.set("cluster", c);
            return builtin;
        }

        void setVariables(Item item, List<VariableValue> global, List<VariableValue> overrides, Set<String> defined,
                          ObjectNode builtinCluster, java.util.function.Consumer<ObjectNode> roleBuiltin, String field) {
            Map<String, JsonNode> vars = new LinkedHashMap<>();
            for (VariableValue v : global) {
                if (defined.contains(v.name()) && !v.name().equals("builtin")) {
                    vars.put(v.name(), v.value());
                }
            }
            for (VariableValue v : overrides) {
                if (defined.contains(v.name()) && !v.name().equals("builtin")) {
                    vars.put(v.name(), v.value());
                }
            }
            ObjectNode builtin = builtinCluster.deepCopy();
            if (roleBuiltin != null) {
                roleBuiltin.accept(builtin);
            }
            vars.put("builtin", builtin);
            item.variables = vars;
            item.variableField = field;
        }

        /** Labels and annotations of the desired object, written back into the template before patching. */
        void syncObjectMetadata(ObjectNode template, Map<String, String> labels, Map<String, String> annotations,
                                JsonNode ref) {
            ObjectNode meta = template.with("spec").with("template").with("metadata");
            Map<String, String> l = strings(meta.path("labels"));
            l.putAll(labels);
            l.put(CLUSTER_NAME_LABEL, clusterName);
            l.put(TOPOLOGY_OWNED_LABEL, "");
            Map<String, String> a = strings(meta.path("annotations"));
            a.putAll(annotations);
            a.put(CLONED_FROM_NAME, ref.path("name").asText());
            a.put(CLONED_FROM_GROUPKIND, groupKind(template));
            meta.set("labels", JSON.valueToTree(l));
            meta.set("annotations", JSON.valueToTree(a));
        }

        void syncTemplateMetadata(ObjectNode template, String mdTopology, JsonNode ref) {
            ObjectNode meta = template.with("metadata");
            Map<String, String> l = strings(meta.path("labels"));
            l.put(CLUSTER_NAME_LABEL, clusterName);
            l.put(TOPOLOGY_OWNED_LABEL, "");
            if (mdTopology != null) {
                l.put(MD_NAME_LABEL, mdTopology);
            }
            Map<String, String> a = strings(meta.path("annotations"));
            a.put(CLONED_FROM_NAME, ref.path("name").asText());
            a.put(CLONED_FROM_GROUPKIND, groupKind(template));
            a.remove("kubectl.kubernetes.io/last-applied-configuration");
            meta.set("labels", JSON.valueToTree(l));
            meta.set("annotations", JSON.valueToTree(a));
        }

        // ------------------------------------------------------------------ patches

        private record OpRef(int patch, int item, int definition, int op) {
        }

        void applyPatches(JsonNode patches, List<Item> items) {
            List<GoTemplates.Job> jobs = new ArrayList<>();
            Map<String, Integer> enabledJobs = new LinkedHashMap<>();
            Map<OpRef, Integer> valueJobs = new LinkedHashMap<>();
            List<List<List<Integer>>> matches = new ArrayList<>();
            List<ObjectNode> itemData = new ArrayList<>();
            items.forEach(item -> itemData.add(data(item.variables)));
            for (int p = 0; p < patches.size(); p++) {
                JsonNode patch = patches.get(p);
                coverage.put(patchName(patch, p), new ArrayList<>());
                List<List<Integer>> perItem = new ArrayList<>();
                matches.add(perItem);
                for (int i = 0; i < items.size(); i++) {
                    List<Integer> defs = new ArrayList<>();
                    JsonNode definitions = patch.path("definitions");
                    for (int d = 0; d < definitions.size(); d++) {
                        if (matchesSelector(items.get(i), definitions.get(d).path("selector"))) {
                            defs.add(d);
                        }
                    }
                    perItem.add(defs);
                    if (defs.isEmpty() || patch.has("external")) {
                        continue;
                    }
                    ObjectNode data = itemData.get(i);
                    int guard = -1;
                    String enabledIf = patch.path("enabledIf").asText("");
                    if (!enabledIf.isEmpty()) {
                        guard = jobs.size();
                        jobs.add(new GoTemplates.Job(enabledIf, data, -1));
                        enabledJobs.put(p + "/" + i, guard);
                    }
                    for (int d : defs) {
                        JsonNode ops = definitions.get(d).path("jsonPatches");
                        for (int o = 0; o < ops.size(); o++) {
                            JsonNode from = ops.get(o).path("valueFrom");
                            String template = from.path("template").asText("");
                            if (!template.isEmpty() && from.path("variable").asText("").isEmpty()
                                    && !ops.get(o).has("value")) {
                                valueJobs.put(new OpRef(p, i, d, o), jobs.size());
                                jobs.add(new GoTemplates.Job(template, data, guard));
                            }
                        }
                    }
                }
            }
            List<GoTemplates.Result> results = jobs.isEmpty() ? List.of() : GoTemplates.render(jobs, options.workDir());

            for (int p = 0; p < patches.size(); p++) {
                JsonNode patch = patches.get(p);
                String name = patchName(patch, p);
                String patchField = ccName + " spec.patches[" + name + "]";
                if (patch.has("external")) {
                    findings.add(new Finding(Severity.NOT_EVALUATED, at(classField), patchField, null, name,
                            "external patch (runtime extension " + patch.path("external").path("generatePatchesExtension")
                                    .asText(patch.path("external").path("generateExtension").asText("?"))
                                    + "): not evaluated offline"));
                    continue;
                }
                if (!patch.path("definitions").isArray() || patch.path("definitions").isEmpty()) {
                    findings.add(new Finding(Severity.ERROR, at(classField), patchField, null, name,
                            "the patch has neither definitions nor external"));
                    continue;
                }
                for (int i = 0; i < items.size(); i++) {
                    List<Integer> defs = matches.get(p).get(i);
                    if (defs.isEmpty()) {
                        continue;
                    }
                    Item item = items.get(i);
                    Integer e = enabledJobs.get(p + "/" + i);
                    if (e != null) {
                        GoTemplates.Result r = results.get(e);
                        if (r.output() == null) {
                            templateFinding(r, item, name, patchField + ".enabledIf", patch.path("enabledIf").asText());
                            continue;
                        }
                        if (!GoTemplates.isTrue(r.output())) {
                            continue;
                        }
                    }
                    coverage.get(name).add(item.role);
                    for (int d : defs) {
                        applyDefinition(patch, p, d, i, item, name, patchField, results, valueJobs);
                    }
                }
            }
        }

        void applyDefinition(JsonNode patch, int p, int d, int i, Item item, String name, String patchField,
                             List<GoTemplates.Result> results, Map<OpRef, Integer> valueJobs) {
            JsonNode ops = patch.path("definitions").get(d).path("jsonPatches");
            String defField = patchField + ".definitions[" + d + "]";
            List<JsonNode> values = new ArrayList<>();
            for (int o = 0; o < ops.size(); o++) {
                JsonNode op = ops.get(o);
                String opField = defField + ".jsonPatches[" + o + "]";
                int oi = o;
                try {
                    values.add(calculateValue(op, item.variables, t -> results.get(valueJobs.get(new OpRef(p, i, d, oi)))));
                } catch (ValueException e) {
                    if (e.result != null) {
                        templateFinding(e.result, item, name, opField + ".valueFrom.template",
                                op.path("valueFrom").path("template").asText());
                    } else {
                        String template = op.path("valueFrom").path("template").asText("");
                        opError(item, name, opField, e.getMessage() + (template.isEmpty() ? "" : involved(template, item)),
                                e.variable);
                    }
                    return;
                }
            }
            JsonNode doc = item.template.deepCopy();
            for (int o = 0; o < ops.size(); o++) {
                JsonNode op = ops.get(o);
                try {
                    doc = JsonPatch.apply(doc, op.path("op").asText(), op.path("path").asText(null),
                            values.get(o) == null ? NullNode.getInstance() : values.get(o));
                } catch (JsonPatch.PatchException ex) {
                    opError(item, name, defField + ".jsonPatches[" + o + "]", "failed to apply patch: " + ex.getMessage()
                            + " (the definition's patches are not applied)", null);
                    return;
                }
            }
            keepSpecAndMetadata(item.template, doc);
        }

        void opError(Item item, String patch, String field, String message, String variable) {
            Location location = variable == null ? at(classField) : variableLocation(item, variable);
            String values = variable == null ? "" : involvedValue(item, variable);
            findings.add(new Finding(Severity.ERROR, location, field, item.role, patch, message + values));
        }

        void templateFinding(GoTemplates.Result r, Item item, String patch, String field, String template) {
            String first = firstReferenced(template, item);
            Location location = first == null ? at(classField) : variableLocation(item, first);
            String message = (r.notEvaluated() ? "" : "failed to render template " + quote(template) + ": ") + r.error()
                    + involved(template, item);
            findings.add(new Finding(r.notEvaluated() ? Severity.NOT_EVALUATED : Severity.ERROR, location, field,
                    item.role, patch, message));
        }

        Location variableLocation(Item item, String variable) {
            String overridden = item.variableField + "[" + variable + "]";
            if (!item.variableField.equals("spec.topology.variables")
                    && !at(overridden).equals(at(item.variableField))) {
                return at(overridden);
            }
            Location l = at("spec.topology.variables[" + variable + "]");
            return l.equals(file.location("spec.topology.variables")) && !variable.equals("builtin")
                    ? at("spec.topology.variables") : l;
        }

        String firstReferenced(String template, Item item) {
            Matcher m = TOP_LEVEL_REF.matcher(template);
            while (m.find()) {
                if (item.variables.containsKey(m.group(1))) {
                    return m.group(1);
                }
            }
            return null;
        }

        /** The values of the variables a template refers to, for messages. */
        String involved(String template, Item item) {
            Set<String> names = new LinkedHashSet<>();
            Matcher m = TOP_LEVEL_REF.matcher(template);
            while (m.find()) {
                names.add(m.group(1));
            }
            if (names.isEmpty()) {
                return "";
            }
            List<String> parts = new ArrayList<>();
            for (String n : names) {
                JsonNode v = item.variables.get(n);
                parts.add(n + (v == null ? " (not set)" : "=" + compact(v)));
            }
            return "; variables: " + String.join(", ", parts);
        }

        String involvedValue(Item item, String variable) {
            JsonNode v = item.variables.get(variable);
            return "; variables: " + variable + (v == null ? " (not set)" : "=" + compact(v));
        }

        boolean matchesSelector(Item item, JsonNode selector) {
            if (!selector.path("apiVersion").asText("").equals(item.template.path("apiVersion").asText())
                    || !selector.path("kind").asText("").equals(item.template.path("kind").asText())) {
                return false;
            }
            JsonNode match = selector.path("matchResources");
            if (match.path("infrastructureCluster").asBoolean(false) && item.role.equals("infrastructure-cluster")) {
                return true;
            }
            if (match.path("controlPlane").asBoolean(false)
                    && (item.role.equals("control-plane") || item.role.equals("control-plane-machine-template"))) {
                return true;
            }
            if (match.has("machineDeploymentClass") && item.mdClass != null) {
                for (JsonNode n : match.path("machineDeploymentClass").path("names")) {
                    String name = n.asText();
                    if (name.equals("*") || name.equals(item.mdClass)
                            || name.startsWith("*") && item.mdClass.endsWith(name.substring(1))
                            || name.endsWith("*") && item.mdClass.startsWith(name.substring(0, name.length() - 1))) {
                        return true;
                    }
                }
            }
            return false;
        }

        // ------------------------------------------------------------------ names

        void names(List<String[]> jobs, String random, Map<String, String> names) {
            List<GoTemplates.Job> custom = new ArrayList<>();
            List<String[]> customJobs = new ArrayList<>();
            for (String[] j : jobs) {
                String role = j[0];
                String template = j[1];
                String topologyName = j[2];
                if (template.equals(DEFAULT_NAME)) {
                    names.put(role, truncate(clusterName + "-" + random, random));
                } else if (template.equals(DEFAULT_MD_NAME)) {
                    names.put(role, truncate(clusterName + "-" + topologyName + "-" + random, random));
                } else {
                    String function = nonBuiltinFunction(template);
                    if (function != null) {
                        findings.add(new Finding(Severity.ERROR, at(classField), ccName + " " + j[3], role, null,
                                "naming template " + quote(template) + ": function \"" + function + "\" not defined"
                                        + " (naming templates are Go text/template without sprig)"));
                        names.put(role, truncate(clusterName + "-" + random, random));
                        continue;
                    }
                    ObjectNode data = NODES.objectNode();
                    data.putObject("cluster").put("name", clusterName);
                    data.put("random", random);
                    if (topologyName != null) {
                        data.putObject("machineDeployment").put("topologyName", topologyName);
                    }
                    custom.add(new GoTemplates.Job(template, data, -1));
                    customJobs.add(j);
                }
            }
            if (custom.isEmpty()) {
                return;
            }
            List<GoTemplates.Result> results = GoTemplates.render(custom, options.workDir());
            for (int k = 0; k < custom.size(); k++) {
                String[] j = customJobs.get(k);
                GoTemplates.Result r = results.get(k);
                String error = r.output() == null ? r.error()
                        : r.output().contains("<no value>") ? "map has no entry for a key (naming templates run with"
                        + " missingkey=error; data: .cluster.name, .random" + (j[2] == null ? "" : ", .machineDeployment.topologyName") + ")"
                        : null;
                if (error != null) {
                    findings.add(new Finding(Severity.ERROR, at(classField), ccName + " " + j[3], j[0], null,
                            "naming template " + quote(j[1]) + ": " + error));
                    names.put(j[0], truncate(clusterName + "-" + random, random));
                } else {
                    names.put(j[0], truncate(r.output(), random));
                }
            }
        }

        // ------------------------------------------------------------------ objects

        ObjectNode toObject(ObjectNode template, String name, JsonNode ref, Map<String, String> labels,
                            Map<String, String> annotations) {
            ObjectNode o = NODES.objectNode();
            JsonNode inner = template.path("spec").path("template");
            String apiVersion = inner.path("apiVersion").asText(template.path("apiVersion").asText());
            String kind = inner.path("kind").asText(stripTemplate(template.path("kind").asText()));
            o.put("apiVersion", apiVersion);
            o.put("kind", kind);
            ObjectNode meta = o.putObject("metadata");
            meta.put("name", name);
            meta.put("namespace", namespace);
            JsonNode im = inner.path("metadata");
            Map<String, String> l = strings(im.path("labels"));
            l.putAll(labels);
            l.put(CLUSTER_NAME_LABEL, clusterName);
            l.put(TOPOLOGY_OWNED_LABEL, "");
            Map<String, String> a = strings(im.path("annotations"));
            a.putAll(annotations);
            a.put(CLONED_FROM_NAME, ref.path("name").asText());
            a.put(CLONED_FROM_GROUPKIND, groupKind(template));
            meta.set("labels", JSON.valueToTree(l));
            meta.set("annotations", JSON.valueToTree(a));
            if (inner.has("spec")) {
                o.set("spec", inner.get("spec").deepCopy());
            }
            return o;
        }

        ObjectNode toTemplate(ObjectNode template, String name, String mdTopology, JsonNode ref) {
            ObjectNode o = template.deepCopy();
            syncTemplateMetadata(o, mdTopology, ref); // the labels and annotations the controller always keeps
            ObjectNode meta = o.with("metadata");
            meta.put("name", name);
            meta.put("namespace", namespace);
            meta.remove(List.of("resourceVersion", "uid", "selfLink", "finalizers", "creationTimestamp", "generation",
                    "managedFields", "ownerReferences"));
            o.remove("status");
            return o;
        }

        ObjectNode machineDeployment(JsonNode mdt, MdClass mc, String name, String version, ObjectNode bootstrap,
                                     ObjectNode infra, Map<String, String> labels, Map<String, String> annotations) {
            ObjectNode md = NODES.objectNode();
            md.put("apiVersion", "cluster.x-k8s.io/v1beta2");
            md.put("kind", "MachineDeployment");
            ObjectNode meta = md.putObject("metadata");
            meta.put("name", name);
            meta.put("namespace", namespace);
            meta.set("labels", JSON.valueToTree(labels));
            if (!annotations.isEmpty()) {
                meta.set("annotations", JSON.valueToTree(annotations));
            }
            ObjectNode spec = md.putObject("spec");
            spec.put("clusterName", clusterName);
            if (mdt.path("replicas").isNumber()) {
                spec.set("replicas", mdt.get("replicas").deepCopy());
            }
            ObjectNode matchLabels = spec.putObject("selector").putObject("matchLabels");
            matchLabels.put(CLUSTER_NAME_LABEL, clusterName);
            matchLabels.put(TOPOLOGY_OWNED_LABEL, "");
            matchLabels.put(MD_NAME_LABEL, mdt.path("name").asText());
            ObjectNode template = spec.putObject("template");
            ObjectNode tm = template.putObject("metadata");
            tm.set("labels", JSON.valueToTree(labels));
            if (!annotations.isEmpty()) {
                tm.set("annotations", JSON.valueToTree(annotations));
            }
            ObjectNode ts = template.putObject("spec");
            ts.put("clusterName", clusterName);
            ts.put("version", version);
            ObjectNode configRef = ts.putObject("bootstrap").putObject("configRef");
            configRef.put("apiGroup", ClassSource.group(bootstrap.path("apiVersion").asText()));
            configRef.put("kind", bootstrap.path("kind").asText());
            configRef.put("name", bootstrap.path("metadata").path("name").asText());
            ObjectNode infraRef = ts.putObject("infrastructureRef");
            infraRef.put("apiGroup", ClassSource.group(infra.path("apiVersion").asText()));
            infraRef.put("kind", infra.path("kind").asText());
            infraRef.put("name", infra.path("metadata").path("name").asText());
            String failureDomain = mdt.path("failureDomain").asText(mc.spec().path("failureDomain").asText(""));
            if (!failureDomain.isEmpty()) {
                ts.put("failureDomain", failureDomain);
            }
            JsonNode minReady = mdt.has("minReadySeconds") ? mdt.get("minReadySeconds") : mc.spec().get("minReadySeconds");
            if (minReady != null && minReady.isNumber()) {
                ts.set("minReadySeconds", minReady.deepCopy());
            }
            return md;
        }

        // ------------------------------------------------------------------ checks

        void check() {
            for (Map.Entry<String, ObjectNode> e : objects.entrySet()) {
                String role = e.getKey();
                ObjectNode o = e.getValue();
                if (options.crds() != null) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> plain = JSON.convertValue(o, Map.class);
                    Optional<List<SchemaViolation>> violations = options.crds().validateIfKnown(plain);
                    if (violations.isEmpty()) {
                        if (warnedNoCrd.add(o.path("apiVersion").asText() + " " + o.path("kind").asText())) {
                            findings.add(new Finding(Severity.WARNING, at(classField), role, role, null, "no CRD for "
                                    + o.path("kind").asText() + " (" + o.path("apiVersion").asText() + "): not validated"));
                        }
                    } else {
                        for (SchemaViolation v : violations.get()) {
                            findings.add(new Finding(Severity.ERROR, at(classField), role + " " + (v.path().isEmpty() ? "/"
                                    : v.path()), role, null, "the planned " + v.kind() + " does not match its CRD: "
                                    + v.message()));
                        }
                    }
                }
                scanStrings(o, "", role);
            }
        }

        void scanStrings(JsonNode node, String pointer, String role) {
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    scanStrings(e.getValue(), pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), role);
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    scanStrings(node.get(i), pointer + "/" + i, role);
                }
            } else if (node.isTextual()) {
                String s = node.asText();
                if (s.contains("<no value>") || GO_ACTION.matcher(s).find()) {
                    findings.add(new Finding(Severity.WARNING, at(classField), role + " " + pointer, role, null,
                            "the planned value still holds " + (s.contains("<no value>") ? "<no value> (a template read"
                                    + " a missing key)" : "a Go template action (an unrendered template?)") + ": " + quote(abbreviate(s))));
                }
            }
        }
    }

    /** Why a JSON patch value cannot be calculated; {@code result}: a failed template, {@code variable}: the variable. */
    static final class ValueException extends Exception {
        private static final long serialVersionUID = 1L;
        final transient GoTemplates.Result result;
        final String variable;

        ValueException(String message, GoTemplates.Result result, String variable) {
            super(message, null, false, false);
            this.result = result;
            this.variable = variable;
        }
    }

    /**
     * The value of one JSON patch operation as Cluster API's calculateValue computes it: {@code value},
     * {@code valueFrom.variable} or the YAML-parsed output of {@code valueFrom.template} (rendered by
     * {@code render}); null for {@code remove}.
     */
    static JsonNode calculateValue(JsonNode op, Map<String, JsonNode> variables,
                                   java.util.function.Function<String, GoTemplates.Result> render) throws ValueException {
        String kind = op.path("op").asText();
        if (!kind.equals("add") && !kind.equals("replace")) {
            return null;
        }
        JsonNode from = op.get("valueFrom");
        boolean hasValue = op.has("value");
        if (!hasValue && from == null) {
            throw new ValueException("failed to calculate value: neither .value nor .valueFrom are set", null, null);
        }
        if (hasValue && from != null) {
            throw new ValueException("failed to calculate value: both .value and .valueFrom are set", null, null);
        }
        if (hasValue) {
            return op.get("value");
        }
        String variable = from.path("variable").asText("");
        String template = from.path("template").asText("");
        if (variable.isEmpty() == template.isEmpty()) {
            throw new ValueException("failed to calculate value: .valueFrom is set, but " + (variable.isEmpty()
                    ? "neither .valueFrom.variable nor .valueFrom.template are set"
                    : "both .valueFrom.variable and .valueFrom.template are set"), null, null);
        }
        if (!variable.isEmpty()) {
            try {
                return VariablePath.get(variables, variable);
            } catch (VariablePath.NotFound e) {
                throw new ValueException("failed to calculate value: " + e.getMessage(), null,
                        variable.split("[.\\[]")[0]);
            }
        }
        GoTemplates.Result r = render.apply(template);
        if (r.output() == null) {
            throw new ValueException(r.error(), r, null);
        }
        return parseTemplateOutput(r.output());
    }

    /** A template's output read as Cluster API reads it: YAML (or JSON) into a JSON value; empty is null. */
    static JsonNode parseTemplateOutput(String output) throws ValueException {
        if (output.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            // JSON first: it is YAML too, and Go's YAML reader takes tabs in JSON text that snakeyaml refuses
            return JSON.reader().with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(output);
        } catch (java.io.IOException notJson) {
            // YAML then
        }
        try {
            JsonNode parsed = YAML.readTree(output);
            return parsed == null || parsed.isMissingNode() ? NullNode.getInstance() : parsed;
        } catch (java.io.IOException ex) {
            throw new ValueException("failed to unmarshal rendered template: " + quote(output) + ": "
                    + ex.getMessage().lines().findFirst().orElse(""), null, null);
        }
    }

    // ---------------------------------------------------------------------- helpers

    static ObjectNode data(Map<String, JsonNode> variables) {
        ObjectNode data = NODES.objectNode();
        variables.forEach(data::set);
        return data;
    }

    static void keepSpecAndMetadata(ObjectNode template, JsonNode patched) {
        if (patched.has("spec")) {
            template.set("spec", patched.get("spec").deepCopy());
        } else {
            template.remove("spec");
        }
        ObjectNode meta = template.with("metadata");
        for (String f : List.of("labels", "annotations")) {
            JsonNode v = patched.path("metadata").get(f);
            if (v == null) {
                meta.remove(f);
            } else {
                meta.set(f, v.deepCopy());
            }
        }
    }

    private static Item find(List<Item> items, String role) {
        return items.stream().filter(i -> i.role.equals(role)).findFirst().orElse(null);
    }

    private static String patchName(JsonNode patch, int index) {
        String n = patch.path("name").asText("");
        return n.isEmpty() ? "#" + index : n;
    }

    private static JsonNode ref(JsonNode parent) {
        if (parent.has("templateRef")) {
            return parent.get("templateRef");
        }
        return parent.has("ref") ? parent.get("ref") : null;
    }

    private static String text(JsonNode node, String... dottedPaths) {
        for (String p : dottedPaths) {
            JsonNode cur = node;
            for (String part : p.split("\\.")) {
                cur = cur.path(part);
            }
            if (cur.isTextual() && !cur.asText().isEmpty()) {
                return cur.asText();
            }
        }
        return "";
    }

    /** util.MergeMap: the first map's entries win. */
    private static Map<String, String> merge(JsonNode first, JsonNode second) {
        Map<String, String> out = strings(first);
        strings(second).forEach(out::putIfAbsent);
        return out;
    }

    private static Map<String, String> strings(JsonNode map) {
        Map<String, String> out = new LinkedHashMap<>();
        if (map != null && map.isObject()) {
            map.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        }
        return out;
    }

    private static JsonNode cleanup(JsonNode annotations) {
        if (!annotations.isObject()) {
            return annotations;
        }
        ObjectNode copy = annotations.deepCopy();
        copy.remove("kubectl.kubernetes.io/last-applied-configuration");
        copy.remove("cluster.x-k8s.io/conversion-data");
        return copy;
    }

    private static String groupKind(JsonNode template) {
        String group = ClassSource.group(template.path("apiVersion").asText());
        String kind = template.path("kind").asText();
        return group.isEmpty() ? kind : kind + "." + group;
    }

    private static String stripTemplate(String kind) {
        return kind.endsWith("Template") ? kind.substring(0, kind.length() - "Template".length()) : kind;
    }

    /** SimpleNameGenerator: base cut to 58 characters plus the random part. */
    static String simpleName(String base, String random) {
        return (base.length() > 58 ? base.substring(0, 58) : base) + random;
    }

    /** Names longer than 63 characters: the first 58 plus the random part. */
    static String truncate(String name, String random) {
        return name.length() > 63 ? name.substring(0, 58) + random : name;
    }

    /** A function a naming template calls that Go's text/template does not have (naming has no sprig), or null. */
    static String nonBuiltinFunction(String template) {
        Matcher a = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL).matcher(template);
        while (a.find()) {
            String code = a.group(1).replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`|'(?:[^'\\\\]|\\\\.)*'", "\"\"");
            if (code.strip().startsWith("/*")) {
                continue;
            }
            Matcher m = IDENT.matcher(code);
            while (m.find()) {
                if (!GO_BUILTINS.contains(m.group(1))) {
                    return m.group(1);
                }
            }
        }
        return null;
    }

    static String compact(JsonNode v) {
        String s = v.toString();
        return abbreviate(s);
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 197) + "..." : s;
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(abbreviate(s));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "\"" + s + "\"";
        }
    }
}
