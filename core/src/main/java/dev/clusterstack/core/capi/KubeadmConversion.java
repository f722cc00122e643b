package dev.clusterstack.core.capi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * KubeadmConfigSpec (of KubeadmConfig, KubeadmConfigTemplate and the control plane kinds) and the
 * KubeadmControlPlane(Template) fields around it, per Cluster API v1.14's bootstrap and control plane conversions.
 */
final class KubeadmConversion {
    private static final String[] COMPONENTS = {"apiServer", "controllerManager", "scheduler"};
    private static final String CP_HEALTH = V1beta2Names.CONTROL_PLANE_HEALTH_CHECK_SECONDS;
    private static final String TLS_BOOTSTRAP = V1beta2Names.TLS_BOOTSTRAP_SECONDS;
    /**
     * KubeadmConfigSpec lists that both Go types write with {@code omitempty} (v1beta2's schema gives them
     * {@code minItems: 1}): an empty one does not survive the conversion's trip through Go.
     */
    private static final List<String> OMITEMPTY_LISTS = List.of("files", "bootCommands", "preKubeadmCommands",
            "postKubeadmCommands", "users", "mounts");

    private KubeadmConversion() {
    }

    static void configSpec(ObjectNode spec, String path, boolean down, Trees t) {
        for (String list : OMITEMPTY_LISTS) {
            if (spec.path(list).isArray() && spec.path(list).isEmpty()) {
                spec.remove(list);
            }
        }
        ObjectNode cc = Trees.obj(spec, "clusterConfiguration");
        if (cc != null) {
            for (String c : COMPONENTS) {
                args(Trees.obj(cc, c), "extraArgs", down);
            }
            args(Trees.obj(Trees.obj(cc, "etcd"), "local"), "extraArgs", down);
        }
        for (String c : List.of("initConfiguration", "joinConfiguration")) {
            args(Trees.obj(Trees.obj(spec, c), "nodeRegistration"), "kubeletExtraArgs", down);
        }
        for (ObjectNode token : Trees.items(Trees.obj(spec, "initConfiguration"), "bootstrapTokens")) {
            if (down) {
                Trees.replace(token, "ttlSeconds", "ttl", Trees.duration(token.get("ttlSeconds")));
            } else {
                Trees.replace(token, "ttl", "ttlSeconds", Trees.seconds(token.get("ttl"), path + ".initConfiguration.bootstrapTokens[].ttl"));
            }
        }
        if (down) {
            timeoutsDown(spec, path, t);
            dropEmptyStrings(spec);
        } else {
            timeoutsUp(spec, path, t);
        }
    }

    /** extraArgs / kubeletExtraArgs both ways; an empty result is left out, as Go's omitempty does. */
    private static void args(ObjectNode parent, String key, boolean down) {
        if (parent != null && parent.has(key)) {
            JsonNode value = down ? Trees.argMap(parent.get(key)) : Trees.argList(parent.get(key));
            if (value.isContainerNode() && value.isEmpty()) {
                parent.remove(key);
            } else {
                parent.set(key, value);
            }
        }
    }

