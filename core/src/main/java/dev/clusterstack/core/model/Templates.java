package dev.clusterstack.core.model;

import dev.clusterstack.core.model.base.GenericTemplate;
import dev.clusterstack.core.model.base.Template;

import dev.clusterstack.core.model.infra.DevClusterTemplate;
import dev.clusterstack.core.model.infra.DevMachineTemplate;
import dev.clusterstack.core.model.infra.DockerClusterTemplate;
import dev.clusterstack.core.model.infra.DockerMachineTemplate;
import dev.clusterstack.core.model.infra.OpenStackClusterTemplate;
import dev.clusterstack.core.model.infra.OpenStackMachineTemplate;
import dev.clusterstack.core.model.kubeadm.KubeadmConfigTemplate;
import dev.clusterstack.core.model.kubeadm.KubeadmControlPlaneTemplate;

import java.util.Map;

/** The typed template kinds; any other kind is a {@link GenericTemplate}. */
public final class Templates {
    private static final Map<String, Class<? extends Template>> TYPED = Map.of(
            KubeadmControlPlaneTemplate.KIND, KubeadmControlPlaneTemplate.class,
            KubeadmConfigTemplate.KIND, KubeadmConfigTemplate.class,
            OpenStackClusterTemplate.KIND, OpenStackClusterTemplate.class,
            OpenStackMachineTemplate.KIND, OpenStackMachineTemplate.class,
            DockerClusterTemplate.KIND, DockerClusterTemplate.class,
            DockerMachineTemplate.KIND, DockerMachineTemplate.class,
            DevClusterTemplate.KIND, DevClusterTemplate.class,
            DevMachineTemplate.KIND, DevMachineTemplate.class);

    private Templates() {
    }

    public static Class<? extends Template> typeFor(String kind) {
        return TYPED.getOrDefault(kind, GenericTemplate.class);
    }

    /**
     * As {@link #typeFor(String)}, but a template of an alpha API version ({@code infrastructure.cluster.x-k8s.io/v1alpha7}
     * of older stacks) is a {@link GenericTemplate}: the typed kinds read the fields as their beta version spells them.
     */
    public static Class<? extends Template> typeFor(String kind, String apiVersion) {
        if (apiVersion != null && apiVersion.substring(apiVersion.indexOf('/') + 1).startsWith("v1alpha")
                && TYPED.containsKey(kind)) {
            return GenericTemplate.class;
        }
        return typeFor(kind);
    }
}
