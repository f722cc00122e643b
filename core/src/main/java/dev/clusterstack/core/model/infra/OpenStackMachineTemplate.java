package dev.clusterstack.core.model.infra;

import dev.clusterstack.core.bind.Extra;
import dev.clusterstack.core.model.base.Copies;
import dev.clusterstack.core.model.base.ObjectMeta;
import dev.clusterstack.core.model.base.Template;

import java.util.List;
import java.util.Map;

/**
 * {@code OpenStackMachineTemplate} (infrastructure.cluster.x-k8s.io/v1beta1). An
 * {@code image.imageRef.name} that names another object of the stack (an ORC {@code Image}) is
 * rendered as that object's full name.
 */
public record OpenStackMachineTemplate(String name, String apiVersion, ObjectMeta metadata, Spec spec,
                                       @Extra Map<String, Object> extra) implements Template {
    public static final String KIND = "OpenStackMachineTemplate";
    public static final String API_VERSION = "infrastructure.cluster.x-k8s.io/v1beta1";

    public OpenStackMachineTemplate {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        spec = spec == null ? new Spec(new Resource(null, Map.of()), Map.of()) : spec;
        extra = Copies.map(extra);
    }

    public static OpenStackMachineTemplate of(String name, MachineSpec machineSpec) {
        return new OpenStackMachineTemplate(name, null, null, new Spec(new Resource(machineSpec, Map.of()), Map.of()), Map.of());
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
            extra = Copies.map(extra);
        }
    }

    /** {@code spec.template.spec}: an {@code OpenStackMachineSpec}. */
    public record MachineSpec(String flavor,
                              String flavorID,
                              ImageParam image,
                              OpenStackIdentityReference identityRef,
                              String sshKeyName,
                              List<Map<String, Object>> ports,
                              List<Map<String, Object>> securityGroups,
                              Boolean trunk,
                              List<String> tags,
                              List<Map<String, Object>> serverMetadata,
                              Boolean configDrive,
                              RootVolume rootVolume,
                              List<Map<String, Object>> additionalBlockDevices,
                              Map<String, Object> serverGroup,
                              @Extra Map<String, Object> extra) {
        public MachineSpec {
            ports = Copies.list(ports);
            securityGroups = Copies.list(securityGroups);
            tags = Copies.list(tags);
            serverMetadata = Copies.list(serverMetadata);
            additionalBlockDevices = Copies.list(additionalBlockDevices);
            serverGroup = serverGroup == null ? null : Copies.map(serverGroup);
            extra = Copies.map(extra);
        }
    }

    /** {@code image}: by {@code id}, by {@code filter} (name, tags) or by {@code imageRef} (an ORC Image). */
    public record ImageParam(String id, ImageFilter filter, ImageRef imageRef, @Extra Map<String, Object> extra) {
        public ImageParam {
            extra = Copies.map(extra);
        }

        public static ImageParam byName(String name) {
            return new ImageParam(null, new ImageFilter(name, null, Map.of()), null, Map.of());
        }

        public static ImageParam byRef(String objectName) {
            return new ImageParam(null, null, new ImageRef(objectName, Map.of()), Map.of());
        }
    }

    /** {@code image.filter}. */
    public record ImageFilter(String name, List<String> tags, @Extra Map<String, Object> extra) {
        public ImageFilter {
            tags = Copies.list(tags);
            extra = Copies.map(extra);
        }
    }

    /** {@code image.imageRef}: the name of an ORC {@code Image} (a template name of the stack is expanded). */
    public record ImageRef(String name, @Extra Map<String, Object> extra) {
        public ImageRef {
            extra = Copies.map(extra);
        }
    }

    /** {@code rootVolume}. */
    public record RootVolume(Integer sizeGiB, String type, Map<String, Object> availabilityZone,
                             @Extra Map<String, Object> extra) {
        public RootVolume {
            availabilityZone = availabilityZone == null ? null : Copies.map(availabilityZone);
            extra = Copies.map(extra);
        }
    }
}
