package dev.clusterstack.core.crd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clusterstack.core.helm.HelmRunner;
import dev.clusterstack.core.helm.RenderedObject;
import dev.clusterstack.core.testsupport.SharedFolder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The hand-written SCS docker cluster-class chart, rendered by Helm, against the real Cluster API CRDs. */
@Tag("helm")
@Tag("shared")
class ReferenceChartSchemaTest {

  @Test
  void everyObjectOfTheDockerReferenceClusterClassValidates() {
    Path chart = SharedFolder.sharedOrSkip("reference/cluster-stacks/HEAD-a931cdb/providers/docker/scs/cluster-class");
    CrdSchemas schemas = CrdSchemas.load(SharedFolder.sharedOrSkip("crds/cluster-api-v1.10.10"));

    List<RenderedObject> objects;
    try (HelmRunner helm = HelmRunner.create()) {
      objects = HelmRunner.parseRenderedObjects(helm.template(chart, "docker-scs-1-30", "cluster", null, null));
    }

    assertEquals(List.of("ClusterClass", "DockerClusterTemplate", "DockerMachineTemplate", "KubeadmConfigTemplate",
        "KubeadmControlPlaneTemplate"), objects.stream().map(o -> o.object().get("kind")).sorted().toList());
    List<String> violations = new ArrayList<>();
    for (RenderedObject o : objects) {
      schemas.validate(o.object()).forEach(v -> violations.add(o.source() + ": " + v));
    }
    // every object of the reference chart is valid against the v1.10 CRDs, in strict (unknown fields) mode too
    assertEquals(List.of(), violations);
  }
}
