package dev.clusterstack.core.model.kubeadm;

import dev.clusterstack.core.bind.Extra;
import dev.clusterstack.core.model.base.Copies;

import java.util.List;
import java.util.Map;

/** kubeadm {@code InitConfiguration}. */
public record InitConfiguration(List<Map<String, Object>> bootstrapTokens, NodeRegistrationOptions nodeRegistration,
                                Map<String, Object> localAPIEndpoint, List<String> skipPhases,
                                Map<String, Object> patches, @Extra Map<String, Object> extra) {
    public InitConfiguration {
        bootstrapTokens = Copies.list(bootstrapTokens);
        localAPIEndpoint = localAPIEndpoint == null ? null : Copies.map(localAPIEndpoint);
        skipPhases = Copies.list(skipPhases);
        patches = patches == null ? null : Copies.map(patches);
        extra = Copies.map(extra);
    }

    public static InitConfiguration of(NodeRegistrationOptions nodeRegistration) {
        return new InitConfiguration(null, nodeRegistration, null, null, null, Map.of());
    }
}
