package dev.clusterstack.core.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test clusters name "whatever release" by a class name prefix; planned against one release they take its class. */
class ClusterFileReleaseTest {
    @TempDir
    Path tmp;

    static ClusterFile cluster(String classLine, String versionLine) {
        return ClusterFile.parse("apiVersion: cluster.x-k8s.io/v1beta1\nkind: Cluster\nmetadata:\n  name: c1\nspec:\n"
                + "  topology:\n" + classLine + versionLine
                + "    variables:\n      - {name: region, value: eu}\n      - {name: zone, value: a}\n", "clusters/c1.yaml");
    }

    @Test
    void classPrefixMatchesReleasesAtADashBoundary() {
        ClusterFile stack = cluster("    class: openstack-scs\n", "");
        assertTrue(stack.plannedAgainst("openstack-scs-1-32", "openstack-scs-1-32-v2"));
        assertTrue(stack.plannedAgainst("openstack-scs-1-30", "openstack-scs-1-30-v1"));
        assertFalse(stack.plannedAgainst("openstack-scs2-1-32", "openstack-scs2-1-32-v1"));
        assertFalse(stack.plannedAgainst("docker-scs-1-32", "docker-scs-1-32-v1"));
        ClusterFile minor = cluster("    class: openstack-scs-1-32\n", "");
        assertTrue(minor.plannedAgainst("openstack-scs-1-32", "openstack-scs-1-32-v3"));
        assertFalse(minor.plannedAgainst("openstack-scs-1-3", "openstack-scs-1-3-v1"));
        assertFalse(minor.plannedAgainst("openstack-scs-1-31", "openstack-scs-1-31-v1"));
        ClusterFile exact = cluster("    class: openstack-scs-1-32-v2\n", "");
        assertTrue(exact.plannedAgainst("openstack-scs-1-32", "openstack-scs-1-32-v2"));
        assertFalse(exact.plannedAgainst("openstack-scs-1-32", "openstack-scs-1-32-v1"));
        ClusterFile v1beta2 = ClusterFile.parse("kind: Cluster\nspec:\n  topology:\n    classRef:\n      name: docker-scs\n",
                "c.yaml");
        assertTrue(v1beta2.plannedAgainst("docker-scs-1-33", "docker-scs-1-33-v1"));
        assertFalse(ClusterFile.parse("kind: Cluster\nspec:\n  topology: {}\n", "c.yaml")
                .plannedAgainst("docker-scs-1-33", "docker-scs-1-33-v1"));
    }

    @Test
    void forReleaseSetsClassAndMissingVersionAndKeepsLocations() throws IOException {
        ClusterFile generic = cluster("    class: small\n", "");
        ClusterFile planned = generic.forRelease("small-v1", "1.32.5");
        assertEquals("small-v1", planned.tree().at("/spec/topology/class").asText());
        assertEquals("v1.32.5", planned.tree().at("/spec/topology/version").asText());
        assertEquals("small", generic.tree().at("/spec/topology/class").asText(), "the original is unchanged");
        assertEquals("v1.31.0", cluster("    class: small\n", "    version: v1.31.0\n").forRelease("small-v1", "1.32.5")
                .tree().at("/spec/topology/version").asText(), "a version the Cluster sets stays");

        Plan plan = Planner.plan(PlannerInputTest.small(), planned, PlanOptions.defaults(tmp));
        Finding zone = plan.errors().stream().filter(f -> f.field().contains("zone")).findFirst()
                .orElseThrow(() -> new AssertionError(plan.findings().toString()));
        assertEquals("clusters/c1.yaml:10:9", zone.location().toString());
        assertTrue(plan.errors().stream().allMatch(f -> f.field().contains("zone")), plan.errors()::toString);
        assertEquals("v1.32.5", plan.valueAt("control-plane", "/spec/version"));
    }
}
