package dev.clusterstack.core.model.kubeadm;

import dev.clusterstack.core.bind.Extra;
import dev.clusterstack.core.model.base.Copies;

import java.util.List;
import java.util.Map;

/**
 * {@code nodeRegistration} of init and join configurations. {@code name} is often a cloud-init
 * placeholder such as {@code {{ local_hostname }}}: it reaches the node unchanged.
 */
public record NodeRegistrationOptions(String name, String criSocket, List<Map<String, Object>> taints,
                                      List<Arg> kubeletExtraArgs, List<String> ignorePreflightErrors,
                                      String imagePullPolicy, Boolean imagePullSerial, @Extra Map<String, Object> extra) {
    public NodeRegistrationOptions {
        taints = taints == null ? null : Copies.list(taints);
        kubeletExtraArgs = Copies.list(kubeletExtraArgs);
        ignorePreflightErrors = Copies.list(ignorePreflightErrors);
        extra = Copies.map(extra);
    }

    public static NodeRegistrationOptions of(String name, List<Arg> kubeletExtraArgs) {
        return new NodeRegistrationOptions(name, null, null, kubeletExtraArgs, null, null, null, Map.of());
    }

    /** With the kubelet arguments of a map, in its order ({@link Arg#list}). */
    public static NodeRegistrationOptions of(String name, Map<String, String> kubeletExtraArgs) {
        return of(name, Arg.list(kubeletExtraArgs));
    }
}
