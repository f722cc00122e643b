package dev.clusterstack.core.model.kubeadm;

import dev.clusterstack.core.bind.Extra;
import dev.clusterstack.core.model.base.Copies;
import dev.clusterstack.core.model.base.ObjectMeta;
import dev.clusterstack.core.model.base.Template;

import java.util.Map;

/** {@code KubeadmControlPlaneTemplate} (controlplane.cluster.x-k8s.io/v1beta1). */
public record KubeadmControlPlaneTemplate(String name, String apiVersion, ObjectMeta metadata, Spec spec,
                                          @Extra Map<String, Object> extra) implements Template {
    public static final String KIND = "KubeadmControlPlaneTemplate";
    public static final String API_VERSION = "controlplane.cluster.x-k8s.io/v1beta1";

    public KubeadmControlPlaneTemplate {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        spec = spec == null ? new Spec(null, Map.of()) : spec;
        extra = Copies.map(extra);
    }

    public static KubeadmControlPlaneTemplate of(String name, KubeadmConfigSpec kubeadmConfigSpec) {
        return new KubeadmControlPlaneTemplate(name, null, null,
                new Spec(new Resource(null, ResourceSpec.of(kubeadmConfigSpec), Map.of()), Map.of()), Map.of());
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** {@code spec.template.spec.kubeadmConfigSpec}, or an empty one. */
    public KubeadmConfigSpec kubeadmConfigSpec() {
        return spec.template() == null || spec.template().spec() == null || spec.template().spec().kubeadmConfigSpec() == null
                ? KubeadmConfigSpec.empty() : spec.template().spec().kubeadmConfigSpec();
    }

    /** A copy with another {@code kubeadmConfigSpec}, everything else kept. */
    public KubeadmControlPlaneTemplate withKubeadmConfigSpec(KubeadmConfigSpec value) {
        Resource r = spec.template() == null ? new Resource(null, null, Map.of()) : spec.template();
        ResourceSpec rs = r.spec() == null ? ResourceSpec.of(null) : r.spec();
        ResourceSpec nrs = new ResourceSpec(rs.machineTemplate(), value, rs.rolloutBefore(), rs.rolloutAfter(),
                rs.rolloutStrategy(), rs.remediationStrategy(), rs.machineNamingStrategy(), rs.extra());
        return new KubeadmControlPlaneTemplate(name, apiVersion, metadata,
                new Spec(new Resource(r.metadata(), nrs, r.extra()), spec.extra()), extra);
    }

    /** {@code spec}. */
    public record Spec(Resource template, @Extra Map<String, Object> extra) {
        public Spec {
            extra = Copies.map(extra);
        }
    }

    /** {@code spec.template}. */
    public record Resource(ObjectMeta metadata, ResourceSpec spec, @Extra Map<String, Object> extra) {
        public Resource {
            extra = Copies.map(extra);
        }
    }

    /**
     * {@code spec.template.spec}: machine template settings, the kubeadm config, rollout and
     * remediation. The smaller structures are kept as free trees.
     */
    public record ResourceSpec(Map<String, Object> machineTemplate, KubeadmConfigSpec kubeadmConfigSpec,
                               Map<String, Object> rolloutBefore, String rolloutAfter,
                               Map<String, Object> rolloutStrategy, Map<String, Object> remediationStrategy,
                               Map<String, Object> machineNamingStrategy, @Extra Map<String, Object> extra) {
        public ResourceSpec {
            machineTemplate = machineTemplate == null ? null : Copies.map(machineTemplate);
            rolloutBefore = rolloutBefore == null ? null : Copies.map(rolloutBefore);
            rolloutStrategy = rolloutStrategy == null ? null : Copies.map(rolloutStrategy);
            remediationStrategy = remediationStrategy == null ? null : Copies.map(remediationStrategy);
            machineNamingStrategy = machineNamingStrategy == null ? null : Copies.map(machineNamingStrategy);
            extra = Copies.map(extra);
        }

        public static ResourceSpec of(KubeadmConfigSpec kubeadmConfigSpec) {
            return new ResourceSpec(null, kubeadmConfigSpec, null, null, null, null, null, Map.of());
        }
    }
}
