package dev.clusterstack.core.capi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * ClusterClass spec, per Cluster API v1.14's {@code Convert_v1beta*_ClusterClass*}, {@code ControlPlaneClass},
 * {@code MachineDeploymentClass}, {@code MachinePoolClass}, {@code ClusterClassVariable} and
 * {@code ExternalPatchDefinition} conversions. Also the health check and deletion fields that Cluster topologies share
 * ({@link #healthCheckUp}, {@link #healthCheckDown}, {@link #deletionUp}, {@link #deletionDown}).
 */
final class ClassConversion {
    private ClassConversion() {
    }

    static void up(ObjectNode spec, Trees t) {
        ObjectNode infra = Trees.obj(spec, "infrastructure");
        refUp(infra);
        ObjectNode naming = Trees.obj(spec, "infrastructureNamingStrategy");
        spec.remove("infrastructureNamingStrategy");
        if (infra != null && naming != null && naming.has("template")) {
            infra.putObject("naming").set("template", naming.get("template"));
        }
        ObjectNode cp = Trees.obj(spec, "controlPlane");
        if (cp != null) {
            refUp(cp);
            refUp(Trees.obj(cp, "machineInfrastructure"));
            Trees.rename(cp, "namingStrategy", "naming");
            deletionUp(cp, "spec.controlPlane");
            healthCheckUp(cp, "spec.controlPlane", false);
        }
        ObjectNode workers = Trees.obj(spec, "workers");
        for (String pool : List.of("machineDeployments", "machinePools")) {
            for (ObjectNode md : Trees.items(workers, pool)) {
                String path = "spec.workers." + pool + "[" + md.path("class").asText() + "]";
                ObjectNode template = Trees.obj(md, "template");
                if (template != null) {
                    JsonNode metadata = template.get("metadata");
                    ObjectNode bootstrap = Trees.obj(template, "bootstrap");
                    ObjectNode infrastructure = Trees.obj(template, "infrastructure");
                    refUp(bootstrap);
                    refUp(infrastructure);
                    Trees.replace(md, "template", "metadata", metadata);
                    if (bootstrap != null) {
                        md.set("bootstrap", bootstrap);
                    }
                    if (infrastructure != null) {
                        md.set("infrastructure", infrastructure);
                    }
                }
                Trees.rename(md, "namingStrategy", "naming");
                strategyUp(md, "healthCheck");
                deletionUp(md, path);
                healthCheckUp(md, path, false);
            }
        }
        for (ObjectNode v : Trees.items(spec, "variables")) {
            Trees.rename(v, "metadata", "deprecatedV1Beta1Metadata");
        }
        for (ObjectNode p : Trees.items(spec, "patches")) {
            ObjectNode ext = Trees.obj(p, "external");
            Trees.rename(ext, "generateExtension", V1beta2Names.GENERATE_PATCHES_EXTENSION);
            Trees.rename(ext, "validateExtension", V1beta2Names.VALIDATE_TOPOLOGY_EXTENSION);
        }
    }

    static void down(ObjectNode spec, Trees t) {
        ObjectNode infra = Trees.obj(spec, "infrastructure");
        if (infra != null) {
            JsonNode naming = infra.remove("naming");
            refDown(infra, t);
            if (naming != null && !naming.path("template").asText("").isEmpty()) {
                spec.putObject("infrastructureNamingStrategy").set("template", naming.get("template"));
            }
        }
        ObjectNode cp = Trees.obj(spec, "controlPlane");
        if (cp != null) {
            refDown(cp, t);
            refDown(Trees.obj(cp, "machineInfrastructure"), t);
            namingDown(cp);
            deletionDown(cp);
            healthCheckDown(cp, t, false);
        }
        ObjectNode workers = Trees.obj(spec, "workers");
        for (String pool : List.of("machineDeployments", "machinePools")) {
            for (ObjectNode md : Trees.items(workers, pool)) {
                ObjectNode template = Trees.NODES.objectNode();
                JsonNode metadata = md.get("metadata");
                template.set("metadata", metadata == null ? Trees.NODES.objectNode() : metadata);
                for (String f : List.of("bootstrap", "infrastructure")) {
                    ObjectNode ref = Trees.obj(md, f);
                    if (ref != null) {
                        refDown(ref, t);
                        template.set(f, md.remove(f));
                    }
                }
                if (md.has("metadata")) {
                    Trees.replace(md, "metadata", "template", template);
                } else {
                    md.set("template", template);
                }
                namingDown(md);
                strategyDown(md, "healthCheck");
                deletionDown(md);
                healthCheckDown(md, t, false);
                if (md.path("failureDomain").asText("x").isEmpty()) {
                    md.remove("failureDomain");
                }
            }
        }
        for (ObjectNode v : Trees.items(spec, "variables")) {
            Trees.rename(v, "deprecatedV1Beta1Metadata", "metadata");
        }
        for (ObjectNode p : Trees.items(spec, "patches")) {
            ObjectNode ext = Trees.obj(p, "external");
            Trees.rename(ext, V1beta2Names.GENERATE_PATCHES_EXTENSION, "generateExtension");
            Trees.rename(ext, V1beta2Names.VALIDATE_TOPOLOGY_EXTENSION, "validateExtension");
        }
    }

    /** {@code ref{apiVersion,kind,name,namespace}} becomes {@code templateRef{apiVersion,kind,name}}. */
    private static void refUp(ObjectNode holder) {
        ObjectNode ref = Trees.obj(holder, "ref");
        if (ref == null) {
            return;
        }
        ObjectNode out = Trees.NODES.objectNode();
        out.set("apiVersion", ref.path("apiVersion").isMissingNode() ? Trees.NODES.textNode("") : ref.get("apiVersion"));
        out.set("kind", ref.path("kind").isMissingNode() ? Trees.NODES.textNode("") : ref.get("kind"));
        out.set("name", ref.path("name").isMissingNode() ? Trees.NODES.textNode("") : ref.get("name"));
        Trees.replace(holder, "ref", "templateRef", out);
    }

    /** {@code templateRef} becomes {@code ref} with the ClusterClass's namespace. */
    private static void refDown(ObjectNode holder, Trees t) {
        ObjectNode ref = Trees.obj(holder, "templateRef");
        if (ref == null) {
            return;
        }
        ObjectNode out = ref.deepCopy();
        if (!t.namespace.isEmpty()) {
            out.put("namespace", t.namespace);
        }
        Trees.replace(holder, "templateRef", "ref", out);
    }

    private static void namingDown(ObjectNode holder) {
        ObjectNode naming = Trees.obj(holder, "naming");
        Trees.replace(holder, "naming", "namingStrategy", naming != null && !naming.path("template").asText("").isEmpty() ? naming : null);
    }

    /**
     * {@code strategy{type, rollingUpdate{maxUnavailable,maxSurge,deletePolicy}, remediation.maxInFlight}} to v1beta2's
     * {@code rollout.strategy}, {@code deletion.order} and {@code <maxInFlightHolder>.remediation.maxInFlight} (null:
     * {@code remediation.maxInFlight} of {@code md} itself).
     */
    static void strategyUp(ObjectNode md, String maxInFlightHolder) {
        JsonNode strategy = md.remove("strategy");
        if (strategy == null) {
            return;
        }
        ObjectNode s = Trees.NODES.objectNode();
        if (strategy.has("type")) {
            s.set("type", strategy.get("type"));
        }
        JsonNode ru = strategy.get("rollingUpdate");
        if (ru != null) {
            ObjectNode r = Trees.NODES.objectNode();
            for (String f : List.of("maxUnavailable", "maxSurge")) {
                if (ru.has(f)) {
                    r.set(f, ru.get(f));
                }
            }
            if (!r.isEmpty()) {
                s.set("rollingUpdate", r);
            }
            if (ru.has("deletePolicy")) {
                Trees.ensure(md, "deletion").set("order", ru.get("deletePolicy"));
            }
        }
        if (!s.isEmpty()) {
            Trees.ensure(md, "rollout").set("strategy", s);
        }
        JsonNode maxInFlight = strategy.path("remediation").get("maxInFlight");
        if (maxInFlight != null) {
            ObjectNode holder = maxInFlightHolder == null ? md : Trees.ensure(md, maxInFlightHolder);
            Trees.ensure(holder, "remediation").set("maxInFlight", maxInFlight);
        }
    }

    /** The reverse of {@link #strategyUp}: rollout strategy, deletion order and remediation maxInFlight. */
    static void strategyDown(ObjectNode md, String maxInFlightHolder) {
        ObjectNode strategy = Trees.NODES.objectNode();
        ObjectNode rollout = Trees.obj(md, "rollout");
        ObjectNode s = Trees.obj(rollout, "strategy");
        if (s != null && !s.isEmpty()) {
            strategy.set("type", s.path("type").isMissingNode() ? Trees.NODES.textNode("") : s.get("type"));
            ObjectNode ru = Trees.obj(s, "rollingUpdate");
            if (ru != null && !ru.isEmpty()) {
                strategy.set("rollingUpdate", ru.deepCopy());
            }
        }
        if (rollout != null) {
            rollout.remove("strategy");
            Trees.dropIfEmpty(md, "rollout");
        }
        ObjectNode deletion = Trees.obj(md, "deletion");
        if (deletion != null && deletion.has("order")) {
            Trees.ensure(strategy, "rollingUpdate").set("deletePolicy", deletion.remove("order"));
            Trees.dropIfEmpty(md, "deletion");
        }
        ObjectNode holder = maxInFlightHolder == null ? md : Trees.obj(md, maxInFlightHolder);
        ObjectNode remediation = Trees.obj(holder, "remediation");
        if (remediation != null && remediation.has("maxInFlight")) {
            strategy.putObject("remediation").set("maxInFlight", remediation.remove("maxInFlight"));
            Trees.dropIfEmpty(holder, "remediation");
            if (maxInFlightHolder != null) {
                Trees.dropIfEmpty(md, maxInFlightHolder);
            }
        }
        if (!strategy.isEmpty()) {
            md.set("strategy", strategy);
        }
    }

    /** {@code node*Timeout} durations become {@code deletion.node*TimeoutSeconds}. */
    static void deletionUp(ObjectNode holder, String path) {
        for (String d : V1beta2Names.NODE_DELETION_TIMEOUTS) {
            if (holder.has(d)) {
                JsonNode seconds = Trees.seconds(holder.remove(d), path + "." + d);
                Trees.ensure(holder, "deletion").set(V1beta2Names.seconds(d), seconds);
            }
        }
    }

    static void deletionDown(ObjectNode holder) {
        ObjectNode deletion = Trees.obj(holder, "deletion");
        if (deletion == null) {
            return;
        }
        for (String d : V1beta2Names.NODE_DELETION_TIMEOUTS) {
            if (deletion.has(V1beta2Names.seconds(d))) {
                holder.set(d, Trees.duration(deletion.remove(V1beta2Names.seconds(d))));
            }
        }
        Trees.dropIfEmpty(holder, "deletion");
    }

    /** {@code machineHealthCheck} becomes {@code healthCheck{enabled?, checks, remediation{triggerIf, templateRef}}}. */
    static void healthCheckUp(ObjectNode holder, String path, boolean topology) {
        JsonNode mhc = holder.remove("machineHealthCheck");
        if (mhc == null) {
            return;
        }
        ObjectNode hc = Trees.ensure(holder, "healthCheck");
        if (topology && mhc.has("enable")) {
            hc.set("enabled", mhc.get("enable"));
        }
        ObjectNode checks = Trees.NODES.objectNode();
        if (mhc.has("nodeStartupTimeout")) {
            checks.set(V1beta2Names.NODE_STARTUP_TIMEOUT_SECONDS, Trees.seconds(mhc.get("nodeStartupTimeout"), path + ".machineHealthCheck.nodeStartupTimeout"));
        }
        conditions(mhc.get("unhealthyConditions"), checks, V1beta2Names.UNHEALTHY_NODE_CONDITIONS, true, path);
        conditions(mhc.get("unhealthyMachineConditions"), checks, "unhealthyMachineConditions", true, path);
        if (!checks.isEmpty()) {
            hc.set("checks", checks);
        }
        ObjectNode remediation = Trees.ensure(hc, "remediation");
        ObjectNode triggerIf = Trees.NODES.objectNode();
        if (mhc.has("maxUnhealthy")) {
            triggerIf.set(V1beta2Names.UNHEALTHY_LESS_THAN_OR_EQUAL_TO, mhc.get("maxUnhealthy"));
        }
        if (!mhc.path("unhealthyRange").asText("").isEmpty()) {
            triggerIf.set(V1beta2Names.UNHEALTHY_IN_RANGE, mhc.get("unhealthyRange"));
        }
        if (!triggerIf.isEmpty()) {
            remediation.set("triggerIf", triggerIf);
        }
        JsonNode template = mhc.get("remediationTemplate");
        if (template != null) {
            ObjectNode ref = remediation.putObject("templateRef");
            ref.set("apiVersion", template.path("apiVersion"));
            ref.set("kind", template.path("kind"));
            ref.set("name", template.path("name"));
        }
        Trees.dropIfEmpty(hc, "remediation");
    }

    /** The reverse of {@link #healthCheckUp}; a health check holding only {@code remediation.maxInFlight} gives none. */
    static void healthCheckDown(ObjectNode holder, Trees t, boolean topology) {
        ObjectNode hc = Trees.obj(holder, "healthCheck");
        if (hc == null) {
            return;
        }
        holder.remove("healthCheck");
        if (hc.isEmpty()) {
            return;
        }
        ObjectNode mhc = Trees.NODES.objectNode();
        if (topology && hc.has("enabled")) {
            mhc.set("enable", hc.get("enabled"));
        }
        ObjectNode checks = Trees.obj(hc, "checks");
        conditions(checks == null ? null : checks.get(V1beta2Names.UNHEALTHY_NODE_CONDITIONS), mhc, "unhealthyConditions", false, "");
        conditions(checks == null ? null : checks.get("unhealthyMachineConditions"), mhc, "unhealthyMachineConditions", false, "");
        if (checks != null && checks.has(V1beta2Names.NODE_STARTUP_TIMEOUT_SECONDS)) {
            mhc.set("nodeStartupTimeout", Trees.duration(checks.get(V1beta2Names.NODE_STARTUP_TIMEOUT_SECONDS)));
        }
        ObjectNode remediation = Trees.obj(hc, "remediation");
        ObjectNode triggerIf = Trees.obj(remediation, "triggerIf");
        if (triggerIf != null && triggerIf.has(V1beta2Names.UNHEALTHY_LESS_THAN_OR_EQUAL_TO)) {
            mhc.set("maxUnhealthy", triggerIf.get(V1beta2Names.UNHEALTHY_LESS_THAN_OR_EQUAL_TO));
        }
        if (triggerIf != null && !triggerIf.path(V1beta2Names.UNHEALTHY_IN_RANGE).asText("").isEmpty()) {
            mhc.set("unhealthyRange", triggerIf.get(V1beta2Names.UNHEALTHY_IN_RANGE));
        }
        ObjectNode ref = Trees.obj(remediation, "templateRef");
        if (ref != null) {
            ObjectNode out = ref.deepCopy();
            if (!t.namespace.isEmpty() && !topology) {
                out.put("namespace", t.namespace);
            }
            mhc.set("remediationTemplate", out);
        }
        holder.set("machineHealthCheck", mhc);
    }

    private static void conditions(JsonNode list, ObjectNode target, String key, boolean up, String path) {
        if (list == null || !list.isArray()) {
            return;
        }
        ArrayNode out = target.putArray(key);
        for (JsonNode c : list) {
            ObjectNode o = c.deepCopy();
            if (up) {
                Trees.replace(o, "timeout", "timeoutSeconds", Trees.seconds(c.get("timeout"), path + ".machineHealthCheck." + key + "[].timeout"));
            } else {
                // v1beta1's timeout is a non-pointer duration: "0s" when v1beta2 has no timeoutSeconds
                Trees.replace(o, "timeoutSeconds", "timeout", c.has("timeoutSeconds") ? Trees.duration(c.get("timeoutSeconds"))
                        : Trees.NODES.textNode("0s"));
            }
            out.add(o);
        }
    }
}
