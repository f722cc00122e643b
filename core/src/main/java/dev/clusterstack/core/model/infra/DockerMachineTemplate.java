package dev.clusterstack.core.model.infra;

import dev.clusterstack.core.bind.Extra;
import dev.clusterstack.core.model.base.Copies;
import dev.clusterstack.core.model.base.ObjectMeta;
import dev.clusterstack.core.model.base.Template;

import java.util.List;
import java.util.Map;

/** {@code DockerMachineTemplate} (infrastructure.cluster.x-k8s.io/v1beta1, CAPD). */
public record DockerMachineTemplate(String name, String apiVersion, ObjectMeta metadata, Spec spec,
                                    @Extra Map<String, Object> extra) implements Template {
    public static final String KIND = "DockerMachineTemplate";
    public static final String API_VERSION = "infrastructure.cluster.x-k8s.io/v1beta1";

    public DockerMachineTemplate {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        spec = spec == null ? new Spec(new Resource(null, Map.of()), Map.of()) : spec;
        extra = Copies.map(extra);
    }

    public static DockerMachineTemplate of(String name, MachineSpec machineSpec) {
        return new DockerMachineTemplate(name, null, null, new Spec(new Resource(machineSpec, Map.of()), Map.of()), Map.of());
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** {@code spec}. */
    public record Spec(Resource template, @Extra Map<String, Object> extra) {
        public Spec {
            extra = Copies.map(extra);
        }
    }

    /** {@code spec.template}. */
    public record Resource(MachineSpec spec, @Extra Map<String, Object> extra) {
        public Resource {
            spec = spec == null ? new MachineSpec(null, null, null, null, Map.of()) : spec;
            extra = Copies.map(extra);
        }
    }

    /** {@code spec.template.spec}: node image, preloaded images, mounts. */
    public record MachineSpec(String customImage, List<String> preLoadImages, List<Mount> extraMounts, Boolean bootstrapped,
                              @Extra Map<String, Object> extra) {
        public MachineSpec {
            preLoadImages = Copies.list(preLoadImages);
            extraMounts = Copies.list(extraMounts);
            extra = Copies.map(extra);
        }
    }

    /** {@code extraMounts[]}. */
    public record Mount(String containerPath, String hostPath, Boolean readOnly, @Extra Map<String, Object> extra) {
        public Mount {
            extra = Copies.map(extra);
        }
    }
}