    /** ConvertKubeadmConfigSpecHubToV1Beta1: two timeouts have a v1beta1 place, the others only the annotation. */
    private static void timeoutsDown(ObjectNode spec, String path, Trees t) {
        ObjectNode init = Trees.obj(spec, "initConfiguration");
        ObjectNode join = Trees.obj(spec, "joinConfiguration");
        JsonNode initTimeouts = init == null ? null : init.remove("timeouts");
        JsonNode joinTimeouts = join == null ? null : join.remove("timeouts");
        JsonNode initHealth = initTimeouts == null ? null : initTimeouts.get(CP_HEALTH);
        if (initHealth != null) {
            ObjectNode apiServer = Trees.ensure(Trees.ensure(spec, "clusterConfiguration"), "apiServer");
            apiServer.set("timeoutForControlPlane", Trees.duration(initHealth));
        }
        if (initTimeouts != null) {
            initTimeouts.fieldNames().forEachRemaining(f -> {
                if (!f.equals(CP_HEALTH)) {
                    t.lose(path + ".initConfiguration.timeouts." + f, "no v1beta1 field (Cluster API keeps it only in the conversion-data annotation)");
                }
            });
        }
        if (joinTimeouts != null) {
            if (joinTimeouts.has(TLS_BOOTSTRAP)) {
                Trees.ensure(join, "discovery").set("timeout", Trees.duration(joinTimeouts.get(TLS_BOOTSTRAP)));
            }
            joinTimeouts.fields().forEachRemaining(e -> {
                boolean implied = e.getKey().equals(CP_HEALTH) && e.getValue().equals(initHealth);
                if (!e.getKey().equals(TLS_BOOTSTRAP) && !implied) {
                    t.lose(path + ".joinConfiguration.timeouts." + e.getKey(), "no v1beta1 field (Cluster API keeps it only in the"
                            + " conversion-data annotation; v1beta1 implies the control plane health check timeout of initConfiguration)");
                }
            });
        }
        Trees.dropIfEmpty(spec, "initConfiguration");
        Trees.dropIfEmpty(spec, "joinConfiguration");
    }

    /** ConvertKubeadmConfigSpecV1Beta1ToHub plus the fields v1beta2 removed. */
    private static void timeoutsUp(ObjectNode spec, String path, Trees t) {
        ObjectNode cc = Trees.obj(spec, "clusterConfiguration");
        JsonNode health = null;
        if (cc != null) {
            for (String f : List.of("apiVersion", "kind", "networking", "kubernetesVersion", "clusterName")) {
                if (cc.remove(f) != null) {
                    t.lose(path + ".clusterConfiguration." + f, "removed in v1beta2 (Cluster API takes it from the Cluster)");
                }
            }
            ObjectNode apiServer = Trees.obj(cc, "apiServer");
            if (apiServer != null && apiServer.has("timeoutForControlPlane")) {
                health = Trees.seconds(apiServer.remove("timeoutForControlPlane"), path + ".clusterConfiguration.apiServer.timeoutForControlPlane");
                Trees.dropIfEmpty(cc, "apiServer");
            }
            Trees.dropIfEmpty(spec, "clusterConfiguration");
        }
        for (String c : List.of("initConfiguration", "joinConfiguration")) {
            ObjectNode conf = Trees.obj(spec, c);
            for (String f : List.of("apiVersion", "kind")) {
                if (conf != null && conf.remove(f) != null) {
                    t.lose(path + "." + c + "." + f, "removed in v1beta2");
                }
            }
        }
        if (spec.remove("useExperimentalRetryJoin") != null) {
            t.lose(path + ".useExperimentalRetryJoin", "removed in v1beta2");
        }
        JsonNode tlsBootstrap = null;
        ObjectNode join = Trees.obj(spec, "joinConfiguration");
        ObjectNode discovery = Trees.obj(join, "discovery");
        if (discovery != null && discovery.has("timeout")) {
            tlsBootstrap = Trees.seconds(discovery.remove("timeout"), path + ".joinConfiguration.discovery.timeout");
            Trees.dropIfEmpty(join, "discovery");
        }
        if (health != null) {
            Trees.ensure(Trees.ensure(spec, "initConfiguration"), "timeouts").set(CP_HEALTH, health);
        }
        if (health != null || tlsBootstrap != null) {
            ObjectNode timeouts = Trees.ensure(Trees.ensure(spec, "joinConfiguration"), "timeouts");
            if (health != null) {
                timeouts.set(CP_HEALTH, health);
            }
            if (tlsBootstrap != null) {
                timeouts.set(TLS_BOOTSTRAP, tlsBootstrap);
            }
        }
    }

