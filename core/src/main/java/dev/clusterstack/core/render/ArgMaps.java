package dev.clusterstack.core.render;

import dev.clusterstack.core.model.kubeadm.Arg;
import dev.clusterstack.core.model.kubeadm.ClusterConfiguration;
import dev.clusterstack.core.model.kubeadm.KubeadmConfigSpec;
import dev.clusterstack.core.model.kubeadm.NodeRegistrationOptions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The v1beta1 writer's arguments: every {@code extraArgs} and {@code kubeletExtraArgs} of a kubeadm config spec
 * (model: ordered {@link Arg} lists) written as a map of names to values, in the model's order.
 */
final class ArgMaps {
    private ArgMaps() {
    }

    /** Replaces the argument lists in {@code tree}, the written form of {@code spec}, with maps. */
    static void write(Object tree, KubeadmConfigSpec spec) {
        if (!(tree instanceof Map<?, ?> specTree) || spec == null) {
            return;
        }
        ClusterConfiguration cc = spec.clusterConfiguration();
        if (cc != null && specTree.get("clusterConfiguration") instanceof Map<?, ?> ccTree) {
            if (cc.apiServer() != null) {
                put(ccTree.get("apiServer"), "extraArgs", cc.apiServer().extraArgs());
            }
            if (cc.controllerManager() != null) {
                put(ccTree.get("controllerManager"), "extraArgs", cc.controllerManager().extraArgs());
            }
            if (cc.scheduler() != null) {
                put(ccTree.get("scheduler"), "extraArgs", cc.scheduler().extraArgs());
            }
            if (cc.etcd() != null && cc.etcd().local() != null && ccTree.get("etcd") instanceof Map<?, ?> etcd) {
                put(etcd.get("local"), "extraArgs", cc.etcd().local().extraArgs());
            }
        }
        if (spec.initConfiguration() != null && specTree.get("initConfiguration") instanceof Map<?, ?> init) {
            registration(init.get("nodeRegistration"), spec.initConfiguration().nodeRegistration());
        }
        if (spec.joinConfiguration() != null && specTree.get("joinConfiguration") instanceof Map<?, ?> join) {
            registration(join.get("nodeRegistration"), spec.joinConfiguration().nodeRegistration());
        }
    }

    private static void registration(Object tree, NodeRegistrationOptions options) {
        if (options != null) {
            put(tree, "kubeletExtraArgs", options.kubeletExtraArgs());
        }
    }

    @SuppressWarnings("unchecked")
    private static void put(Object parent, String key, List<Arg> args) {
        if (parent instanceof Map<?, ?> p && p.containsKey(key)) {
            Map<String, Object> map = new LinkedHashMap<>();
            args.forEach(a -> map.put(a.name(), a.value()));
            ((Map<String, Object>) p).put(key, map);
        }
    }
}
