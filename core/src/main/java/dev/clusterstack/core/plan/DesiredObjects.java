package dev.clusterstack.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clusterstack.core.capi.ApiConversion;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects Cluster API's topology controller creates from the patched class templates, with the labels,
 * annotations, names and references the controller sets itself, and the metadata written back into the templates
 * before patching.
 */
final class DesiredObjects {
    static final String CLUSTER_NAME_LABEL = "cluster.x-k8s.io/cluster-name";
    static final String TOPOLOGY_OWNED_LABEL = "topology.cluster.x-k8s.io/owned";
    static final String MD_NAME_LABEL = "topology.cluster.x-k8s.io/deployment-name";
    static final String CLONED_FROM_NAME = "cluster.x-k8s.io/cloned-from-name";
    static final String CLONED_FROM_GROUPKIND = "cluster.x-k8s.io/cloned-from-groupkind";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] DELETION = {"nodeDrainTimeout", "nodeVolumeDetachTimeout", "nodeDeletionTimeout"};
    private final PlanRun run;

    DesiredObjects(PlanRun run) {
        this.run = run;
    }

    /** Labels and annotations of the desired object, written back into the template before patching. */
    void syncObjectMetadata(ObjectNode template, Map<String, String> labels, Map<String, String> annotations,
                            JsonNode ref) {
        ObjectNode meta = template.with("spec").with("template").with("metadata");
        setObjectMetadata(meta, meta, template, labels, annotations, ref);
    }

    /**
     * Sets on {@code meta} the labels and annotations of {@code from} with the given ones and those the controller
     * adds to every object (cluster name, topology owned, cloned from).
     */
    private void setObjectMetadata(ObjectNode meta, JsonNode from, ObjectNode template, Map<String, String> labels,
                                   Map<String, String> annotations, JsonNode ref) {
        Map<String, String> l = strings(from.path("labels"));
        l.putAll(labels);
        l.put(CLUSTER_NAME_LABEL, run.clusterName);
        l.put(TOPOLOGY_OWNED_LABEL, "");
        Map<String, String> a = strings(from.path("annotations"));
        a.putAll(annotations);
        a.put(CLONED_FROM_NAME, ref.path("name").asText());
        a.put(CLONED_FROM_GROUPKIND, groupKind(template));
        meta.set("labels", JSON.valueToTree(l));
        meta.set("annotations", JSON.valueToTree(a));
    }

    void syncTemplateMetadata(ObjectNode template, String mdTopology, JsonNode ref) {
        ObjectNode meta = template.with("metadata");
        Map<String, String> l = strings(meta.path("labels"));
        l.put(CLUSTER_NAME_LABEL, run.clusterName);
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
        meta.put("namespace", run.namespace);
        setObjectMetadata(meta, inner.path("metadata"), template, labels, annotations, ref);
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
        meta.put("namespace", run.namespace);
        meta.remove(List.of("resourceVersion", "uid", "selfLink", "finalizers", "creationTimestamp", "generation",
                "managedFields", "ownerReferences"));
        o.remove("status");
        return o;
    }

    ObjectNode machineDeployment(JsonNode mdt, MachineDeploymentClass mc, String name, String version, ObjectNode bootstrap,
                                 ObjectNode infra, Map<String, String> labels, Map<String, String> annotations) {
        ObjectNode md = NODES.objectNode();
        md.put("apiVersion", "cluster.x-k8s.io/v1beta2");
        md.put("kind", "MachineDeployment");
        ObjectNode meta = md.putObject("metadata");
        meta.put("name", name);
        meta.put("namespace", run.namespace);
        meta.set("labels", JSON.valueToTree(labels));
        if (!annotations.isEmpty()) {
            meta.set("annotations", JSON.valueToTree(annotations));
        }
        ObjectNode spec = md.putObject("spec");
        spec.put("clusterName", run.clusterName);
        if (mdt.path("replicas").isNumber()) {
            spec.set("replicas", mdt.get("replicas").deepCopy());
        }
        ObjectNode matchLabels = spec.putObject("selector").putObject("matchLabels");
        matchLabels.put(CLUSTER_NAME_LABEL, run.clusterName);
        matchLabels.put(TOPOLOGY_OWNED_LABEL, "");
        matchLabels.put(MD_NAME_LABEL, mdt.path("name").asText());
        ObjectNode template = spec.putObject("template");
        ObjectNode tm = template.putObject("metadata");
        tm.set("labels", JSON.valueToTree(labels));
        if (!annotations.isEmpty()) {
            tm.set("annotations", JSON.valueToTree(annotations));
        }
        ObjectNode ts = template.putObject("spec");
        ts.put("clusterName", run.clusterName);
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
        machineDeploymentFields(spec, ts, mc.spec(), mdt);
        return md;
    }

    /**
     * What computeControlPlane sets from the class and the topology besides replicas and version: rollout after,
     * readiness gates, taints and the deletion timeouts, at the paths of the control plane's contract version.
     */
    void controlPlaneFields(ObjectNode cpSpec, boolean v1beta2Contract, JsonNode cls, JsonNode top) {
        JsonNode after = top.path("rollout").path("after");
        if (after.isTextual() && !after.asText().isEmpty()) {
            if (v1beta2Contract) {
                cpSpec.with("rollout").set("after", after.deepCopy());
            } else {
                cpSpec.set("rolloutAfter", after.deepCopy());
            }
        }
        for (String f : List.of("readinessGates", "taints")) {
            JsonNode value = top.has(f) ? top.get(f) : cls.get(f);
            if (value != null) {
                ObjectNode mt = cpSpec.with("machineTemplate");
                (v1beta2Contract ? mt.with("spec") : mt).set(f, value.deepCopy());
            }
        }
        for (String d : DELETION) {
            JsonNode seconds = top.path("deletion").has(d + "Seconds") ? top.path("deletion").get(d + "Seconds")
                    : cls.path("deletion").get(d + "Seconds");
            if (seconds != null && seconds.isNumber()) {
                ObjectNode mt = cpSpec.with("machineTemplate");
                if (v1beta2Contract) {
                    mt.with("spec").with("deletion").set(d + "Seconds", seconds.deepCopy());
                } else {
                    mt.put(d, ApiConversion.durationOfSeconds(seconds.asLong()));
                }
            }
        }
    }

    /**
     * What computeMachineDeployment takes from the class, overridden by the topology: rollout, deletion order,
     * remediation maxInFlight, and on the machine template the deletion timeouts, readiness gates and taints.
     */
    private static void machineDeploymentFields(ObjectNode spec, ObjectNode ts, JsonNode cls, JsonNode top) {
        ObjectNode rollout = NODES.objectNode();
        JsonNode strategy = null;
        if (cls.path("rollout").isObject() && !cls.path("rollout").isEmpty()) {
            strategy = cls.path("rollout").path("strategy");
        }
        if (top.path("rollout").isObject() && !top.path("rollout").isEmpty()) {
            if (top.path("rollout").has("after")) {
                rollout.set("after", top.path("rollout").get("after").deepCopy());
            }
            strategy = top.path("rollout").path("strategy");
        }
        if (strategy != null && strategy.isObject() && !strategy.isEmpty()) {
            rollout.set("strategy", strategy.deepCopy());
        }
        if (!rollout.isEmpty()) {
            spec.set("rollout", rollout);
        }
        String order = top.path("deletion").path("order").asText(cls.path("deletion").path("order").asText(""));
        if (!order.isEmpty()) {
            spec.putObject("deletion").put("order", order);
        }
        JsonNode maxInFlight = top.path("healthCheck").path("remediation").has("maxInFlight")
                ? top.path("healthCheck").path("remediation").get("maxInFlight")
                : cls.path("healthCheck").path("remediation").get("maxInFlight");
        if (maxInFlight != null) {
            spec.putObject("remediation").set("maxInFlight", maxInFlight.deepCopy());
        }
        for (String d : DELETION) {
            JsonNode seconds = top.path("deletion").has(d + "Seconds") ? top.path("deletion").get(d + "Seconds")
                    : cls.path("deletion").get(d + "Seconds");
            if (seconds != null && seconds.isNumber()) {
                ts.with("deletion").set(d + "Seconds", seconds.deepCopy());
            }
        }
        for (String f : List.of("readinessGates", "taints")) {
            JsonNode value = top.has(f) ? top.get(f) : cls.get(f);
            if (value != null) {
                ts.set(f, value.deepCopy());
            }
        }
    }

    /** util.MergeMap: the first map's entries win. */
    static Map<String, String> merge(JsonNode first, JsonNode second) {
        Map<String, String> out = strings(first);
        strings(second).forEach(out::putIfAbsent);
        return out;
    }

    static Map<String, String> strings(JsonNode map) {
        Map<String, String> out = new LinkedHashMap<>();
        if (map != null && map.isObject()) {
            map.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        }
        return out;
    }

    static JsonNode cleanup(JsonNode annotations) {
        if (!annotations.isObject()) {
            return annotations;
        }
        ObjectNode copy = annotations.deepCopy();
        copy.remove("kubectl.kubernetes.io/last-applied-configuration");
        copy.remove("cluster.x-k8s.io/conversion-data");
        return copy;
    }

    static String groupKind(JsonNode template) {
        String group = ClassSource.group(template.path("apiVersion").asText());
        String kind = template.path("kind").asText();
        return group.isEmpty() ? kind : kind + "." + group;
    }

    static String stripTemplate(String kind) {
        return kind.endsWith("Template") ? kind.substring(0, kind.length() - "Template".length()) : kind;
    }
}
