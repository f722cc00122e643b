package dev.clusterstack.core.capi;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One hand-written case per mapped field: the input and the expected output are written by hand from Cluster API
 * v1.14's conversion functions (named in each test), never produced by this code.
 */
class ApiConversionTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Map<String, Object> yaml(String text) {
        try {
            return YAML.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Convert_v1beta1_ClusterClassSpec_To_v1beta2, _ControlPlaneClass_, _MachineDeploymentClass_, _ClusterClassVariable_, _ExternalPatchDefinition_. */
    @Test
    void clusterClassUp() {
        Map<String, Object> in = yaml("""
                apiVersion: cluster.x-k8s.io/v1beta1
                kind: ClusterClass
                metadata: {name: c, namespace: ns}
                spec:
                  infrastructure:
                    ref: {apiVersion: infrastructure.cluster.x-k8s.io/v1beta1, kind: DockerClusterTemplate, name: c, namespace: ns}
                  infrastructureNamingStrategy: {template: "{{ .cluster.name }}-infra"}
                  controlPlane:
                    ref: {apiVersion: controlplane.cluster.x-k8s.io/v1beta1, kind: KubeadmControlPlaneTemplate, name: cp}
                    machineInfrastructure:
                      ref: {apiVersion: infrastructure.cluster.x-k8s.io/v1beta1, kind: DockerMachineTemplate, name: cpm}
                    namingStrategy: {template: "{{ .cluster.name }}-cp"}
                    nodeDrainTimeout: 5m
                    nodeDeletionTimeout: 1h30m
                    machineHealthCheck:
                      nodeStartupTimeout: 10m
                      maxUnhealthy: 40%
                      unhealthyConditions:
                        - {type: Ready, status: Unknown, timeout: 300s}
                  workers:
                    machineDeployments:
                      - class: md
                        template:
                          metadata: {labels: {a: b}}
                          bootstrap:
                            ref: {apiVersion: bootstrap.cluster.x-k8s.io/v1beta1, kind: KubeadmConfigTemplate, name: w}
                          infrastructure:
                            ref: {apiVersion: infrastructure.cluster.x-k8s.io/v1beta1, kind: DockerMachineTemplate, name: wm}
                        namingStrategy: {template: "{{ .cluster.name }}-{{ .machineDeployment.topologyName }}"}
                        minReadySeconds: 5
                        nodeVolumeDetachTimeout: 2m
                        strategy:
                          type: RollingUpdate
                          rollingUpdate: {maxSurge: 1, maxUnavailable: 0, deletePolicy: Oldest}
                          remediation: {maxInFlight: 2}
                        machineHealthCheck:
                          unhealthyRange: "[1-3]"
                          remediationTemplate: {apiVersion: infrastructure.cluster.x-k8s.io/v1beta1, kind: R, name: r, namespace: ns}
                  variables:
                    - name: v
                      required: false
                      metadata: {labels: {l: x}}
                      schema: {openAPIV3Schema: {type: string}}
                  patches:
                    - name: ext
                      external: {generateExtension: gen, validateExtension: val}
                """);
        Map<String, Object> expected = yaml("""
                apiVersion: cluster.x-k8s.io/v1beta2
                kind: ClusterClass
                metadata: {name: c, namespace: ns}
                spec:
                  infrastructure:
                    templateRef: {apiVersion: infrastructure.cluster.x-k8s.io/v1beta1, kind: DockerClusterTemplate, name: c}
                    naming: {template: "{{ .cluster.name }}-infra"}
                  controlPlane:
                    templateRef: {apiVersion: controlplane.cluster.x-k8s.io/v1beta1, kind: KubeadmControlPlaneTemplate, name: cp}
                    machineInfrastructure:
                      templateRef: {apiVersion: infrastructure.cluster.x-k8s.io/v1beta1, kind: DockerMachineTemplate, name: cpm}
                    naming: {template: "{{ .cluster.name }}-cp"}
                    deletion: {nodeDrainTimeoutSeconds: 300, nodeDeletionTimeoutSeconds: 5400}
                    healthCheck:
                      checks:
                        nodeStartupTimeoutSeconds: 600
                        unhealthyNodeConditions:
                          - {type: Ready, status: Unknown, timeoutSeconds: 300}
                      remediation:
                        triggerIf: {unhealthyLessThanOrEqualTo: 40%}
                  workers:
                    machineDeployments:
                      - class: md
                        metadata: {labels: {a: b}}
                        bootstrap:
                          templateRef: {apiVersion: bootstrap.cluster.x-k8s.io/v1beta1, kind: KubeadmConfigTemplate, name: w}
                        infrastructure:
                          templateRef: {apiVersion: infrastructure.cluster.x-k8s.io/v1beta1, kind: DockerMachineTemplate, name: wm}
                        naming: {template: "{{ .cluster.name }}-{{ .machineDeployment.topologyName }}"}
                        minReadySeconds: 5
                        deletion: {order: Oldest, nodeVolumeDetachTimeoutSeconds: 120}
                        rollout:
                          strategy:
                            type: RollingUpdate
                            rollingUpdate: {maxSurge: 1, maxUnavailable: 0}
                        healthCheck:
                          remediation:
                            maxInFlight: 2
                            triggerIf: {unhealthyInRange: "[1-3]"}
                            templateRef: {apiVersion: infrastructure.cluster.x-k8s.io/v1beta1, kind: R, name: r}
                  variables:
                    - name: v
                      required: false
                      deprecatedV1Beta1Metadata: {labels: {l: x}}
                      schema: {openAPIV3Schema: {type: string}}
                  patches:
                    - name: ext
                      external: {generatePatchesExtension: gen, validateTopologyExtension: val}
                """);
        assertEquals(expected, ApiConversion.toV1Beta2(in));
    }

    /** Convert_v1beta2_ClusterClass_To_v1beta1 (ref namespaces = the class's), ConvertClusterClassHubToV1Beta1. */
    @Test
    void clusterClassDown() {
        Map<String, Object> in = yaml("""
                apiVersion: cluster.x-k8s.io/v1beta2
                kind: ClusterClass
                metadata: {name: c, namespace: ns}
                spec:
                  infrastructure:
                    templateRef: {apiVersion: infrastructure.cluster.x-k8s.io/v1beta1, kind: DockerClusterTemplate, name: c}
                  controlPlane:
                    templateRef: {apiVersion: controlplane.cluster.x-k8s.io/v1beta2, kind: KubeadmControlPlaneTemplate, name: cp}
                    deletion: {nodeDrainTimeoutSeconds: 90}
                    healthCheck:
                      checks:
                        unhealthyNodeConditions:
                          - {type: Ready, status: "False"}
                  workers:
                    machineDeployments:
                      - class: md
                        bootstrap:
                          templateRef: {apiVersion: bootstrap.cluster.x-k8s.io/v1beta2, kind: KubeadmConfigTemplate, name: w}
                        infrastructure:
                          templateRef: {apiVersion: infrastructure.cluster.x-k8s.io/v1beta1, kind: DockerMachineTemplate, name: wm}
                        healthCheck:
                          remediation: {maxInFlight: 1}
                        deletion: {order: Newest}
                """);
        Map<String, Object> expected = yaml("""
                apiVersion: cluster.x-k8s.io/v1beta1
                kind: ClusterClass
                metadata: {name: c, namespace: ns}
                spec:
                  infrastructure:
                    ref: {apiVersion: infrastructure.cluster.x-k8s.io/v1beta1, kind: DockerClusterTemplate, name: c, namespace: ns}
                  controlPlane:
                    ref: {apiVersion: controlplane.cluster.x-k8s.io/v1beta2, kind: KubeadmControlPlaneTemplate, name: cp, namespace: ns}
                    nodeDrainTimeout: 1m30s
                    machineHealthCheck:
                      unhealthyConditions:
                        - {type: Ready, status: "False", timeout: 0s}
                  workers:
                    machineDeployments:
                      - class: md
                        template:
                          metadata: {}
                          bootstrap:
                            ref: {apiVersion: bootstrap.cluster.x-k8s.io/v1beta2, kind: KubeadmConfigTemplate, name: w, namespace: ns}
                          infrastructure:
                            ref: {apiVersion: infrastructure.cluster.x-k8s.io/v1beta1, kind: DockerMachineTemplate, name: wm, namespace: ns}
                        strategy:
                          rollingUpdate: {deletePolicy: Newest}
                          remediation: {maxInFlight: 1}
                """);
        assertEquals(expected, ApiConversion.toV1Beta1(in));
    }

    /**
     * Convert_v1beta2_KubeadmControlPlaneTemplateResourceSpec_To_v1beta1 (remediation, rollout, machineNaming),
     * _KubeadmControlPlaneTemplateMachineTemplate_ (deletion), Convert_v1beta2_APIServer/ControllerManager/Scheduler/
     * LocalEtcd/NodeRegistrationOptions (ConvertFromArgs), _BootstrapToken_ (ttlSeconds),
     * ConvertKubeadmConfigSpecHubToV1Beta1 (timeouts).
     */
    @Test
    void controlPlaneTemplateDown() {
        Map<String, Object> in = yaml("""
                apiVersion: controlplane.cluster.x-k8s.io/v1beta2
                kind: KubeadmControlPlaneTemplate
                metadata: {name: cp}
                spec:
                  template:
                    spec:
                      machineTemplate:
                        spec:
                          deletion: {nodeDrainTimeoutSeconds: 300}
                      kubeadmConfigSpec:
                        clusterConfiguration:
                          apiServer:
                            extraArgs:
                              - {name: profiling, value: "false"}
                              - {name: audit-log-maxage, value: "30"}
                          controllerManager:
                            extraArgs: [{name: bind-address, value: 0.0.0.0}]
                          etcd:
                            local:
                              extraArgs: [{name: listen-metrics-urls, value: "http://0.0.0.0:2381"}]
                        initConfiguration:
                          bootstrapTokens: [{ttlSeconds: 900}]
                          nodeRegistration:
                            kubeletExtraArgs: [{name: cloud-provider, value: external}]
                          timeouts: {controlPlaneComponentHealthCheckSeconds: 600, kubeletHealthCheckSeconds: 120}
                        joinConfiguration:
                          timeouts: {controlPlaneComponentHealthCheckSeconds: 600, tlsBootstrapSeconds: 300}
                      remediation: {maxRetry: 3, minHealthyPeriodSeconds: 3600}
                      rollout:
                        before: {certificatesExpiryDays: 21}
                        strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 0}}
                      machineNaming: {template: "{{ .kubeadmControlPlane.name }}-{{ .random }}"}
                """);
        Map<String, Object> expected = yaml("""
                apiVersion: controlplane.cluster.x-k8s.io/v1beta1
                kind: KubeadmControlPlaneTemplate
                metadata: {name: cp}
                spec:
                  template:
                    spec:
                      machineTemplate:
                        nodeDrainTimeout: 5m0s
                      kubeadmConfigSpec:
                        clusterConfiguration:
                          apiServer:
                            extraArgs: {profiling: "false", audit-log-maxage: "30"}
                            timeoutForControlPlane: 10m0s
                          controllerManager:
                            extraArgs: {bind-address: 0.0.0.0}
                          etcd:
                            local:
                              extraArgs: {listen-metrics-urls: "http://0.0.0.0:2381"}
                        initConfiguration:
                          bootstrapTokens: [{ttl: 15m0s}]
                          nodeRegistration:
                            kubeletExtraArgs: {cloud-provider: external}
                        joinConfiguration:
                          discovery: {timeout: 5m0s}
                      remediationStrategy: {maxRetry: 3, retryPeriod: 0s, minHealthyPeriod: 1h0m0s}
                      rolloutBefore: {certificatesExpiryDays: 21}
                      rolloutStrategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 0}}
                      machineNamingStrategy: {template: "{{ .kubeadmControlPlane.name }}-{{ .random }}"}
                """);
        ApiConversion.Result r = ApiConversion.convertToV1Beta1(in, ApiConversion::clusterApiV1Beta1Version);
        assertEquals(expected, r.object());
        assertEquals(List.of("spec.template.spec.kubeadmConfigSpec.initConfiguration.timeouts.kubeletHealthCheckSeconds: no"
                + " v1beta1 field (Cluster API keeps it only in the conversion-data annotation)"), r.lost());
    }

    /**
     * Convert_v1beta1_KubeadmControlPlaneTemplateResourceSpec_To_v1beta2 (empty rollout type becomes RollingUpdate,
     * remediation, machine naming), ConvertKubeadmConfigSpecV1Beta1ToHub (timeoutForControlPlane to init and join),
     * ConvertToArgs (sorted by name), spokeClusterConfiguration of TestFuzzyConversion (fields removed in v1beta2).
     */
    @Test
    void controlPlaneTemplateUp() {
        Map<String, Object> in = yaml("""
                apiVersion: controlplane.cluster.x-k8s.io/v1beta1
                kind: KubeadmControlPlaneTemplate
                metadata: {name: cp}
                spec:
                  template:
                    spec:
                      machineTemplate:
                        nodeVolumeDetachTimeout: 30s
                      kubeadmConfigSpec:
                        clusterConfiguration:
                          networking: {podSubnet: 10.0.0.0/16}
                          apiServer:
                            timeoutForControlPlane: 20m
                            extraArgs: {z: "1", a: "2"}
                        joinConfiguration:
                          nodeRegistration:
                            kubeletExtraArgs: {node-labels: role=cp}
                      remediationStrategy: {maxRetry: 2, retryPeriod: 2m}
                      rolloutStrategy: {rollingUpdate: {maxSurge: 1}}
                """);
        Map<String, Object> expected = yaml("""
                apiVersion: controlplane.cluster.x-k8s.io/v1beta2
                kind: KubeadmControlPlaneTemplate
                metadata: {name: cp}
                spec:
                  template:
                    spec:
                      machineTemplate:
                        spec:
                          deletion: {nodeVolumeDetachTimeoutSeconds: 30}
                      kubeadmConfigSpec:
                        clusterConfiguration:
                          apiServer:
                            extraArgs: [{name: a, value: "2"}, {name: z, value: "1"}]
                        initConfiguration:
                          timeouts: {controlPlaneComponentHealthCheckSeconds: 1200}
                        joinConfiguration:
                          nodeRegistration:
                            kubeletExtraArgs: [{name: node-labels, value: role=cp}]
                          timeouts: {controlPlaneComponentHealthCheckSeconds: 1200}
                      remediation: {maxRetry: 2, retryPeriodSeconds: 120}
                      rollout:
                        strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1}}
                """);
        ApiConversion.Result r = ApiConversion.convertToV1Beta2(in);
        assertEquals(expected, r.object());
        assertEquals(List.of("spec.template.spec.kubeadmConfigSpec.clusterConfiguration.networking: removed in v1beta2"
                + " (Cluster API takes it from the Cluster)"), r.lost());
    }

    /** ConvertKubeadmConfigSpecV1Beta1ToHub / HubToV1Beta1: discovery.timeout is joinConfiguration.timeouts.tlsBootstrapSeconds. */
    @Test
    void configTemplateDiscoveryTimeoutBothWays() {
        Map<String, Object> v1 = yaml("""
                apiVersion: bootstrap.cluster.x-k8s.io/v1beta1
                kind: KubeadmConfigTemplate
                metadata: {name: w}
                spec:
                  template:
                    spec:
                      joinConfiguration:
                        discovery: {timeout: 45s}
                        nodeRegistration:
                          kubeletExtraArgs: {b: "2", a: "1"}
                """);
        Map<String, Object> v2 = yaml("""
                apiVersion: bootstrap.cluster.x-k8s.io/v1beta2
                kind: KubeadmConfigTemplate
                metadata: {name: w}
                spec:
                  template:
                    spec:
                      joinConfiguration:
                        nodeRegistration:
                          kubeletExtraArgs: [{name: a, value: "1"}, {name: b, value: "2"}]
                        timeouts: {tlsBootstrapSeconds: 45}
                """);
        assertEquals(v2, ApiConversion.toV1Beta2(v1));
        assertEquals(v1, ApiConversion.toV1Beta1(v2));
    }

    /** ConvertKubeadmControlPlaneHubToV1Beta1: the machine infrastructure reference gets the apiVersion of its CRD and the KCP's namespace. */
    @Test
    void controlPlaneInfrastructureRef() {
        Map<String, Object> v2 = yaml("""
                apiVersion: controlplane.cluster.x-k8s.io/v1beta2
                kind: KubeadmControlPlane
                metadata: {name: cp, namespace: ns}
                spec:
                  version: v1.33.1
                  machineTemplate:
                    metadata: {labels: {x: y}}
                    spec:
                      infrastructureRef: {apiGroup: infrastructure.cluster.x-k8s.io, kind: DockerMachineTemplate, name: m}
                      readinessGates: [{conditionType: C}]
                """);
        Map<String, Object> v1 = yaml("""
                apiVersion: controlplane.cluster.x-k8s.io/v1beta1
                kind: KubeadmControlPlane
                metadata: {name: cp, namespace: ns}
                spec:
                  version: v1.33.1
                  machineTemplate:
                    metadata: {labels: {x: y}}
                    infrastructureRef: {apiVersion: infrastructure.cluster.x-k8s.io/v1beta1, kind: DockerMachineTemplate, name: m, namespace: ns}
                    readinessGates: [{conditionType: C}]
                """);
        assertEquals(v1, ApiConversion.toV1Beta1(v2, gk -> gk.equals("DockerMachineTemplate.infrastructure.cluster.x-k8s.io")
                ? "infrastructure.cluster.x-k8s.io/v1beta1" : null));
        assertEquals(v2, ApiConversion.toV1Beta2(v1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiConversion.toV1Beta1(v2));
        assertTrue(e.getMessage().startsWith("spec.machineTemplate.spec.infrastructureRef: no apiVersion known for"
                + " DockerMachineTemplate.infrastructure.cluster.x-k8s.io"), e.getMessage());
    }

    /** Convert_v1beta1_Topology_To_v1beta2 (class, classNamespace), _ControlPlaneTopology_, _MachineDeploymentTopology_. */
    @Test
    void clusterTopology() {
        Map<String, Object> v1 = yaml("""
                apiVersion: cluster.x-k8s.io/v1beta1
                kind: Cluster
                metadata: {name: c, namespace: ns}
                spec:
                  clusterNetwork: {pods: {cidrBlocks: [192.168.0.0/16]}}
                  topology:
                    class: cc
                    classNamespace: shared
                    version: v1.33.1
                    controlPlane:
                      replicas: 3
                      nodeDrainTimeout: 10m
                      machineHealthCheck: {enable: false}
                    workers:
                      machineDeployments:
                        - class: md
                          name: md-0
                          replicas: 2
                          strategy: {type: OnDelete}
                          variables:
                            overrides: [{name: x, value: 1}]
                    variables: [{name: y, value: "z"}]
                """);
        Map<String, Object> v2 = yaml("""
                apiVersion: cluster.x-k8s.io/v1beta2
                kind: Cluster
                metadata: {name: c, namespace: ns}
                spec:
                  clusterNetwork: {pods: {cidrBlocks: [192.168.0.0/16]}}
                  topology:
                    classRef: {name: cc, namespace: shared}
                    version: v1.33.1
                    controlPlane:
                      replicas: 3
                      deletion: {nodeDrainTimeoutSeconds: 600}
                      healthCheck: {enabled: false}
                    workers:
                      machineDeployments:
                        - class: md
                          name: md-0
                          replicas: 2
                          rollout: {strategy: {type: OnDelete}}
                          variables:
                            overrides: [{name: x, value: 1}]
                    variables: [{name: y, value: "z"}]
                """);
        assertEquals(v2, ApiConversion.toV1Beta2(v1));
        Map<String, Object> back = yaml(YAML.valueToTree(v1).toString().replace("10m", "10m0s"));
        assertEquals(back, ApiConversion.toV1Beta1(v2));
    }

    /** Convert_v1beta2_MachineDeploymentSpec_To_v1beta1 and _MachineSpec_; minReadySeconds sits on the spec in v1beta1. */
    @Test
    void machineDeployment() {
        Map<String, Object> v2 = yaml("""
                apiVersion: cluster.x-k8s.io/v1beta2
                kind: MachineDeployment
                metadata: {name: md, namespace: ns}
                spec:
                  clusterName: c
                  replicas: 1
                  rollout: {strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1}}}
                  deletion: {order: Random}
                  remediation: {maxInFlight: 50%}
                  template:
                    spec:
                      clusterName: c
                      version: v1.33.1
                      bootstrap:
                        configRef: {apiGroup: bootstrap.cluster.x-k8s.io, kind: KubeadmConfigTemplate, name: b}
                      infrastructureRef: {apiGroup: infrastructure.cluster.x-k8s.io, kind: DockerMachineTemplate, name: i}
                      minReadySeconds: 10
                      deletion: {nodeDeletionTimeoutSeconds: 30}
                """);
        Map<String, Object> v1 = yaml("""
                apiVersion: cluster.x-k8s.io/v1beta1
                kind: MachineDeployment
                metadata: {name: md, namespace: ns}
                spec:
                  clusterName: c
                  replicas: 1
                  strategy:
                    type: RollingUpdate
                    rollingUpdate: {maxSurge: 1, deletePolicy: Random}
                    remediation: {maxInFlight: 50%}
                  minReadySeconds: 10
                  template:
                    spec:
                      clusterName: c
                      version: v1.33.1
                      bootstrap:
                        configRef: {apiVersion: bootstrap.cluster.x-k8s.io/v1beta1, kind: KubeadmConfigTemplate, name: b, namespace: ns}
                      infrastructureRef: {apiVersion: infrastructure.cluster.x-k8s.io/v1alpha9, kind: DockerMachineTemplate, name: i, namespace: ns}
                      nodeDeletionTimeout: 30s
                """);
        assertEquals(v1, ApiConversion.toV1Beta1(v2, gk -> gk.endsWith(".infrastructure.cluster.x-k8s.io")
                ? "infrastructure.cluster.x-k8s.io/v1alpha9" : ApiConversion.clusterApiV1Beta1Version(gk)));
        assertEquals(v2, ApiConversion.toV1Beta2(v1));
    }

    /** ConvertToArgs / ConvertFromArgs of an empty map or list give an empty value, which omitempty leaves out. */
    @Test
    void emptyArgumentsAreLeftOut() {
        Map<String, Object> v1 = yaml("""
                apiVersion: bootstrap.cluster.x-k8s.io/v1beta1
                kind: KubeadmConfig
                metadata: {name: k}
                spec:
                  joinConfiguration:
                    nodeRegistration: {name: n, kubeletExtraArgs: {}}
                """);
        Map<String, Object> v2 = yaml("""
                apiVersion: bootstrap.cluster.x-k8s.io/v1beta2
                kind: KubeadmConfig
                metadata: {name: k}
                spec:
                  joinConfiguration:
                    nodeRegistration: {name: n}
                """);
        assertEquals(v2, ApiConversion.toV1Beta2(v1));
    }

    /**
     * The KubeadmConfigSpec lists are {@code omitempty} in both Go types (v1beta2's schema gives them {@code minItems: 1}):
     * an empty one does not survive the conversion's trip through Go, either way. {@code taints: []} is no such list (it
     * means "no taints") and stays.
     */
    @Test
    void emptyKubeadmConfigSpecListsAreLeftOutAndEmptyTaintsKept() {
        Map<String, Object> v1 = yaml("""
                apiVersion: bootstrap.cluster.x-k8s.io/v1beta1
                kind: KubeadmConfigTemplate
                metadata: {name: k}
                spec:
                  template:
                    spec:
                      files: []
                      preKubeadmCommands: []
                      postKubeadmCommands: []
                      bootCommands: []
                      users: []
                      mounts: []
                      joinConfiguration:
                        nodeRegistration: {name: n, taints: []}
                """);
        Map<String, Object> v2 = yaml("""
                apiVersion: bootstrap.cluster.x-k8s.io/v1beta2
                kind: KubeadmConfigTemplate
                metadata: {name: k}
                spec:
                  template:
                    spec:
                      joinConfiguration:
                        nodeRegistration: {name: n, taints: []}
                """);
        assertEquals(v2, ApiConversion.toV1Beta2(v1));
        Map<String, Object> served = yaml("""
                apiVersion: bootstrap.cluster.x-k8s.io/v1beta1
                kind: KubeadmConfigTemplate
                metadata: {name: k}
                spec:
                  template:
                    spec:
                      joinConfiguration:
                        nodeRegistration: {name: n, taints: []}
                """);
        assertEquals(served, ApiConversion.toV1Beta1(ApiConversion.toV1Beta2(v1)));
        Map<String, Object> emptyV2 = yaml("""
                apiVersion: controlplane.cluster.x-k8s.io/v1beta2
                kind: KubeadmControlPlaneTemplate
                metadata: {name: k}
                spec:
                  template:
                    spec:
                      kubeadmConfigSpec: {files: [], postKubeadmCommands: [], format: cloud-config}
                """);
        assertEquals(Map.of("format", "cloud-config"), ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) ApiConversion
                .toV1Beta1(emptyV2).get("spec")).get("template")).get("spec")).get("kubeadmConfigSpec")));
    }

    @Test
    void otherObjectsAndTargetVersionComeBackUnchanged() {
        Map<String, Object> docker = yaml("""
                apiVersion: infrastructure.cluster.x-k8s.io/v1beta1
                kind: DockerMachineTemplate
                metadata: {name: m}
                spec: {template: {spec: {extraMounts: []}}}
                """);
        assertEquals(docker, ApiConversion.toV1Beta2(docker));
        assertEquals(docker, ApiConversion.toV1Beta1(docker));
        Map<String, Object> kct = yaml("""
                apiVersion: bootstrap.cluster.x-k8s.io/v1beta2
                kind: KubeadmConfigTemplate
                metadata: {name: w}
                spec: {template: {spec: {joinConfiguration: {nodeRegistration: {kubeletExtraArgs: [{name: a, value: b}]}}}}}
                """);
        assertEquals(kct, ApiConversion.toV1Beta2(kct));
    }

    @Test
    void malformedDurationNamesTheField() {
        Map<String, Object> in = yaml("""
                apiVersion: cluster.x-k8s.io/v1beta1
                kind: ClusterClass
                metadata: {name: c}
                spec:
                  controlPlane: {nodeDrainTimeout: five minutes}
                """);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiConversion.toV1Beta2(in));
        assertTrue(e.getMessage().startsWith("spec.controlPlane.nodeDrainTimeout: invalid duration"), e.getMessage());
    }
}
