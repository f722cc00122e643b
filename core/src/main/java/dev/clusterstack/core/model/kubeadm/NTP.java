package dev.clusterstack.core.model.kubeadm;

import dev.clusterstack.core.bind.Extra;
import dev.clusterstack.core.model.base.Copies;

import java.util.List;
import java.util.Map;

/** {@code ntp}: time servers for cloud-init. */
public record NTP(List<String> servers, Boolean enabled, @Extra Map<String, Object> extra) {
    public NTP {
        servers = Copies.list(servers);
        extra = Copies.map(extra);
    }
}
