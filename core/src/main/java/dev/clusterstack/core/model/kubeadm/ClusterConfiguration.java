package dev.clusterstack.core.model.kubeadm;

import dev.clusterstack.core.bind.Extra;
import dev.clusterstack.core.model.base.Copies;

import java.util.List;
import java.util.Map;

/** kubeadm {@code ClusterConfiguration} as Cluster API v1beta1 embeds it. */
public record ClusterConfiguration(Etcd etcd,
                                   Networking networking,
                                   String kubernetesVersion,
                                   String controlPlaneEndpoint,
                                   APIServer apiServer,
                                   ControlPlaneComponent controllerManager,
                                   ControlPlaneComponent scheduler,
                                   DNS dns,
                                   String certificatesDir,
                                   String imageRepository,
                                   Map<String, Boolean> featureGates,
                                   String clusterName,
                                   @Extra Map<String, Object> extra) {
    public ClusterConfiguration {
        featureGates = Copies.map(featureGates);
        extra = Copies.map(extra);
    }

    public static ClusterConfiguration empty() {
        return new ClusterConfiguration(null, null, null, null, null, null, null, null, null, null, null, null, Map.of());
    }

    public ClusterConfiguration withEtcd(Etcd v) {
        return new ClusterConfiguration(v, networking, kubernetesVersion, controlPlaneEndpoint, apiServer, controllerManager,
                scheduler, dns, certificatesDir, imageRepository, featureGates, clusterName, extra);
    }

    public ClusterConfiguration withApiServer(APIServer v) {
        return new ClusterConfiguration(etcd, networking, kubernetesVersion, controlPlaneEndpoint, v, controllerManager,
                scheduler, dns, certificatesDir, imageRepository, featureGates, clusterName, extra);
    }

    public ClusterConfiguration withControllerManager(ControlPlaneComponent v) {
        return new ClusterConfiguration(etcd, networking, kubernetesVersion, controlPlaneEndpoint, apiServer, v,
                scheduler, dns, certificatesDir, imageRepository, featureGates, clusterName, extra);
    }

    /** {@code apiServer}: extra args, volumes, env, certificate SANs. */
    public record APIServer(List<Arg> extraArgs, List<HostPathMount> extraVolumes,
                            List<Map<String, Object>> extraEnvs, List<String> certSANs, String timeoutForControlPlane,
                            @Extra Map<String, Object> extra) {
        public APIServer {
            extraArgs = Copies.list(extraArgs);
            extraVolumes = Copies.list(extraVolumes);
            extraEnvs = Copies.list(extraEnvs);
            certSANs = Copies.list(certSANs);
            extra = Copies.map(extra);
        }

        public static APIServer empty() {
            return new APIServer(null, null, null, null, null, Map.of());
        }

        public APIServer withExtraArgs(List<Arg> v) {
            return new APIServer(v, extraVolumes, extraEnvs, certSANs, timeoutForControlPlane, extra);
        }

        /** With the arguments of a map, in its order ({@link Arg#list}). */
        public APIServer withExtraArgs(Map<String, String> v) {
            return withExtraArgs(Arg.list(v));
        }

        public APIServer withCertSANs(List<String> v) {
            return new APIServer(extraArgs, extraVolumes, extraEnvs, v, timeoutForControlPlane, extra);
        }
    }

    /** {@code controllerManager} / {@code scheduler}. */
    public record ControlPlaneComponent(List<Arg> extraArgs, List<HostPathMount> extraVolumes,
                                        List<Map<String, Object>> extraEnvs, @Extra Map<String, Object> extra) {
        public ControlPlaneComponent {
            extraArgs = Copies.list(extraArgs);
            extraVolumes = Copies.list(extraVolumes);
            extraEnvs = Copies.list(extraEnvs);
            extra = Copies.map(extra);
        }

        public static ControlPlaneComponent ofArgs(List<Arg> extraArgs) {
            return new ControlPlaneComponent(extraArgs, null, null, Map.of());
        }

        /** With the arguments of a map, in its order ({@link Arg#list}). */
        public static ControlPlaneComponent ofArgs(Map<String, String> extraArgs) {
            return ofArgs(Arg.list(extraArgs));
        }
    }

    /** A host path mounted into a control plane static pod. */
    public record HostPathMount(String name, String hostPath, String mountPath, Boolean readOnly, String pathType,
                                @Extra Map<String, Object> extra) {
        public HostPathMount {
            extra = Copies.map(extra);
        }
    }

    /** {@code etcd}: local (stacked) or external. */
    public record Etcd(LocalEtcd local, ExternalEtcd external, @Extra Map<String, Object> extra) {
        public Etcd {
            extra = Copies.map(extra);
        }
    }

    /** {@code etcd.local}. */
    public record LocalEtcd(String imageRepository, String imageTag, String dataDir, List<Arg> extraArgs,
                            List<Map<String, Object>> extraEnvs, List<String> serverCertSANs, List<String> peerCertSANs,
                            @Extra Map<String, Object> extra) {
        public LocalEtcd {
            extraArgs = Copies.list(extraArgs);
            extraEnvs = Copies.list(extraEnvs);
            serverCertSANs = Copies.list(serverCertSANs);
            peerCertSANs = Copies.list(peerCertSANs);
            extra = Copies.map(extra);
        }

        public LocalEtcd withExtraArgs(List<Arg> v) {
            return new LocalEtcd(imageRepository, imageTag, dataDir, v, extraEnvs, serverCertSANs, peerCertSANs, extra);
        }
    }

    /** {@code etcd.external}. */
    public record ExternalEtcd(List<String> endpoints, String caFile, String certFile, String keyFile,
                               @Extra Map<String, Object> extra) {
        public ExternalEtcd {
            endpoints = Copies.list(endpoints);
            extra = Copies.map(extra);
        }
    }

    /** {@code networking}. */
    public record Networking(String serviceSubnet, String podSubnet, String dnsDomain, @Extra Map<String, Object> extra) {
        public Networking {
            extra = Copies.map(extra);
        }
    }

    /** {@code dns}. */
    public record DNS(String imageRepository, String imageTag, @Extra Map<String, Object> extra) {
        public DNS {
            extra = Copies.map(extra);
        }
    }
}
