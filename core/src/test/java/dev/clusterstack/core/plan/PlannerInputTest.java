package dev.clusterstack.core.plan;

import dev.clusterstack.core.problem.StackException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad Cluster files give located findings (file:line:column, field) and never a stack trace; the plan's files. */
class PlannerInputTest {
    static final Path SMALL = Path.of("src/test/resources/dev/clusterstack/core/plan/small-class.yaml");

    @TempDir
    Path tmp;

    static ClassSource small() throws IOException {
        return ClassSource.fromManifests("small-class.yaml", Files.readString(SMALL));
    }

    static String cluster(String topologyTail) {
        return "apiVersion: cluster.x-k8s.io/v1beta1\n"
                + "kind: Cluster\n"
                + "metadata:\n"
                + "  name: c1\n"
                + "  namespace: cluster\n"
                + "spec:\n"
                + "  topology:\n"
                + "    class: small-v1\n"
                + "    version: v1.32.5\n"
                + topologyTail;
    }

    Plan plan(String text) throws IOException {
        return Planner.plan(small(), ClusterFile.parse(text, "clusters/c1.yaml"), PlanOptions.defaults(tmp));
    }

    @Test
    void notYamlIsALocatedErrorWithoutStackTrace() {
        StackException e = assertThrows(StackException.class, () -> ClusterFile.parse("kind: Cluster\nspec: [a,\n", "clusters/c1.yaml"));
        assertTrue(e.getMessage().contains("clusters/c1.yaml:3:1"), e.getMessage());
        assertEquals(0, e.getStackTrace().length);
        StackException notCluster = assertThrows(StackException.class, () -> ClusterFile.parse("kind: Secret\n", "c.yaml"));
        assertTrue(notCluster.getMessage().contains("c.yaml:1:7: error: kind: must be Cluster, not Secret"), notCluster.getMessage());
    }

    @Test
    void unknownClassNamesTheField() throws IOException {
        Plan plan = plan(cluster("    variables:\n      - {name: region, value: eu}\n").replace("class: small-v1", "class: big-v2"));
        assertEquals(1, plan.errors().size(), plan.findings()::toString);
        assertEquals("clusters/c1.yaml:8:5: error: spec.topology.class: ClusterClass \"big-v2\" is not in small-class.yaml"
                + " (it holds small-v1)", plan.errors().get(0).toString());
        assertEquals(List.of(), plan.roles());
    }

    @Test
    void undefinedVariableIsLocated() throws IOException {
        Plan plan = plan(cluster("    variables:\n      - {name: region, value: eu}\n      - {name: zone, value: a}\n"));
        Finding f = plan.errors().stream().filter(x -> x.field().contains("zone")).findFirst().orElseThrow(
                () -> new AssertionError(plan.findings().toString()));
        assertEquals("clusters/c1.yaml:12:9", f.location().toString());
        assertTrue(f.message().contains("not defined"), f.message());
        // defaulting and validation both find it; the plan says it once
        assertEquals(1, plan.errors().stream().filter(x -> x.field().contains("zone")).count(), plan.findings()::toString);
    }

    @Test
    void missingRequiredVariableIsLocated() throws IOException {
        Plan plan = plan(cluster(""));
        Finding f = plan.errors().stream().filter(x -> x.message().contains("region")).findFirst().orElseThrow(
                () -> new AssertionError(plan.findings().toString()));
        assertTrue(f.location().toString().startsWith("clusters/c1.yaml:"), f.toString());
        assertTrue(f.field().startsWith("spec.topology"), f.toString());
        // the patch that reads the variable fails too, naming patch, definition, op, template and the value
        Finding patch = plan.errors().stream().filter(x -> "region-variable".equals(x.patch())).findFirst().orElseThrow(
                () -> new AssertionError(plan.findings().toString()));
        assertEquals("clusters/c1.yaml:7:3: error: ClusterClass small-v1 spec.patches[region-variable].definitions[0]"
                + ".jsonPatches[1]: [patch region-variable, template infrastructure-cluster] failed to calculate value:"
                + " variable \"region\" does not exist; variables: region (not set)", patch.toString());
        // a missing key in a template renders as Go renders it: {{ .region | quote }} gives nothing, content is null
        assertEquals(java.util.Arrays.asList(java.util.Collections.singletonMap("path", "/etc/region")).toString(),
                String.valueOf(plan.valueAt("control-plane", "/spec/kubeadmConfigSpec/files")).replace(", content=null", ""));
    }

    @Test
    void wrongValueTypeIsLocated() throws IOException {
        Plan plan = plan(cluster("    variables:\n      - {name: region, value: eu}\n      - {name: workerCount, value: many}\n"));
        Finding f = plan.errors().stream().filter(x -> x.field().contains("workerCount")).findFirst().orElseThrow(
                () -> new AssertionError(plan.findings().toString()));
        assertTrue(f.location().toString().startsWith("clusters/c1.yaml:12:"), f.toString());
    }

    @Test
    void writesDeterministicFilesAndASummary() throws IOException {
        Plan plan = plan(cluster("    variables:\n      - {name: region, value: eu}\n    workers:\n      machineDeployments:\n"
                + "        - {class: default-worker, name: md-0, replicas: 2}\n"));
        assertEquals(List.of(), plan.errors(), plan.findings()::toString);
        assertEquals(List.of(java.util.Map.of("path", "/etc/region", "content", "eu")),
                plan.valueAt("control-plane", "/spec/kubeadmConfigSpec/files"));
        PlanWriter.write(plan, tmp.resolve("out"));
        PlanWriter.write(plan, tmp.resolve("again"));
        List<String> files;
        try (Stream<Path> s = Files.list(tmp.resolve("out"))) {
            files = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("control-plane-machine-template.yaml", "control-plane.yaml", "infrastructure-cluster.yaml",
                "md-md-0-bootstrap-template.yaml", "md-md-0-infrastructure-template.yaml",
                "md-md-0-machine-deployment.yaml", "plan.md"), files);
        for (String f : files) {
            assertEquals(Files.readString(tmp.resolve("out").resolve(f)), Files.readString(tmp.resolve("again").resolve(f)), f);
        }
        String cp = Files.readString(tmp.resolve("out/control-plane.yaml"));
        assertTrue(cp.startsWith("apiVersion: controlplane.cluster.x-k8s.io/v1beta1\nkind: KubeadmControlPlane\nmetadata:\n"), cp);
        String summary = Files.readString(tmp.resolve("out/plan.md"));
        assertTrue(summary.contains("| `never` | not enabled |"), summary);
        assertTrue(summary.contains("| `region-label` | control-plane |"), summary);
        assertTrue(summary.contains("| `region-variable` | infrastructure-cluster |"), summary);
        assertEquals("eu", plan.valueAt("infrastructure-cluster", "/metadata/labels/region"));
        assertEquals(List.of("never"), PlanWriter.uncoveredPatches(List.of(plan)));
        assertFalse(summary.contains("\r"));
    }
}