    /** dropEmptyStringsKubeadmConfigSpec: optional strings that v1beta2 writes empty are absent in v1beta1. */
    private static void dropEmptyStrings(ObjectNode spec) {
        for (ObjectNode u : Trees.items(spec, "users")) {
            for (String f : List.of("gecos", "groups", "homeDir", "shell", "passwd", "primaryGroup", "sudo")) {
                dropEmpty(u, f);
            }
        }
        ObjectNode disk = Trees.obj(spec, "diskSetup");
        Trees.items(disk, "partitions").forEach(p -> dropEmpty(p, "tableType"));
        for (ObjectNode f : Trees.items(disk, "filesystems")) {
            dropEmpty(f, "partition");
            dropEmpty(f, "replaceFS");
        }
    }

    private static void dropEmpty(ObjectNode o, String key) {
        if (o.path(key).isTextual() && o.path(key).asText().isEmpty()) {
            o.remove(key);
        }
    }

    /**
     * KubeadmControlPlane ({@code template} false) or the spec of a KubeadmControlPlaneTemplate's template: machine
     * template, remediation, rollout and machine naming, and the kubeadm config spec inside.
     */
    static void controlPlane(ObjectNode spec, String path, boolean template, boolean down, Trees t) {
        ObjectNode kcs = Trees.obj(spec, "kubeadmConfigSpec");
        if (kcs != null) {
            configSpec(kcs, path + ".kubeadmConfigSpec", down, t);
        }
        ObjectNode mt = Trees.obj(spec, "machineTemplate");
        if (down) {
            machineTemplateDown(mt, path + ".machineTemplate", template, t);
            ObjectNode r = Trees.obj(spec, "remediation");
            if (r != null) {
                ObjectNode out = Trees.NODES.objectNode();
                if (r.has("maxRetry")) {
                    out.set("maxRetry", r.get("maxRetry"));
                }
                // v1beta1 retryPeriod is a non-pointer duration: Cluster API writes "0s" when v1beta2 has none
                out.set("retryPeriod", r.has("retryPeriodSeconds") ? Trees.duration(r.get("retryPeriodSeconds")) : Trees.NODES.textNode("0s"));
                if (r.has("minHealthyPeriodSeconds")) {
                    out.set("minHealthyPeriod", Trees.duration(r.get("minHealthyPeriodSeconds")));
                }
                Trees.replace(spec, "remediation", "remediationStrategy", out);
            }
            rolloutDown(spec);
            ObjectNode naming = Trees.obj(spec, "machineNaming");
            Trees.replace(spec, "machineNaming", "machineNamingStrategy", naming != null && !naming.path("template").asText("").isEmpty()
                    ? naming : null);
        } else {
            machineTemplateUp(mt, path + ".machineTemplate", template);
            ObjectNode r = Trees.obj(spec, "remediationStrategy");
            if (r != null) {
                ObjectNode out = Trees.NODES.objectNode();
                if (r.has("maxRetry")) {
                    out.set("maxRetry", r.get("maxRetry"));
                }
                JsonNode retry = Trees.seconds(r.get("retryPeriod"), path + ".remediationStrategy.retryPeriod");
                if (retry != null && retry.asLong() != 0) {
                    out.set("retryPeriodSeconds", retry);
                }
                if (r.has("minHealthyPeriod")) {
                    out.set("minHealthyPeriodSeconds", Trees.seconds(r.get("minHealthyPeriod"), path + ".remediationStrategy.minHealthyPeriod"));
                }
                Trees.replace(spec, "remediationStrategy", "remediation", out.isEmpty() ? null : out);
            }
            rolloutUp(spec, template);
            Trees.rename(spec, "machineNamingStrategy", "machineNaming");
        }
    }

