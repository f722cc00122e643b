package dev.clusterstack.core.model.infra;

import dev.clusterstack.core.bind.Extra;
import dev.clusterstack.core.model.base.Copies;
import dev.clusterstack.core.model.base.ObjectMeta;
import dev.clusterstack.core.model.base.Template;

import java.util.List;
import java.util.Map;

/**
 * {@code DevClusterTemplate} (infrastructure.cluster.x-k8s.io/v1beta2, CAPD): the successor of the deprecated
 * {@link DockerClusterTemplate}; the Docker settings sit below {@code spec.template.spec.backend.docker}.
 */
public record DevClusterTemplate(String name, String apiVersion, ObjectMeta metadata, Spec spec,
                                 @Extra Map<String, Object> extra) implements Template {
    public static final String KIND = "DevClusterTemplate";
    public static final String API_VERSION = "infrastructure.cluster.x-k8s.io/v1beta2";

    public DevClusterTemplate {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        spec = spec == null ? new Spec(null, Map.of()) : spec;
        extra = Copies.map(extra);
    }

    /** A template with the Docker backend and no further settings. */
    public static DevClusterTemplate of(String name) {
        return new DevClusterTemplate(name, null, null, null, Map.of());
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
            spec = spec == null ? new ClusterSpec(null, Map.of()) : spec;
            extra = Copies.map(extra);
        }
    }

    /** {@code spec.template.spec}: the backend (required by CAPD); {@code controlPlaneEndpoint} passes through. */
    public record ClusterSpec(Backend backend, @Extra Map<String, Object> extra) {
        public ClusterSpec {
            backend = backend == null ? new Backend(null, Map.of()) : backend;
            extra = Copies.map(extra);
        }
    }

    /** {@code backend}: {@code docker} (the default here); other backends ({@code inMemory}) pass through. */
    public record Backend(DockerBackend docker, @Extra Map<String, Object> extra) {
        public Backend {
            extra = Copies.map(extra);
            docker = docker == null && extra.isEmpty() ? new DockerBackend(null, null, Map.of()) : docker;
        }
    }

    /** {@code backend.docker}: the load balancer container and failure domains ({@code [{name, controlPlane, attributes}]}). */
    public record DockerBackend(Map<String, Object> loadBalancer, List<Map<String, Object>> failureDomains,
                                @Extra Map<String, Object> extra) {
        public DockerBackend {
            loadBalancer = loadBalancer == null ? null : Copies.map(loadBalancer);
            failureDomains = Copies.list(failureDomains);
            extra = Copies.map(extra);
        }
    }
}
