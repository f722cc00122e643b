package dev.clusterstack.core.model.kubeadm;

import dev.clusterstack.core.bind.Extra;
import dev.clusterstack.core.model.base.Copies;

import java.util.List;
import java.util.Map;

/** kubeadm {@code JoinConfiguration}. */
public record JoinConfiguration(NodeRegistrationOptions nodeRegistration, String caCertPath,
                                Map<String, Object> discovery, Map<String, Object> controlPlane,
                                List<String> skipPhases, Map<String, Object> patches,
                                @Extra Map<String, Object> extra) {
    public JoinConfiguration {
        discovery = discovery == null ? null : Copies.map(discovery);
        controlPlane = controlPlane == null ? null : Copies.map(controlPlane);
        skipPhases = Copies.list(skipPhases);
        patches = patches == null ? null : Copies.map(patches);
        extra = Copies.map(extra);
    }

    public static JoinConfiguration of(NodeRegistrationOptions nodeRegistration) {
        return new JoinConfiguration(nodeRegistration, null, null, null, null, null, Map.of());
    }
}
