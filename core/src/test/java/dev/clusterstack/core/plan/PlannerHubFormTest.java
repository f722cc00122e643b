package dev.clusterstack.core.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The plan reads classes and Clusters of both versions in the hub version: what v1beta2 cannot hold and what cannot be
 * converted become located findings, never exceptions; a v1beta2 Cluster ({@code classRef}) plans against a v1beta1
 * class like its v1beta1 twin.
 */
class PlannerHubFormTest {
    @TempDir
    java.nio.file.Path tmp;

    @Test
    void clusterFieldsCapiDropsAreLocatedWarnings() throws IOException {
        Plan plan = Planner.plan(PlannerInputTest.small(), ClusterFile.parse(PlannerInputTest.cluster(
                "    rolloutAfter: \"2026-01-01T00:00:00Z\"\n    variables:\n      - {name: region, value: eu, definitionFrom: x}\n"),
                "clusters/c1.yaml"), PlanOptions.defaults(tmp));
        assertEquals(List.of(), plan.errors(), plan.findings()::toString);
        assertEquals(List.of(
                "clusters/c1.yaml:10:5: warning: spec.topology.rolloutAfter: Cluster API v1.14 ignores this field: removed in"
                        + " v1beta2 (it was never used)",
                "clusters/c1.yaml:12:35: warning: spec.topology.variables[region].definitionFrom: Cluster API v1.14 ignores"
                        + " this field: removed in v1beta2"),
                plan.findings().stream().map(Finding::toString).filter(f -> f.contains("ignores")).toList());
    }

    @Test
    void malformedDurationOfTheClusterIsALocatedError() throws IOException {
        Plan plan = Planner.plan(PlannerInputTest.small(), ClusterFile.parse(PlannerInputTest.cluster(
                "    controlPlane:\n      nodeDrainTimeout: soon\n    variables:\n      - {name: region, value: eu}\n"),
                "clusters/c1.yaml"), PlanOptions.defaults(tmp));
        assertEquals(List.of("clusters/c1.yaml:11:7: error: spec.topology.controlPlane.nodeDrainTimeout: the Cluster cannot be read"
                + " as Cluster API v1beta2: invalid duration \"soon\""), plan.errors().stream().map(Finding::toString).toList());
        assertEquals(List.of(), plan.roles());
    }

    @Test
    void malformedDurationOfTheClassIsAnErrorOfTheClass() throws IOException {
        String text = Files.readString(PlannerInputTest.SMALL).replaceFirst("(?m)^  workers:", "  controlPlaneX: {}\n  workers:")
                .replace("      ref: {apiVersion: infrastructure.cluster.x-k8s.io/v1beta1, kind: DockerMachineTemplate, name: small-v1-control-plane}",
                        "      ref: {apiVersion: infrastructure.cluster.x-k8s.io/v1beta1, kind: DockerMachineTemplate, name: small-v1-control-plane}\n"
                                + "    nodeDrainTimeout: 5 minutes");
        ClassSource source = ClassSource.fromManifests("small-class.yaml", text.replace("  controlPlaneX: {}\n", ""));
        Plan plan = Planner.plan(source, ClusterFile.parse(PlannerInputTest.cluster("    variables:\n      - {name: region, value: eu}\n"),
                "clusters/c1.yaml"), PlanOptions.defaults(tmp));
        assertEquals(List.of("clusters/c1.yaml:8:5: error: ClusterClass small-v1 spec: the ClusterClass cannot be read as"
                + " Cluster API v1beta2: spec.controlPlane.nodeDrainTimeout: invalid duration \"5 minutes\": unknown unit \" minutes\""),
                plan.errors().stream().map(Finding::toString).toList());
    }

    @Test
    void v1beta2ClusterPlansAgainstAV1beta1ClassLikeItsV1beta1Twin() throws IOException {
        String v1 = PlannerInputTest.cluster("    variables:\n      - {name: region, value: eu}\n");
        String v2 = v1.replace("cluster.x-k8s.io/v1beta1", "cluster.x-k8s.io/v1beta2").replace("class: small-v1", "classRef: {name: small-v1}");
        Plan a = Planner.plan(PlannerInputTest.small(), ClusterFile.parse(v1, "a.yaml"), PlanOptions.defaults(tmp));
        Plan b = Planner.plan(PlannerInputTest.small(), ClusterFile.parse(v2, "b.yaml"), PlanOptions.defaults(tmp));
        assertEquals(List.of(), b.errors(), b.findings()::toString);
        Map<String, Map<String, Object>> objects = a.objects();
        assertEquals(objects, b.objects());
        assertEquals("small-v1", b.className());
    }
}
