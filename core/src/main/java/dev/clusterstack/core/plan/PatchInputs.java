package dev.clusterstack.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clusterstack.core.plan.variables.ClusterVariables;
import dev.clusterstack.core.plan.variables.Severity;
import dev.clusterstack.core.plan.variables.VariableDefinition;
import dev.clusterstack.core.plan.variables.VariableFinding;
import dev.clusterstack.core.plan.variables.VariableValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the patches of one plan see: the Cluster's variables defaulted and validated as Cluster API's webhooks do, the
 * class templates with their CRD defaults, and the builtin variables ({@code builtin.cluster}, per role
 * {@code builtin.controlPlane} or {@code builtin.machineDeployment}) set on each {@link PatchItem}.
 */
final class PatchInputs {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final PlanRun run;

    PatchInputs(PlanRun run) {
        this.run = run;
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
            run.findings.add(new Finding(f.severity(), run.at(f.field()), f.field(), null, null, f.message()));
        }
        return defaulted.values();
    }

    ObjectNode template(JsonNode ref, String role, String classField) {
        if (ref == null || ref.isMissingNode() || !ref.isObject()) {
            run.classError(classField, role, "the ClusterClass has no template reference here");
            return null;
        }
        Optional<ObjectNode> t = run.source.referenced(ref);
        if (t.isEmpty()) {
            run.classError(classField, role, "the template " + ref.path("kind").asText() + " "
                    + ref.path("name").asText() + " that the ClusterClass references is not in "
                    + run.source.displayName());
            return null;
        }
        ObjectNode copy = t.get().deepCopy();
        if (run.options.crds() != null) {
            String apiVersion = copy.path("apiVersion").asText();
            String kind = copy.path("kind").asText();
            Optional<JsonNode> schema = run.options.crds().openApiSchema(apiVersion, kind);
            if (schema.isPresent()) {
                StructuralDefaults.apply(copy, schema.get());
            } else if (run.warnedNoCrd.add(apiVersion + " " + kind)) {
                run.findings.add(new Finding(Severity.WARNING, null, run.ccName + " " + classField, role, null,
                        "no CRD for " + kind + " (" + apiVersion + "): the template gets no CRD defaults and is not"
                                + " validated"));
            }
        }
        return copy;
    }

    ObjectNode clusterBuiltins(JsonNode topology, String version, String classNamespace) {
        ObjectNode c = NODES.objectNode();
        c.put("name", run.clusterName);
        c.put("namespace", run.namespace);
        JsonNode metadata = run.cluster.path("metadata");
        if (metadata.has("labels") || metadata.has("annotations")) {
            ObjectNode m = c.putObject("metadata");
            if (metadata.path("labels").isObject() && !metadata.path("labels").isEmpty()) {
                m.set("labels", metadata.get("labels").deepCopy());
            }
            JsonNode ann = DesiredObjects.cleanup(metadata.path("annotations"));
            if (ann.isObject() && !ann.isEmpty()) {
                m.set("annotations", ann);
            }
        }
        ObjectNode t = c.putObject("topology");
        if (!version.isEmpty()) {
            t.put("version", version);
        }
        ObjectNode ref = t.putObject("classRef");
        ref.put("name", run.className);
        ref.put("namespace", classNamespace);
        t.put("class", run.className);
        t.put("classNamespace", classNamespace);
        JsonNode network = run.cluster.path("spec").path("clusterNetwork");
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

    void setVariables(PatchItem item, List<VariableValue> global, List<VariableValue> overrides, Set<String> defined,
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
}
