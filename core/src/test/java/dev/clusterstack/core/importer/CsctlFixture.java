package dev.clusterstack.core.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small stack folders in csctl's layout for the importer's tests. */
public final class CsctlFixture {
    static final String CLASS = """
            apiVersion: cluster.x-k8s.io/v1beta1
            kind: ClusterClass
            metadata:
              name: {{ .Release.Name }}-{{ .Chart.Version }}
              namespace: {{ .Release.Namespace }}
            spec:
              infrastructure:
                ref:
                  apiVersion: infrastructure.cluster.x-k8s.io/v1beta1
                  kind: DockerClusterTemplate
                  name: {{ .Release.Name }}-{{ .Chart.Version }}-cluster
                  namespace: {{ .Release.Namespace }}
              controlPlane:
                ref:
                  apiVersion: controlplane.cluster.x-k8s.io/v1beta1
                  kind: KubeadmControlPlaneTemplate
                  name: {{ .Release.Name }}-{{ .Chart.Version }}-control-plane
                  namespace: {{ .Release.Namespace }}
                machineInfrastructure:
                  ref:
                    apiVersion: infrastructure.cluster.x-k8s.io/v1beta1
                    kind: DockerMachineTemplate
                    name: {{ .Release.Name }}-{{ .Chart.Version }}-control-plane
                    namespace: {{ .Release.Namespace }}
              variables:
              - name: imageRepository
                required: false
                schema:
                  openAPIV3Schema:
                    type: string
                    default: ""
              patches:
              - name: imageRepository
                enabledIf: '{{ if not .imageRepository }}true{{ end }}'
                definitions:
                - selector:
                    apiVersion: controlplane.cluster.x-k8s.io/v1beta1
                    kind: KubeadmControlPlaneTemplate
                    matchResources:
                      controlPlane: true
                  jsonPatches:
                  - op: add
                    path: /spec/template/spec/kubeadmConfigSpec/clusterConfiguration/imageRepository
                    valueFrom:
                      variable: imageRepository
            """;
    static final String TEMPLATES = """
            apiVersion: infrastructure.cluster.x-k8s.io/v1beta1
            kind: DockerClusterTemplate
            metadata:
              name: {{ .Release.Name }}-{{ .Chart.Version }}-cluster
              namespace: {{ .Release.Namespace }}
            spec:
              template:
                spec: {}
            ---
            apiVersion: infrastructure.cluster.x-k8s.io/v1beta1
            kind: DockerMachineTemplate
            metadata:
              name: {{ .Release.Name }}-{{ .Chart.Version }}-control-plane
              namespace: {{ .Release.Namespace }}
            spec:
              template:
                spec:
                  customImage: {{ .Values.image }}
            ---
            apiVersion: controlplane.cluster.x-k8s.io/v1beta1
            kind: KubeadmControlPlaneTemplate
            metadata:
              name: {{ .Release.Name }}-{{ .Chart.Version }}-control-plane
              namespace: {{ .Release.Namespace }}
            spec:
              template:
                spec:
                  kubeadmConfigSpec:
                    files:
                    - path: /etc/motd
                      owner: root:root
                      permissions: "0644"
                      content: |
                        Welcome to {{ "{{" }} ds.meta_data.local_hostname }} [=not FreeMarker]
                    preKubeadmCommands:
                    - echo "${HOME}"
            """;

    private CsctlFixture() {
    }

    /** A docker stack {@code docker/mini}: two versions in versions.yaml, or one from csctl.yaml. */
    public static Path write(Path folder, boolean twoVersions) throws IOException {
        Files.createDirectories(folder.resolve("cluster-class/templates"));
        Files.createDirectories(folder.resolve("cluster-addon/cni"));
        Files.writeString(folder.resolve("csctl.yaml"), """
                apiVersion: csctl.clusterstack.x-k8s.io/v1alpha1
                config:
                  kubernetesVersion: v1.31.9
                  clusterStackName: mini
                  provider:
                    type: docker
                    apiVersion: docker.csctl.clusterstack.x-k8s.io/v1alpha1
                """);
        if (twoVersions) {
            Files.writeString(folder.resolve("versions.yaml"), """
                    - kubernetes: 1.31.9
                    - kubernetes: 1.32.5
                    """);
        }
        Files.writeString(folder.resolve("cluster-class/Chart.yaml"), """
                apiVersion: v2
                description: Mini cluster class
                name: docker-mini-1-31-cluster-class
                type: application
                version: v1
                """);
        Files.writeString(folder.resolve("cluster-class/values.yaml"), "image: kindest/node:v1.31.9\n");
        Files.writeString(folder.resolve("cluster-class/templates/cluster-class.yaml"), CLASS);
        Files.writeString(folder.resolve("cluster-class/templates/templates.yaml"), TEMPLATES);
        Files.writeString(folder.resolve("cluster-addon/cni/Chart.yaml"), """
                apiVersion: v2
                name: cni
                description: CNI
                type: application
                version: v1
                dependencies:
                - name: cilium
                  version: 1.16.6
                  repository: https://helm.cilium.io/
                """);
        Files.writeString(folder.resolve("cluster-addon/cni/values.yaml"), "cilium:\n  # kept as written\n  ipam: {mode: kubernetes}\n");
        Files.writeString(folder.resolve("clusteraddon.yaml"), """
                apiVersion: clusteraddonconfig.x-k8s.io/v1alpha1
                clusterAddonVersion: clusteraddons.clusterstack.x-k8s.io/v1alpha1
                addonStages:
                  AfterControlPlaneInitialized:
                    - name: cni
                      action: apply
                """);
        return folder;
    }
}
