package dev.clusterstack.core.model.base;

import dev.clusterstack.core.bind.Extra;

import java.util.Map;

/** Any object given as apiVersion, kind and a free spec tree: templates of other providers, node image objects, ... */
public record GenericTemplate(String name, String apiVersion, String kind, ObjectMeta metadata,
                              Map<String, Object> spec, @Extra Map<String, Object> extra) implements Template {
    public GenericTemplate {
        metadata = metadata == null ? ObjectMeta.of(Map.of(), Map.of()) : metadata;
        spec = spec == null ? null : Copies.map(spec);
        extra = Copies.map(extra);
    }

    public static GenericTemplate of(String name, String apiVersion, String kind, Map<String, Object> spec) {
        return new GenericTemplate(name, apiVersion, kind, null, spec, Map.of());
    }
}
