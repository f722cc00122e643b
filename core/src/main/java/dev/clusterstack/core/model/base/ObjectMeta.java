package dev.clusterstack.core.model.base;

import dev.clusterstack.core.bind.Extra;

import java.util.Map;

/** Labels and annotations of a rendered object or of a template's objects. The name is computed at render time. */
public record ObjectMeta(Map<String, String> labels, Map<String, String> annotations, @Extra Map<String, Object> extra) {
    public ObjectMeta {
        labels = Copies.map(labels);
        annotations = Copies.map(annotations);
        extra = Copies.map(extra);
    }

    public static ObjectMeta of(Map<String, String> labels, Map<String, String> annotations) {
        return new ObjectMeta(labels, annotations, Map.of());
    }
}
