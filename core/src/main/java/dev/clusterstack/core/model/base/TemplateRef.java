package dev.clusterstack.core.model.base;

import dev.clusterstack.core.bind.FromScalar;

/**
 * A reference from the ClusterClass to a template of the stack, by the template's name in the stack (its name
 * suffix, or {@code <kind>/<name>} where templates of two kinds share the name). A definition writes it as
 * {@code ref: <template name>}. Each Cluster API version's writer resolves it: v1beta1 to an object reference
 * ({@code apiVersion, kind, name, namespace}), v1beta2 to a {@code templateRef} ({@code apiVersion, kind, name}).
 */
@FromScalar
public record TemplateRef(String name) {
    public static TemplateRef of(String name) {
        return name == null ? null : new TemplateRef(name);
    }

    /** The name, or {@code null} for no reference. */
    public static String nameOf(TemplateRef ref) {
        return ref == null ? null : ref.name();
    }
}
