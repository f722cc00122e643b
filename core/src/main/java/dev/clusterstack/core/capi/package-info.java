/**
 * Cluster API's own API versions: {@link dev.clusterstack.core.capi.ApiConversion} converts ClusterClass, Cluster,
 * MachineDeployment, KubeadmControlPlane(Template) and KubeadmConfig(Template) between v1beta1 and v1beta2 with the
 * field mapping of Cluster API v1.14's conversions, on plain trees.
 */
package dev.clusterstack.core.capi;
