package dev.clusterstack.core.compat;

import java.util.Map;

/**
 * A template reference of a ClusterClass: v1beta1 {@code ref} or v1beta2 {@code templateRef}, both with
 * {@code apiVersion}, {@code kind} and {@code name}.
 *
 * @param apiVersion {@code <group>/<version>} or {@code <version>}
 * @param kind       the template kind
 * @param name       the template name
 */
public record TemplateRef(String apiVersion, String kind, String name) {

    /** @return the API group, empty for the core group */
    public String group() {
        int slash = apiVersion == null ? -1 : apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** @return {@code group/kind}, e.g. {@code infrastructure.cluster.x-k8s.io/DockerMachineTemplate} */
    public String groupKind() {
        return group() + "/" + kind;
    }

    /**
     * The reference held by a ClusterClass node: its {@code ref} (v1beta1) or {@code templateRef} (v1beta2).
     *
     * @param holder e.g. {@code spec.infrastructure} of a ClusterClass, or null
     * @return the reference, or null when the node has none
     */
    static TemplateRef of(Object holder) {
        if (!(holder instanceof Map<?, ?> map)) {
            return null;
        }
        Object ref = map.get("ref") != null ? map.get("ref") : map.get("templateRef");
        if (!(ref instanceof Map<?, ?> r)) {
            return null;
        }
        return new TemplateRef(text(r.get("apiVersion")), text(r.get("kind")), text(r.get("name")));
    }

    private static String text(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    @Override
    public String toString() {
        return kind + " " + name + " (" + apiVersion + ")";
    }
}
