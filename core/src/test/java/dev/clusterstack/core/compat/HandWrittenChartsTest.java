package dev.clusterstack.core.compat;

import dev.clusterstack.core.helm.HelmRunner;
import dev.clusterstack.core.testsupport.SharedFolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-written cluster-class charts of the reference SCS stacks, rendered by real Helm and compared. */
class HandWrittenChartsTest {

    static HelmRunner helm;

    @BeforeAll
    static void startHelm() {
        helm = HelmRunner.create();
    }

    @AfterAll
    static void stopHelm() {
        helm.close();
    }

    @Test
    void openStackScsFrom128To132() {
        Path stacks = SharedFolder.sharedOrSkip("reference/cluster-stacks");
        Path older = stacks.resolve("61f0749-2024-03-18/providers/openstack/scs/1-28/cluster-class");
        Path newer = stacks.resolve("HEAD-a931cdb/providers/openstack/scs/cluster-class");
        CompatReport report = Compatibility.check(ReleaseInput.of(newer), List.of(ReleaseInput.of(older)),
                CompatibilityPolicy.strict(), helm);
        assertEquals("openstack-scs-1-32-v1", report.release());
        // checked by hand in the two charts' templates/cluster-class.yaml: the 1-28 chart names its worker class
        // {{ .Release.Name }}-{{ .Chart.Version }}-md-0-no1, the 1-32 chart default-worker; the variable
        // openstack_loadbalancer_apiserver is gone; controller_flavor's default went from SCS-2V-4-20 to SCS-2V-4-20s
        List<String> errors = report.findings().stream().filter(f -> f.level() == Finding.Level.ERROR)
                .map(f -> f.rule().id() + " " + f.path() + ": " + f.message()).toList();
        assertEquals(List.of("machine-deployment-class-removed spec.workers.machineDeployments: class"
                        + " openstack-scs-1-28-v1-md-0-no1 is removed: clusters with a machine deployment of this class cannot upgrade",
                "variable-removed openstack_loadbalancer_apiserver: variable openstack_loadbalancer_apiserver is removed;"
                        + " clusters that set it fail with \"variable is not defined\""), errors);
        assertTrue(report.findings().stream().anyMatch(f -> f.level() == Finding.Level.WARNING
                && f.path().equals("controller_flavor")
                && f.message().equals("default was \"SCS-2V-4-20\" is now \"SCS-2V-4-20s\"")));
        ReleaseDiff diff = report.comparisons().get(0).diff();
        assertNull(diff.kubernetesFrom(), "a chart has no metadata.yaml");
        assertEquals(List.of(), diff.addonCharts());
        assertTrue(diff.variablesAdded().contains("apiserver_loadbalancer (optional, default \"octavia-amphora\")"),
                diff.variablesAdded().toString());
        assertTrue(diff.templates().stream().anyMatch(t -> t.role().equals("controlPlane")
                && t.impact() == ReleaseDiff.Impact.MACHINES_ROLL_OUT), diff.templates().toString());
    }
}
