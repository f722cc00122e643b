package dev.clusterstack.core.model.infra;

import dev.clusterstack.core.bind.Extra;
import dev.clusterstack.core.model.base.Copies;
import dev.clusterstack.core.model.base.ObjectMeta;
import dev.clusterstack.core.model.base.Template;

import java.util.List;
import java.util.Map;

/**
 * {@code DevMachineTemplate} (infrastructure.cluster.x-k8s.io/v1beta2, CAPD): the successor of the deprecated
 * {@link DockerMachineTemplate}; the Docker settings sit below {@code spec.template.spec.backend.docker}.
 */
public record DevMachineTemplate(String name, String apiVersion, ObjectMeta metadata, Spec spec,
                                 @Extra Map<String, Object> extra) implements Template {
    public static final String KIND = "DevMachineTemplate";
    public static final String API_VERSION = "infrastructure.cluster.x-k8s.io/v1beta2";

    public DevMachineTemplate {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        spec = spec == null ? new Spec(null, Map.of()) : spec;
        extra = Copies.map(extra);
    }

    /** A template with the Docker backend's settings. */
    public static DevMachineTemplate of(String name, DockerBackend docker) {
        return new DevMachineTemplate(name, null, null, new Spec(new Resource(new MachineSpec(new Backend(docker, Map.of()),
                Map.of()), Map.of()), Map.of()), Map.of());
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
    public record Resource(MachineSpec spec, @Extra Map<String, Object> extra) {
        public Resource {
            spec = spec == null ? new MachineSpec(null, Map.of()) : spec;
            extra = Copies.map(extra);
        }
    }

    /** {@code spec.template.spec}: the backend (required by CAPD). */
    public record MachineSpec(Backend backend, @Extra Map<String, Object> extra) {
        public MachineSpec {
            backend = backend == null ? new Backend(null, Map.of()) : backend;
            extra = Copies.map(extra);
        }
    }

    /** {@code backend}: {@code docker} (the default here); other backends ({@code inMemory}) pass through. */
    public record Backend(DockerBackend docker, @Extra Map<String, Object> extra) {
        public Backend {
            extra = Copies.map(extra);
            docker = docker == null && extra.isEmpty() ? new DockerBackend(null, null, null, null, Map.of()) : docker;
        }
    }

    /** {@code backend.docker}: node image, images to preload, host mounts, bootstrap timeout. */
    public record DockerBackend(String customImage, List<String> preLoadImages, List<DockerMachineTemplate.Mount> extraMounts,
                                String bootstrapTimeout, @Extra Map<String, Object> extra) {
        public DockerBackend {
            preLoadImages = Copies.list(preLoadImages);
            extraMounts = Copies.list(extraMounts);
            extra = Copies.map(extra);
        }
    }
}
