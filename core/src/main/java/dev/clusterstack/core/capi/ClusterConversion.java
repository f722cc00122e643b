package dev.clusterstack.core.capi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Cluster and MachineDeployment specs, per Cluster API v1.14's {@code Convert_v1beta*_Topology},
 * {@code ControlPlaneTopology}, {@code MachineDeploymentTopology}, {@code MachineDeploymentSpec} and {@code MachineSpec}
 * conversions and the contract references of its hub converters.
 */
final class ClusterConversion {
    private ClusterConversion() {
    }

    static void cluster(ObjectNode spec, boolean down, Trees t) {
        for (String ref : List.of("infrastructureRef", "controlPlaneRef")) {
            if (spec.get(ref) instanceof ObjectNode r) {
                spec.set(ref, down ? t.objectRef(r, "spec." + ref) : Trees.contractRef(r));
            }
        }
        ObjectNode topology = Trees.obj(spec, "topology");
        if (topology == null) {
            return;
        }
        if (down) {
            ObjectNode classRef = Trees.obj(topology, "classRef");
            if (classRef != null) {
                Trees.replace(topology, "classRef", "class", classRef.get("name"));
                if (!classRef.path("namespace").asText("").isEmpty()) {
                    topology.set("classNamespace", classRef.get("namespace"));
                }
            }
        } else {
            JsonNode name = topology.get("class");
            JsonNode namespace = topology.remove("classNamespace");
            ObjectNode classRef = Trees.NODES.objectNode();
            if (name != null) {
                classRef.set("name", name);
            }
            if (namespace != null && !namespace.asText("").isEmpty()) {
                classRef.set("namespace", namespace);
            }
            Trees.replace(topology, "class", "classRef", classRef);
            if (topology.remove("rolloutAfter") != null) {
                t.lose("spec.topology.rolloutAfter", "removed in v1beta2 (it was never used)");
            }
            dropDefinitionFrom(topology.get("variables"), "spec.topology.variables", t);
        }
        ObjectNode cp = Trees.obj(topology, "controlPlane");
        if (cp != null) {
            topologyItem(cp, "spec.topology.controlPlane", null, down, t);
        }
        for (ObjectNode md : Trees.items(Trees.obj(topology, "workers"), "machineDeployments")) {
            topologyItem(md, "spec.topology.workers.machineDeployments[" + md.path("name").asText() + "]", "healthCheck", down, t);
        }
        for (ObjectNode mp : Trees.items(Trees.obj(topology, "workers"), "machinePools")) {
            if (down) {
                ClassConversion.deletionDown(mp);
            } else {
                ClassConversion.deletionUp(mp, "spec.topology.workers.machinePools[" + mp.path("name").asText() + "]");
            }
        }
    }

    /** A control plane ({@code maxInFlightHolder} null) or machine deployment topology. */
    private static void topologyItem(ObjectNode item, String path, String maxInFlightHolder, boolean down, Trees t) {
        if (down) {
            if (maxInFlightHolder != null) {
                ClassConversion.strategyDown(item, maxInFlightHolder);
            }
            ClassConversion.deletionDown(item);
            ClassConversion.healthCheckDown(item, t, true);
        } else {
            if (maxInFlightHolder != null) {
                ClassConversion.strategyUp(item, maxInFlightHolder);
            }
            ClassConversion.deletionUp(item, path);
            ClassConversion.healthCheckUp(item, path, true);
            dropDefinitionFrom(item.path("variables").get("overrides"), path + ".variables.overrides", t);
        }
    }

    private static void dropDefinitionFrom(JsonNode variables, String path, Trees t) {
        if (variables == null || !variables.isArray()) {
            return;
        }
        for (JsonNode v : variables) {
            if (v instanceof ObjectNode o && o.remove("definitionFrom") != null) {
                t.lose(path + "[" + o.path("name").asText() + "].definitionFrom", "removed in v1beta2");
            }
        }
    }

    static void machineDeployment(ObjectNode spec, boolean down, Trees t) {
        ObjectNode ts = Trees.obj(Trees.obj(spec, "template"), "spec");
        if (down) {
            ClassConversion.strategyDown(spec, null);
            ObjectNode rollout = Trees.obj(spec, "rollout");
            if (rollout != null && rollout.has("after")) {
                spec.set("rolloutAfter", rollout.remove("after"));
                Trees.dropIfEmpty(spec, "rollout");
            }
            ObjectNode naming = Trees.obj(spec, "machineNaming");
            Trees.replace(spec, "machineNaming", "machineNamingStrategy",
                    naming != null && !naming.path("template").asText("").isEmpty() ? naming : null);
            if (ts != null) {
                if (ts.has("minReadySeconds")) {
                    spec.set("minReadySeconds", ts.remove("minReadySeconds"));
                }
                ClassConversion.deletionDown(ts);
                ObjectNode bootstrap = Trees.obj(ts, "bootstrap");
                if (bootstrap != null && bootstrap.get("configRef") instanceof ObjectNode r) {
                    bootstrap.set("configRef", t.objectRef(r, "spec.template.spec.bootstrap.configRef"));
                }
                if (ts.get("infrastructureRef") instanceof ObjectNode r) {
                    ts.set("infrastructureRef", t.objectRef(r, "spec.template.spec.infrastructureRef"));
                }
            }
        } else {
            ClassConversion.strategyUp(spec, null);
            JsonNode after = spec.remove("rolloutAfter");
            if (after != null && !after.asText("").isEmpty()) {
                Trees.ensure(spec, "rollout").set("after", after);
            }
            Trees.rename(spec, "machineNamingStrategy", "machineNaming");
            for (String f : List.of("progressDeadlineSeconds", "revisionHistoryLimit")) {
                if (spec.remove(f) != null) {
                    t.lose("spec." + f, "removed in v1beta2");
                }
            }
            JsonNode minReady = spec.remove("minReadySeconds");
            if (ts != null) {
                if (minReady != null) {
                    ts.set("minReadySeconds", minReady);
                }
                ClassConversion.deletionUp(ts, "spec.template.spec");
                ObjectNode bootstrap = Trees.obj(ts, "bootstrap");
                if (bootstrap != null && bootstrap.get("configRef") instanceof ObjectNode r) {
                    bootstrap.set("configRef", Trees.contractRef(r));
                }
                if (ts.get("infrastructureRef") instanceof ObjectNode r) {
                    ts.set("infrastructureRef", Trees.contractRef(r));
                }
            }
        }
    }
}
