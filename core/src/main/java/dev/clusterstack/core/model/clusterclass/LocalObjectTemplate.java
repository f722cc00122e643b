package dev.clusterstack.core.model.clusterclass;

import dev.clusterstack.core.bind.Extra;
import dev.clusterstack.core.model.base.Copies;

import java.util.Map;

/** A reference from the ClusterClass to a template of the stack, by the template's name suffix. */
public record LocalObjectTemplate(String ref, @Extra Map<String, Object> extra) {
    public LocalObjectTemplate {
        extra = Copies.map(extra);
    }

    public static LocalObjectTemplate of(String templateName) {
        return new LocalObjectTemplate(templateName, Map.of());
    }
}