    private static void machineTemplateDown(ObjectNode mt, String path, boolean template, Trees t) {
        ObjectNode ms = Trees.obj(mt, "spec");
        if (ms == null) {
            return;
        }
        ObjectNode deletion = Trees.obj(ms, "deletion");
        if (!template && ms.has("infrastructureRef")) {
            mt.set("infrastructureRef", t.objectRef(ms.get("infrastructureRef"), path + ".spec.infrastructureRef"));
        }
        for (String f : List.of("readinessGates", "taints")) {
            if (ms.has(f)) {
                mt.set(f, ms.get(f));
            }
        }
        for (String d : V1beta2Names.NODE_DELETION_TIMEOUTS) {
            if (deletion != null && deletion.has(V1beta2Names.seconds(d))) {
                mt.set(d, Trees.duration(deletion.get(V1beta2Names.seconds(d))));
            }
        }
        mt.remove("spec");
    }

    private static void machineTemplateUp(ObjectNode mt, String path, boolean template) {
        if (mt == null) {
            return;
        }
        ObjectNode ms = Trees.NODES.objectNode();
        if (!template && mt.has("infrastructureRef")) {
            ms.set("infrastructureRef", Trees.contractRef(mt.remove("infrastructureRef")));
        }
        for (String f : List.of("readinessGates", "taints")) {
            if (mt.has(f)) {
                ms.set(f, mt.remove(f));
            }
        }
        ObjectNode deletion = Trees.NODES.objectNode();
        for (String d : V1beta2Names.NODE_DELETION_TIMEOUTS) {
            if (mt.has(d)) {
                deletion.set(V1beta2Names.seconds(d), Trees.seconds(mt.remove(d), path + "." + d));
            }
        }
        if (!deletion.isEmpty()) {
            ms.set("deletion", deletion);
        }
        if (!ms.isEmpty()) {
            mt.set("spec", ms);
        }
    }

    private static void rolloutDown(ObjectNode spec) {
        ObjectNode rollout = Trees.obj(spec, "rollout");
        if (rollout == null) {
            return;
        }
        ObjectNode before = Trees.obj(rollout, "before");
        if (before != null && !before.isEmpty()) {
            spec.putObject("rolloutBefore").set("certificatesExpiryDays", before.get("certificatesExpiryDays"));
        }
        if (rollout.has("after")) {
            spec.set("rolloutAfter", rollout.get("after"));
        }
        ObjectNode strategy = Trees.obj(rollout, "strategy");
        if (strategy != null && !strategy.isEmpty()) {
            ObjectNode out = spec.putObject("rolloutStrategy");
            out.set("type", strategy.path("type").isMissingNode() ? Trees.NODES.textNode("") : strategy.get("type"));
            JsonNode maxSurge = strategy.path("rollingUpdate").get("maxSurge");
            if (maxSurge != null) {
                out.putObject("rollingUpdate").set("maxSurge", maxSurge);
            }
        }
        spec.remove("rollout");
    }

    private static void rolloutUp(ObjectNode spec, boolean template) {
        ObjectNode rollout = Trees.NODES.objectNode();
        JsonNode before = spec.remove("rolloutBefore");
        if (before != null && before.has("certificatesExpiryDays")) {
            rollout.putObject("before").set("certificatesExpiryDays", before.get("certificatesExpiryDays"));
        }
        JsonNode after = spec.remove("rolloutAfter");
        if (after != null && !after.asText("").isEmpty()) {
            rollout.set("after", after);
        }
        JsonNode strategy = spec.remove("rolloutStrategy");
        if (strategy != null) {
            ObjectNode out = rollout.putObject("strategy");
            String type = strategy.path("type").asText("");
            // the template conversion defaults an empty type to RollingUpdate, the only valid value
            if (!type.isEmpty() || template) {
                out.put("type", type.isEmpty() ? "RollingUpdate" : type);
            }
            JsonNode maxSurge = strategy.path("rollingUpdate").get("maxSurge");
            if (maxSurge != null) {
                out.putObject("rollingUpdate").set("maxSurge", maxSurge);
            }
            Trees.dropIfEmpty(rollout, "strategy");
        }
        if (!rollout.isEmpty()) {
            spec.set("rollout", rollout);
        }
    }
}
