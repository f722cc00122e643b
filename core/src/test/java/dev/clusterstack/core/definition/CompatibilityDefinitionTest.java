package dev.clusterstack.core.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.clusterstack.core.compat.CompatibilityPolicy;
import dev.clusterstack.core.compat.Rule;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.CompatibilitySettings;
import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.problem.StackException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.clusterstack.core.definition.DefinitionErrorsTest.minimal;
import static dev.clusterstack.core.definition.DefinitionErrorsTest.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code compatibility:} section of a definition (upgrade safety): the short form, the object form, the default,
 * located errors, the JSON schema's view of the same, and the Java builder.
 */
class CompatibilityDefinitionTest {
    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = CompatibilityDefinitionTest.class.getResourceAsStream(StackDefinitionSchemaTest.RESOURCE)) {
            JsonNode node = new ObjectMapper().readTree(in);
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(node);
        }
    }

    /** The minimal definition (14 lines) with {@code section} from line 15. */
    private static String with(String section) {
        return minimal() + section;
    }

    private static List<Error> schemaErrors(String text) {
        return schema.validate(text, InputFormat.YAML);
    }

    @Test
    void withoutTheSectionTheStackIsStrict(@TempDir Path dir) throws IOException {
        ClusterStack stack = StackDefinition.load(write(dir, "stack.yaml", minimal())).stack();
        assertEquals(new CompatibilitySettings("strict", Map.of(), List.of()), stack.compatibility());
    }

    @Test
    void theShortFormGivesTheMode(@TempDir Path dir) throws IOException {
        assertEquals("warn", StackDefinition.load(write(dir, "warn.yaml", with("compatibility: warn\n")))
                .stack().compatibility().mode());
        // unquoted off is YAML 1.1's false
        assertEquals("off", StackDefinition.load(write(dir, "off.yaml", with("compatibility: off\n")))
                .stack().compatibility().mode());
        assertEquals(List.of(), schemaErrors(with("compatibility: off\n")));
        assertEquals(List.of(), schemaErrors(with("compatibility: strict\n")));
    }

    @Test
    void theObjectFormGivesRulesAndAllowances(@TempDir Path dir) throws IOException {
        String text = with("""
                compatibility:
                  mode: strict
                  rules:
                    default-changed: strict
                    validation-added: off
                  allow:
                    - rule: variable-removed
                      variable: legacyFlag
                      reason: no cluster sets it since v2
                """);
        CompatibilitySettings settings = StackDefinition.load(write(dir, "stack.yaml", text)).stack().compatibility();
        assertEquals(new CompatibilitySettings("strict", Map.of("default-changed", "strict", "validation-added", "off"),
                List.of(new CompatibilitySettings.Allowance("variable-removed", "legacyFlag", "no cluster sets it since v2"))),
                settings);
        List<Problem> problems = new ArrayList<>();
        CompatibilityPolicy policy = CompatibilityPolicy.of(settings, problems);
        assertEquals(List.of(), problems);
        assertEquals(CompatibilityPolicy.strict().withRule(Rule.DEFAULT_CHANGED, CompatibilityPolicy.Mode.STRICT)
                .withRule(Rule.VALIDATION_ADDED, CompatibilityPolicy.Mode.OFF)
                .allowing(Rule.VARIABLE_REMOVED, "legacyFlag", "no cluster sets it since v2"), policy);
        assertEquals(List.of(), schemaErrors(text));
    }

    @Test
    void aBadModeIsLocated(@TempDir Path dir) throws IOException {
        String text = with("compatibility: loose\n");
        StackException e = assertThrows(StackException.class, () -> StackDefinition.load(write(dir, "stack.yaml", text),
                "stack.yaml"));
        assertEquals(List.of("stack.yaml:15:1: error: compatibility: compatibility mode must be strict, warn or off,"
                + " was 'loose'"), e.problems().stream().map(Problem::toString).toList());
        assertFalse(schemaErrors(text).isEmpty());
    }

    @Test
    void everyMistakeOfTheObjectFormIsLocatedAtOnce(@TempDir Path dir) throws IOException {
        String text = with("""
                compatibility:
                  mode: warn
                  rules:
                    kind-changed: warn
                    default-changed: loose
                  allow:
                    - rule: variable-removed
                      variable: legacyFlag
                    - rule: control-plane-template
                      variable: x
                      reason: Cluster API's rules cannot be allowed
                  colour: red
                """);
        StackException e = assertThrows(StackException.class, () -> StackDefinition.load(write(dir, "stack.yaml", text),
                "stack.yaml"));
        assertEquals(List.of(
                "stack.yaml:26:3: error: compatibility.colour: unknown field; known: mode, rules, allow",
                "stack.yaml:18:5: error: compatibility.rules.kind-changed: unknown compatibility rule 'kind-changed'; known:"
                        + " infrastructure-template, control-plane-template, control-plane-machine-infrastructure,"
                        + " machine-deployment-infrastructure, machine-pool-infrastructure, machine-deployment-class-removed,"
                        + " machine-pool-class-removed, variable-removed, variable-required, type-changed, enum-narrowed,"
                        + " bounds-tightened, default-changed, validation-added",
                "stack.yaml:19:5: error: compatibility.rules.default-changed: compatibility mode must be strict, warn or"
                        + " off, was 'loose'",
                "stack.yaml:21:7: error: compatibility.allow[0]: the allowance of variable-removed for legacyFlag must give"
                        + " a reason",
                "stack.yaml:23:7: error: compatibility.allow[1]: rule control-plane-template is Cluster API's: Cluster API"
                        + " refuses the upgrade whatever the policy says, so it cannot be allowed"),
                e.problems().stream().map(Problem::toString).toList());
        List<String> schemaKeywords = schemaErrors(text).stream().map(Error::getKeyword).distinct().sorted().toList();
        assertTrue(schemaKeywords.containsAll(List.of("additionalProperties", "required")), schemaKeywords::toString);
    }

    @Test
    void theSectionKnowsTheRulesOfTheCheck() {
        assertEquals(java.util.Arrays.stream(Rule.values()).filter(Rule::clusterApi).map(Rule::id).toList(),
                CompatibilitySection.CLUSTER_API_RULES);
        assertEquals(java.util.Arrays.stream(Rule.values()).filter(r -> !r.clusterApi()).map(Rule::id).toList(),
                CompatibilitySection.VARIABLE_RULES);
        assertEquals(java.util.Arrays.stream(CompatibilityPolicy.Mode.values())
                        .map(m -> m.name().toLowerCase(java.util.Locale.ROOT)).toList(),
                CompatibilitySection.MODES);
    }

    @Test
    void theJavaBuilderIsCheckedWithItsPath() {
        ClusterStack stack = ClusterStack.builder().provider("docker").name("scs")
                .compatibility(CompatibilitySettings.mode("warn").rule("default-changed", "strict")
                        .allowing("variable-removed", "legacyFlag", " "))
                .build();
        List<Problem> problems = new ArrayList<>();
        assertEquals(CompatibilityPolicy.strict(), CompatibilityPolicy.of(stack.compatibility(), problems));
        assertEquals(List.of("error: compatibility.allow[0]: the allowance of variable-removed for legacyFlag must give"
                + " a reason"), problems.stream().map(Problem::toString).toList());
        assertEquals("off", ClusterStack.builder().compatibility("off").build().compatibility().mode());
        assertEquals(CompatibilitySettings.strict(), ClusterStack.builder().build().compatibility());
    }
}
