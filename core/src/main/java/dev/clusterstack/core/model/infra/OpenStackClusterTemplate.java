package dev.clusterstack.core.model.infra;

import dev.clusterstack.core.bind.Extra;
import dev.clusterstack.core.model.base.Copies;
import dev.clusterstack.core.model.base.ObjectMeta;
import dev.clusterstack.core.model.base.Template;

import java.util.List;
import java.util.Map;

/**
 * {@code OpenStackClusterTemplate} (infrastructure.cluster.x-k8s.io/v1beta1, cluster-api-provider-openstack).
 * The fields stacks set most are typed; everything else passes through {@code extra}.
 */
public record OpenStackClusterTemplate(String name, String apiVersion, ObjectMeta metadata, Spec spec,
                                       @Extra Map<String, Object> extra) implements Template {
    public static final String KIND = "OpenStackClusterTemplate";
    public static final String API_VERSION = "infrastructure.cluster.x-k8s.io/v1beta1";

    public OpenStackClusterTemplate {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        spec = spec == null ? new Spec(new Resource(null, Map.of()), Map.of()) : spec;
        extra = Copies.map(extra);
    }

    public static OpenStackClusterTemplate of(String name, ClusterSpec clusterSpec) {
        return new OpenStackClusterTemplate(name, null, null, new Spec(new Resource(clusterSpec, Map.of()), Map.of()), Map.of());
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
    public record Resource(ClusterSpec spec, @Extra Map<String, Object> extra) {
        public Resource {
            extra = Copies.map(extra);
        }
    }

    /** {@code spec.template.spec}: an {@code OpenStackClusterSpec}. */
    public record ClusterSpec(OpenStackIdentityReference identityRef,
                              APIServerLoadBalancer apiServerLoadBalancer,
                              Map<String, Object> managedSecurityGroups,
                              List<Map<String, Object>> managedSubnets,
                              Map<String, Object> externalNetwork,
                              Boolean disableExternalNetwork,
                              Boolean disableAPIServerFloatingIP,
                              String apiServerFloatingIP,
                              String apiServerFixedIP,
                              Integer apiServerPort,
                              Map<String, Object> network,
                              List<Map<String, Object>> subnets,
                              Map<String, Object> router,
                              Map<String, Object> bastion,
                              List<String> controlPlaneAvailabilityZones,
                              Boolean controlPlaneOmitAvailabilityZone,
                              List<String> tags,
                              @Extra Map<String, Object> extra) {
        public ClusterSpec {
            managedSecurityGroups = managedSecurityGroups == null ? null : Copies.map(managedSecurityGroups);
            managedSubnets = Copies.list(managedSubnets);
            externalNetwork = externalNetwork == null ? null : Copies.map(externalNetwork);
            network = network == null ? null : Copies.map(network);
            subnets = Copies.list(subnets);
            router = router == null ? null : Copies.map(router);
            bastion = bastion == null ? null : Copies.map(bastion);
            controlPlaneAvailabilityZones = Copies.list(controlPlaneAvailabilityZones);
            tags = Copies.list(tags);
            extra = Copies.map(extra);
        }
    }

    /** {@code apiServerLoadBalancer}: enabled, provider ({@code amphora}, {@code ovn}), allowed CIDRs. */
    public record APIServerLoadBalancer(Boolean enabled, String provider, List<String> allowedCIDRs,
                                        List<Integer> additionalPorts, String flavor, Map<String, Object> network,
                                        @Extra Map<String, Object> extra) {
        public APIServerLoadBalancer {
            allowedCIDRs = Copies.list(allowedCIDRs);
            additionalPorts = Copies.list(additionalPorts);
            network = network == null ? null : Copies.map(network);
            extra = Copies.map(extra);
        }
    }
}
