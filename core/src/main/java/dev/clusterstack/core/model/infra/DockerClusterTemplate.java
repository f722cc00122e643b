package dev.clusterstack.core.model.infra;

import dev.clusterstack.core.bind.Extra;
import dev.clusterstack.core.model.base.Copies;
import dev.clusterstack.core.model.base.ObjectMeta;
import dev.clusterstack.core.model.base.Template;

import java.util.Map;

/** {@code DockerClusterTemplate} (infrastructure.cluster.x-k8s.io/v1beta1, CAPD). */
public record DockerClusterTemplate(String name, String apiVersion, ObjectMeta metadata, Spec spec,
                                    @Extra Map<String, Object> extra) implements Template {
    public static final String KIND = "DockerClusterTemplate";
    public static final String API_VERSION = "infrastructure.cluster.x-k8s.io/v1beta1";

    public DockerClusterTemplate {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        spec = spec == null ? new Spec(new Resource(null, Map.of()), Map.of()) : spec;
        extra = Copies.map(extra);
    }

    public static DockerClusterTemplate of(String name) {
        return new DockerClusterTemplate(name, null, null, null, Map.of());
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** {@code spec}. */
    public record Spec(Resource template, @Extra Map<String, Object> extra) {
        public Spec {
            template = template == null ? new Resource(null, Map.of()) : template;
            extra = Copies.map(extra);
        }
    }

    /** {@code spec.template}. */
    public record Resource(ClusterSpec spec, @Extra Map<String, Object> extra) {
        public Resource {
            spec = spec == null ? new ClusterSpec(null, null, Map.of()) : spec;
            extra = Copies.map(extra);
        }
    }

    /** {@code spec.template.spec}: load balancer and failure domains. */
    public record ClusterSpec(Map<String, Object> loadBalancer, Map<String, Object> failureDomains,
                              @Extra Map<String, Object> extra) {
        public ClusterSpec {
            loadBalancer = loadBalancer == null ? null : Copies.map(loadBalancer);
            failureDomains = failureDomains == null ? null : Copies.map(failureDomains);
            extra = Copies.map(extra);
        }
    }
}
