package dev.clusterstack.core.model.clusterclass;

import dev.clusterstack.core.bind.Extra;
import dev.clusterstack.core.model.base.Copies;

import java.util.Map;

/** {@code namingStrategy}: a Go template for generated names, e.g. {@code "{{ .cluster.name }}-{{ .random }}"}. */
public record InfrastructureNamingStrategy(String template, @Extra Map<String, Object> extra) {
    public InfrastructureNamingStrategy {
        extra = Copies.map(extra);
    }

    public static InfrastructureNamingStrategy of(String template) {
        return new InfrastructureNamingStrategy(template, Map.of());
    }
}
