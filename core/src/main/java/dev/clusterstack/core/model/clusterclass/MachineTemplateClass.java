package dev.clusterstack.core.model.clusterclass;

import dev.clusterstack.core.bind.Extra;
import dev.clusterstack.core.model.base.Copies;
import dev.clusterstack.core.model.base.ObjectMeta;

import java.util.Map;

/** The {@code template} of a machine deployment or machine pool class: bootstrap and infrastructure templates. */
public record MachineTemplateClass(ObjectMeta metadata, LocalObjectTemplate bootstrap, LocalObjectTemplate infrastructure,
                                   @Extra Map<String, Object> extra) {
    public MachineTemplateClass {
        extra = Copies.map(extra);
    }

    public static MachineTemplateClass of(String bootstrapTemplate, String infrastructureTemplate) {
        return new MachineTemplateClass(null, LocalObjectTemplate.of(bootstrapTemplate),
                LocalObjectTemplate.of(infrastructureTemplate), Map.of());
    }
}
