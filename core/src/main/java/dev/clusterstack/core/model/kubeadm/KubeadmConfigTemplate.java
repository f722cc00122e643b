package dev.clusterstack.core.model.kubeadm;

import dev.clusterstack.core.bind.Extra;
import dev.clusterstack.core.model.base.Copies;
import dev.clusterstack.core.model.base.ObjectMeta;
import dev.clusterstack.core.model.base.Template;

import java.util.Map;

/** {@code KubeadmConfigTemplate} (bootstrap.cluster.x-k8s.io/v1beta1): the bootstrap of worker nodes. */
public record KubeadmConfigTemplate(String name, String apiVersion, ObjectMeta metadata, Spec spec,
                                    @Extra Map<String, Object> extra) implements Template {
    public static final String KIND = "KubeadmConfigTemplate";
    public static final String API_VERSION = "bootstrap.cluster.x-k8s.io/v1beta1";

    public KubeadmConfigTemplate {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        spec = spec == null ? new Spec(null, Map.of()) : spec;
        extra = Copies.map(extra);
    }

    public static KubeadmConfigTemplate of(String name, KubeadmConfigSpec kubeadmConfigSpec) {
        return new KubeadmConfigTemplate(name, null, null, new Spec(new Resource(null, kubeadmConfigSpec, Map.of()), Map.of()),
                Map.of());
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** {@code spec.template.spec}, or an empty one. */
    public KubeadmConfigSpec kubeadmConfigSpec() {
        return spec.template() == null || spec.template().spec() == null ? KubeadmConfigSpec.empty() : spec.template().spec();
    }

    /** A copy with another {@code spec.template.spec}, everything else kept. */
    public KubeadmConfigTemplate withKubeadmConfigSpec(KubeadmConfigSpec value) {
        Resource r = spec.template() == null ? new Resource(null, null, Map.of()) : spec.template();
        return new KubeadmConfigTemplate(name, apiVersion, metadata,
                new Spec(new Resource(r.metadata(), value, r.extra()), spec.extra()), extra);
    }

    /** {@code spec}. */
    public record Spec(Resource template, @Extra Map<String, Object> extra) {
        public Spec {
            extra = Copies.map(extra);
        }
    }

    /** {@code spec.template}: metadata and the {@link KubeadmConfigSpec}. */
    public record Resource(ObjectMeta metadata, KubeadmConfigSpec spec, @Extra Map<String, Object> extra) {
        public Resource {
            extra = Copies.map(extra);
        }
    }
}
