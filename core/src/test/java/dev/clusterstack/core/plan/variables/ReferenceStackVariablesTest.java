package dev.clusterstack.core.plan.variables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.clusterstack.core.testsupport.SharedFolder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The variables of real hand-written SCS ClusterClasses ({@code shared/reference/cluster-stacks}): Cluster API
 * accepts these classes, so their definitions have no errors; an empty Cluster gets exactly the variables with a
 * top-level default; and defaulting plus validation of a Cluster is fast once the definitions are compiled.
 */
@Tag("shared")
class ReferenceStackVariablesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCS = "reference/cluster-stacks/HEAD-a931cdb/providers/openstack/scs";
    private static final String SCS2 = "reference/cluster-stacks/HEAD-a931cdb/providers/openstack/scs2";

    /** The {@code spec.variables} of a ClusterClass template (that section holds no Helm template syntax). */
    static List<VariableDefinition> variables(String stack) throws IOException {
        Path file = SharedFolder.sharedOrSkip(stack + "/cluster-class/templates/cluster-class.yaml");
        List<String> lines = Files.readAllLines(file);
        int start = lines.indexOf("  variables:");
        int end = lines.indexOf("  patches:");
        assertTrue(start >= 0 && end > start, "spec.variables then spec.patches in " + file);
        String section = String.join("\n", lines.subList(start, end));
        assertTrue(!section.contains("{{"), "no template syntax in the variables of " + file);
        JsonNode vars = YAML.readTree(section).get("variables");
        List<VariableDefinition> out = new ArrayList<>();
        vars.forEach(v -> out.add(new VariableDefinition(v.get("name").asText(), v.path("required").asBoolean(),
                v.path("schema").path("openAPIV3Schema"))));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {SCS, SCS2})
    void realDefinitionsAreValid(String stack) throws IOException {
        List<VariableDefinition> definitions = variables(stack);
        assertTrue(definitions.size() >= 19, "variables read: " + definitions.size());
        assertEquals(List.of(), ClusterVariables.validateDefinitions(definitions));
    }

    @ParameterizedTest
    @ValueSource(strings = {SCS, SCS2})
    void anEmptyClusterGetsTheTopLevelDefaults(String stack) throws IOException {
        List<VariableDefinition> definitions = variables(stack);
        ClusterVariables.Result result = ClusterVariables.defaultValues(definitions, List.of(),
                "spec.topology.variables", true);
        assertEquals(List.of(), result.findings());
        List<String> withDefault = definitions.stream().filter(d -> d.schema().has("default"))
                .map(VariableDefinition::name).toList();
        assertEquals(withDefault, result.values().stream().map(VariableValue::name).toList());
        for (VariableValue v : result.values()) {
            JsonNode declared = definitions.stream().filter(d -> d.name().equals(v.name())).findFirst().orElseThrow()
                    .schema().get("default");
            if (!declared.isContainerNode()) {
                assertEquals(declared.asText(), v.value().asText(), v.name());
            }
        }
        List<String> requiredWithoutDefault = definitions.stream()
                .filter(d -> d.required() && !d.schema().has("default"))
                .map(d -> "spec.topology.variables: Required value: required variable \"" + d.name() + "\" must be set")
                .toList();
        List<String> got = ClusterVariables.validate(definitions, result.values(), "spec.topology.variables", true)
                .stream().map(f -> f.field() + ": " + f.message()).toList();
        assertEquals(requiredWithoutDefault, got);
    }

    @Test
    void aTypoInAValueIsRefusedAsClusterApiRefusesIt() throws IOException {
        List<VariableDefinition> definitions = variables(SCS2);
        List<VariableValue> values = List.of(
                new VariableValue("controlPlaneRootDisk", JSON.readTree("\"50\"")),
                new VariableValue("nodeCIDR", JSON.readTree("\"10.8.0.0/33\"")),
                new VariableValue("networkExternalID", JSON.readTree("\"not-a-uuid\"")),
                new VariableValue("workerFlavour", JSON.readTree("\"SCS-4V-8\"")));
        List<String> got = ClusterVariables.validate(definitions, values, "spec.topology.variables", false).stream()
                .map(VariableFinding::toString).toList();
        assertEquals(List.of(
                "ERROR spec.topology.variables[controlPlaneRootDisk].value: Invalid value: \"\\\"50\\\"\": must be of type integer: \"string\"",
                "ERROR spec.topology.variables[nodeCIDR].value: Invalid value: \"\\\"10.8.0.0/33\\\"\": must be of type cidr: \"10.8.0.0/33\"",
                "ERROR spec.topology.variables[networkExternalID].value: Invalid value: \"\\\"not-a-uuid\\\"\": must be of type uuid4: \"not-a-uuid\"",
                "ERROR spec.topology.variables[workerFlavour]: Invalid value: \"\\\"SCS-4V-8\\\"\": variable is not defined"), got);
    }

    /**
     * Defaulting and validating the ~27 variables of a Cluster of the scs2 class, warm: well under 1 ms each time
     * (the definitions compiled once). Measured as this thread's CPU time: the machine running the tests may be
     * shared, and wall time would count other processes.
     */
    @Test
    void defaultingAndValidationAreFastWarm() throws IOException {
        List<VariableDefinition> definitions = variables(SCS2);
        ClusterVariables.Compiled compiled = ClusterVariables.compile(definitions);
        List<VariableValue> cluster = List.of(
                new VariableValue("controlPlaneFlavor", JSON.readTree("\"SCS-4V-16\"")),
                new VariableValue("workerRootDisk", JSON.readTree("100")),
                new VariableValue("dnsNameservers", JSON.readTree("[\"1.1.1.1\"]")));
        for (int i = 0; i < 3_000; i++) {
            run(compiled, cluster);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int rounds = 2_000;
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < rounds; i++) {
            run(compiled, cluster);
        }
        double micros = (threads.getCurrentThreadCpuTime() - start) / 1_000.0 / rounds;
        System.out.printf("defaulting + validation of %d variables: %.1f us CPU per Cluster (warm)%n",
                definitions.size(), micros);
        assertTrue(micros < 500, "defaulting + validation took " + micros + " us CPU per Cluster");
        long staticStart = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < rounds; i++) {
            ClusterVariables.Result r = ClusterVariables.defaultValues(definitions, cluster, "spec.topology.variables", true);
            ClusterVariables.validate(definitions, r.values(), "spec.topology.variables", true);
        }
        double staticMicros = (threads.getCurrentThreadCpuTime() - staticStart) / 1_000.0 / rounds;
        System.out.printf("the same through the static methods (definitions cache): %.1f us CPU per Cluster%n",
                staticMicros);
        assertTrue(staticMicros < 500, "through the static methods: " + staticMicros + " us CPU per Cluster");
    }

    private static void run(ClusterVariables.Compiled compiled, List<VariableValue> cluster) {
        ClusterVariables.Result r = compiled.defaultValues(cluster, "spec.topology.variables", true);
        List<VariableFinding> findings = compiled.validate(r.values(), "spec.topology.variables", true);
        if (!findings.isEmpty() || r.values().size() < 20) {
            throw new AssertionError(findings + " " + r.values());
        }
    }
}
