package dev.clusterstack.core.model.clusterclass;

import dev.clusterstack.core.bind.Extra;
import dev.clusterstack.core.model.base.Copies;
import dev.clusterstack.core.model.base.TemplateRef;

import java.util.Map;

/** A reference from the ClusterClass to a template of the stack ({@link TemplateRef}), with fields passed through. */
public record LocalObjectTemplate(TemplateRef ref, @Extra Map<String, Object> extra) {
    public LocalObjectTemplate {
        extra = Copies.map(extra);
    }

    public static LocalObjectTemplate of(String templateName) {
        return new LocalObjectTemplate(TemplateRef.of(templateName), Map.of());
    }
}
