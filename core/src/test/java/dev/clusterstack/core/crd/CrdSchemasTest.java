package dev.clusterstack.core.crd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.clusterstack.core.testsupport.SharedFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("unchecked")
@Tag("shared")
class CrdSchemasTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static CrdSchemas capi;

  static Path crds(String folder) {
    return SharedFolder.sharedOrSkip("crds/" + folder);
  }

  @BeforeAll
  static void loadClusterApi() {
    SharedFolder.sharedOrSkip("crds");
    capi = CrdSchemas.load(crds("cluster-api-v1.10.10"));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> yaml(String text) {
    try {
      return YAML.readValue(text, Map.class);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static final String CLUSTER_CLASS = """
      apiVersion: cluster.x-k8s.io/v1beta1
      kind: ClusterClass
      metadata:
        name: docker-scs-1-30-v1
        namespace: cluster
        labels:
          app: x
      spec:
        controlPlane:
          ref:
            apiVersion: controlplane.cluster.x-k8s.io/v1beta1
            kind: KubeadmControlPlaneTemplate
            name: docker-scs-1-30-v1-control-plane
          machineInfrastructure:
            ref:
              apiVersion: infrastructure.cluster.x-k8s.io/v1beta1
              kind: DockerMachineTemplate
              name: docker-scs-1-30-v1-control-plane
          machineHealthCheck:
            maxUnhealthy: MAX_UNHEALTHY
        infrastructure:
          ref:
            apiVersion: infrastructure.cluster.x-k8s.io/v1beta1
            kind: DockerClusterTemplate
            name: docker-scs-1-30-v1-cluster
        variables:
        - name: imageRepository
          required: false
          schema:
            openAPIV3Schema:
              type: string
              default: ""
              example: registry.k8s.io
        workers:
          machineDeployments:
          - class: default-worker
            template:
              bootstrap:
                ref:
                  apiVersion: bootstrap.cluster.x-k8s.io/v1beta1
                  kind: KubeadmConfigTemplate
                  name: docker-scs-1-30-v1-worker
              infrastructure:
                ref:
                  apiVersion: infrastructure.cluster.x-k8s.io/v1beta1
                  kind: DockerMachineTemplate
                  name: docker-scs-1-30-v1-worker
        patches:
        - name: imageRepository
          enabledIf: '{{ ne .imageRepository "" }}'
          definitions:
          - selector:
              apiVersion: controlplane.cluster.x-k8s.io/v1beta1
              kind: KubeadmControlPlaneTemplate
              matchResources:
                controlPlane: true
            jsonPatch:
            - op: add
              path: /spec/template/spec/kubeadmConfigSpec/clusterConfiguration/imageRepository
              valueFrom:
                variable: imageRepository
      """;

  static Map<String, Object> clusterClass(String maxUnhealthy) {
    return yaml(CLUSTER_CLASS.replace("MAX_UNHEALTHY", maxUnhealthy).replace("jsonPatch:", "jsonPatches:"));
  }

  static final String KCPT = """
      apiVersion: controlplane.cluster.x-k8s.io/v1beta1
      kind: KubeadmControlPlaneTemplate
      metadata:
        name: cp
      spec:
        template:
          spec:
            rolloutStrategy:
              type: RollingUpdate
              rollingUpdate:
                maxSurge: 1
            kubeadmConfigSpec:
              clusterConfiguration:
                apiServer:
                  extraArgs:
                    profiling: "false"
              files:
              - path: /etc/kubernetes/admission/config.yaml
                content: |
                  apiVersion: v1
                owner: root:root
                permissions: "0644"
                encoding: ENCODING
              initConfiguration:
                nodeRegistration:
                  kubeletExtraArgs:
                    eviction-hard: nodefs.available<0%
      """;

  @Test
  void validClusterClassPasses() {
    assertEquals(List.of(), capi.validate(clusterClass("33%")));
  }

  @Test
  void intOrStringAcceptsIntegerAndStringButNotBoolean() {
    assertEquals(List.of(), capi.validate(clusterClass("33%")));
    assertEquals(List.of(), capi.validate(clusterClass("2")));

    List<SchemaViolation> violations = capi.validate(clusterClass("true"));

    assertEquals(1, violations.size(), violations::toString);
    assertEquals("/spec/controlPlane/machineHealthCheck/maxUnhealthy", violations.get(0).path());
  }

  @Test
  void typoFieldIsFlaggedAtItsPath() {
    Map<String, Object> object = yaml(CLUSTER_CLASS.replace("MAX_UNHEALTHY", "1").replace("jsonPatch:", "jsonPatches:")
        .replace("maxUnhealthy:", "maxUnhealty:"));

    List<SchemaViolation> violations = capi.validate(object);

    assertEquals(1, violations.size(), violations::toString);
    SchemaViolation v = violations.get(0);
    assertEquals("/spec/controlPlane/machineHealthCheck/maxUnhealty", v.path());
    assertTrue(v.message().contains("maxUnhealty"), v.message());
    assertEquals("ClusterClass", v.kind());
    assertEquals("cluster.x-k8s.io/v1beta1", v.apiVersion());
    assertEquals("docker-scs-1-30-v1", v.name());
  }

  @Test
  void typoOfARequiredFieldShowsTheUnknownAndTheMissingField() {
    List<SchemaViolation> violations = capi.validate(yaml(CLUSTER_CLASS.replace("MAX_UNHEALTHY", "1")));

    assertEquals(List.of("/spec/patches/0/definitions/0/jsonPatch", "/spec/patches/0/definitions/0/jsonPatches"),
        violations.stream().map(SchemaViolation::path).sorted().toList(), violations::toString);
  }

  @Test
  void typoFieldPassesWhenNotStrict() {
    CrdSchemas lenient = CrdSchemas.loader().strictUnknownFields(false).load(crds("cluster-api-v1.10.10"));

    assertFalse(lenient.strictUnknownFields());
    assertEquals(List.of(), lenient.validate(yaml(CLUSTER_CLASS.replace("MAX_UNHEALTHY", "1")
        .replace("jsonPatch:", "jsonPatches:").replace("maxUnhealthy:", "maxUnhealty:"))));
  }

  @Test
  void wrongTypeIsFlagged() {
    Map<String, Object> object = clusterClass("1");
    ((Map<String, Object>) ((Map<String, Object>) object.get("spec")).get("workers")).put("machineDeployments",
        "default-worker");

    List<SchemaViolation> violations = capi.validate(object);

    assertEquals(1, violations.size(), violations::toString);
    assertEquals("/spec/workers/machineDeployments", violations.get(0).path());
    assertTrue(violations.get(0).message().contains("array"), violations.get(0).message());
  }

  @Test
  void missingRequiredFieldPointsAtTheField() {
    Map<String, Object> object = clusterClass("1");
    Map<String, Object> workers = (Map<String, Object>) ((Map<String, Object>) object.get("spec")).get("workers");
    ((List<Map<String, Object>>) workers.get("machineDeployments")).get(0).remove("class");

    List<SchemaViolation> violations = capi.validate(object);

    assertEquals(List.of("/spec/workers/machineDeployments/0/class"),
        violations.stream().map(SchemaViolation::path).toList());
  }

  @Test
  void kubeadmControlPlaneTemplateFileEncodingEnum() {
    assertEquals(List.of(), capi.validate(yaml(KCPT.replace("ENCODING", "base64"))));

    List<SchemaViolation> violations = capi.validate(yaml(KCPT.replace("ENCODING", "nonsense")));

    assertEquals(1, violations.size(), violations::toString);
    assertEquals("/spec/template/spec/kubeadmConfigSpec/files/0/encoding", violations.get(0).path());
  }

  @Test
  void kubeadmControlPlaneTemplateMaxSurgeIntOrString() {
    assertEquals(List.of(), capi.validate(yaml(KCPT.replace("ENCODING", "base64"))));
    assertEquals(List.of(), capi.validate(yaml(KCPT.replace("ENCODING", "base64").replace("maxSurge: 1",
        "maxSurge: 50%"))));

    List<SchemaViolation> violations = capi.validate(yaml(KCPT.replace("ENCODING", "base64")
        .replace("maxSurge: 1", "maxSurge: [1]")));

    assertEquals(List.of("/spec/template/spec/rolloutStrategy/rollingUpdate/maxSurge"),
        violations.stream().map(SchemaViolation::path).toList());
  }

  @Test
  void dockerMachineTemplate() {
    String dmt = """
        apiVersion: infrastructure.cluster.x-k8s.io/v1beta1
        kind: DockerMachineTemplate
        metadata:
          name: worker
        spec:
          template:
            spec:
              extraMounts:
              - containerPath: /var/run/docker.sock
                hostPath: /var/run/docker.sock
              FIELD
        """;
    assertEquals(List.of(), capi.validate(yaml(dmt.replace("FIELD", "preLoadImages: [a]"))));

    List<SchemaViolation> violations = capi.validate(yaml(dmt.replace("FIELD", "customImage: 42")));

    assertEquals(List.of("/spec/template/spec/customImage"), violations.stream().map(SchemaViolation::path).toList());
  }

  static final String OPENSTACK_MACHINE_TEMPLATE = """
      apiVersion: infrastructure.cluster.x-k8s.io/v1beta1
      kind: OpenStackMachineTemplate
      metadata:
        name: openstack-scs-1-32-v3-worker
      spec:
        template:
          spec:
            flavor: SCS-2V-4
            image:
              filter:
                name: ubuntu-capi-image-v1.32.5
            sshKeyName: capi-key
            securityGroups:
            - filter:
                name: allow-ssh
            rootVolume:
              sizeGiB: 50
            serverMetadata:
            - key: k
              value: v
      """;

  @Test
  void openStackMachineTemplateInBothCapoVersions() {
    for (String folder : List.of("cluster-api-provider-openstack-v0.12.7", "cluster-api-provider-openstack-v0.14.7")) {
      CrdSchemas capo = CrdSchemas.load(crds(folder));
      assertTrue(capo.hasSchema("infrastructure.cluster.x-k8s.io/v1beta1", "OpenStackMachineTemplate"), folder);

      assertEquals(List.of(), capo.validate(yaml(OPENSTACK_MACHINE_TEMPLATE)), folder);

      List<SchemaViolation> wrong = capo.validate(yaml(OPENSTACK_MACHINE_TEMPLATE
          .replace("sizeGiB: 50", "sizeGiB: fifty").replace("flavor: SCS-2V-4", "flavour: SCS-2V-4")));
      assertEquals(List.of("/spec/template/spec/flavour", "/spec/template/spec/rootVolume/sizeGiB"),
          wrong.stream().map(SchemaViolation::path).sorted().toList(), folder + ": " + wrong);

      // the image must name exactly one of filter / id / imageRef (minProperties/maxProperties 1), and it is required
      List<SchemaViolation> noImage = capo.validate(yaml(OPENSTACK_MACHINE_TEMPLATE
          .replace("      image:\n        filter:\n          name: ubuntu-capi-image-v1.32.5\n", "")));
      assertEquals(List.of("/spec/template/spec/image"), noImage.stream().map(SchemaViolation::path).toList(),
          folder + ": " + noImage);
    }
  }

  @Test
  void clusterStackOperatorCrdsLoad() {
    CrdSchemas cso = CrdSchemas.load(crds("cluster-stack-operator"));

    assertTrue(cso.known().stream().anyMatch(k -> k.endsWith(" ClusterStack")), cso.known()::toString);
    assertTrue(cso.known().stream().anyMatch(k -> k.endsWith(" ClusterStackRelease")), cso.known()::toString);
    assertTrue(cso.known().stream().anyMatch(k -> k.endsWith(" ClusterAddon")), cso.known()::toString);
    String apiVersion = cso.known().stream().filter(k -> k.endsWith(" ClusterStack")).findFirst().orElseThrow()
        .split(" ")[0];
    Map<String, Object> clusterStack = yaml("""
        apiVersion: %s
        kind: ClusterStack
        metadata:
          name: openstack-scs-1-32
        spec:
          provider: openstack
          name: scs
          kubernetesVersion: "1.32"
          channel: stable
          autoSubscribe: false
          versions:
          - v3
        """.formatted(apiVersion));
    assertEquals(List.of(), cso.validate(clusterStack));
  }

  @Test
  void everyCrdFolderLoadsAndEverySchemaCompiles() {
    for (String folder : List.of("cluster-api-v1.10.10", "cluster-api-HEAD-ae7ff04", "cluster-stack-operator",
        "cluster-api-provider-openstack-v0.12.7", "cluster-api-provider-openstack-v0.14.7")) {
      CrdSchemas schemas = CrdSchemas.load(crds(folder));
      assertFalse(schemas.known().isEmpty(), folder);
      for (String known : schemas.known()) {
        String[] parts = known.split(" ");
        // an object with only apiVersion/kind/metadata: compiles the schema; violations are only missing fields
        List<SchemaViolation> violations = schemas.validate(Map.of("apiVersion", parts[0], "kind", parts[1],
            "metadata", Map.of("name", "x")));
        assertTrue(violations.stream().allMatch(v -> v.message().startsWith("required field")),
            known + ": " + violations);
      }
    }
  }

  @Test
  void unknownKindIsAClearResultNotACrash() {
    Map<String, Object> object = Map.of("apiVersion", "example.org/v1", "kind", "Thing", "metadata",
        Map.of("name", "t"));

    assertEquals(Optional.empty(), capi.validateIfKnown(object));
    List<SchemaViolation> violations = capi.validate(object);
    assertEquals(1, violations.size());
    assertTrue(violations.get(0).message().contains("no CRD schema"), violations.get(0).message());
    assertFalse(capi.hasSchema("example.org/v1", "Thing"));
    assertTrue(capi.hasSchema("cluster.x-k8s.io/v1beta1", "ClusterClass"));
  }

  @Test
  void rootMetadataIsCheckedLooselyOnly() {
    Map<String, Object> object = clusterClass("1");
    object.put("metadata", Map.of("name", "n", "annotations", Map.of("a", "b"), "finalizers", List.of("f")));
    assertEquals(List.of(), capi.validate(object));

    object.put("metadata", Map.of("name", "n", "labels", Map.of("a", 1)));
    assertEquals(List.of("/metadata/labels/a"), capi.validate(object).stream().map(SchemaViolation::path).toList());
  }

  @Test
  void kubernetesExtensionsInAHandWrittenCrd(@TempDir Path dir) throws IOException {
    Path crd = Files.writeString(dir.resolve("crds.yaml"), """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: not-a-crd
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.org
        spec:
          group: example.org
          names:
            kind: Widget
            plural: widgets
          scope: Namespaced
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                x-kubernetes-validations:
                - rule: self.spec.size > 0
                properties:
                  spec:
                    type: object
                    properties:
                      size:
                        type: integer
                        format: int32
                      created:
                        type: string
                        format: date-time
                      checksum:
                        type: string
                        format: byte
                      port:
                        x-kubernetes-int-or-string: true
                      note:
                        type: string
                        nullable: true
                      mode:
                        type: string
                        enum: [a, b]
                        nullable: true
                      free:
                        type: object
                        x-kubernetes-preserve-unknown-fields: true
                        properties:
                          known:
                            type: string
                      labels:
                        type: object
                        additionalProperties:
                          type: string
                      embedded:
                        type: object
                        x-kubernetes-embedded-resource: true
                        properties:
                          spec:
                            type: object
                            properties:
                              x:
                                type: string
          - name: v0
            served: false
            storage: false
            schema:
              openAPIV3Schema:
                type: object
        """);
    CrdSchemas schemas = CrdSchemas.load(crd);
    assertEquals(java.util.Set.of("example.org/v1 Widget"), schemas.known());

    Map<String, Object> widget = yaml("""
        apiVersion: example.org/v1
        kind: Widget
        metadata:
          name: w
        spec:
          size: 3
          created: not-a-date-but-formats-are-not-asserted
          checksum: "%%%"
          port: http
          note: null
          mode: null
          free:
            known: k
            anything: [1, 2]
          labels:
            a: b
          embedded:
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
            spec:
              x: y
        """);
    assertEquals(List.of(), schemas.validate(widget));
    ((Map<String, Object>) widget.get("spec")).put("port", 8080);
    assertEquals(List.of(), schemas.validate(widget));

    Map<String, Object> bad = yaml("""
        apiVersion: example.org/v1
        kind: Widget
        metadata:
          name: w
        spec:
          port: 1.5
          mode: c
          free:
            known: 1
          labels:
            a: 1
          embedded:
            spec:
              y: z
          unknown: 1
        """);
    assertEquals(List.of("/spec/embedded/spec/y", "/spec/free/known", "/spec/labels/a", "/spec/mode", "/spec/port",
            "/spec/unknown"),
        schemas.validate(bad).stream().map(SchemaViolation::path).sorted().toList());
  }

  @Test
  void schemasAreSharedSafelyBetweenThreads() {
    CrdSchemas fresh = CrdSchemas.load(crds("cluster-api-v1.10.10"));
    ConcurrentLinkedQueue<List<SchemaViolation>> results = new ConcurrentLinkedQueue<>();

    IntStream.range(0, 32).parallel().forEach(i -> results.add(fresh.validate(yaml(KCPT.replace("ENCODING",
        i % 2 == 0 ? "base64" : "nonsense")))));

    assertEquals(16, results.stream().filter(List::isEmpty).count());
    assertEquals(16, results.stream().filter(r -> r.size() == 1).count());
  }

  @Test
  void sameKindTwiceIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CrdSchemas.load(
        crds("cluster-api-provider-openstack-v0.12.7"), crds("cluster-api-provider-openstack-v0.14.7")));
    assertTrue(e.getMessage().contains("OpenStack"), e.getMessage());
  }
}
