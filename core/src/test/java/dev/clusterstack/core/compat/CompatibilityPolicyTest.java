package dev.clusterstack.core.compat;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompatibilityPolicyTest {

    @Test
    void strictMakesBreakingRulesErrorsAndDefaultChangesWarnings() {
        CompatibilityPolicy p = CompatibilityPolicy.strict();
        assertEquals(Finding.Level.ERROR, p.level(Rule.VARIABLE_REMOVED, "x"));
        assertEquals(Finding.Level.WARNING, p.level(Rule.DEFAULT_CHANGED, "x"));
        assertEquals(Finding.Level.ERROR, p.level(Rule.CONTROL_PLANE_TEMPLATE, "spec.controlPlane.ref.kind"));
    }

    @Test
    void warnAndOffNeverTouchClusterApiRules() {
        CompatibilityPolicy warn = new CompatibilityPolicy(CompatibilityPolicy.Mode.WARN, Map.of(), List.of());
        assertEquals(Finding.Level.WARNING, warn.level(Rule.TYPE_CHANGED, "x"));
        CompatibilityPolicy off = new CompatibilityPolicy(CompatibilityPolicy.Mode.OFF, Map.of(), List.of());
        assertNull(off.level(Rule.TYPE_CHANGED, "x"));
        assertEquals(Finding.Level.ERROR, off.level(Rule.MACHINE_DEPLOYMENT_CLASS_REMOVED, "spec.workers.machineDeployments"));
    }

    @Test
    void perRuleModeOverridesTheMode() {
        CompatibilityPolicy p = CompatibilityPolicy.strict().withRule(Rule.DEFAULT_CHANGED, CompatibilityPolicy.Mode.STRICT)
                .withRule(Rule.VALIDATION_ADDED, CompatibilityPolicy.Mode.OFF);
        assertEquals(Finding.Level.ERROR, p.level(Rule.DEFAULT_CHANGED, "x"));
        assertNull(p.level(Rule.VALIDATION_ADDED, "x"));
        assertEquals(Finding.Level.ERROR, p.level(Rule.TYPE_CHANGED, "x"));
    }

    @Test
    void anAllowanceCoversTheVariableAndThePathsInsideIt() {
        CompatibilityPolicy p = CompatibilityPolicy.strict().allowing(Rule.VARIABLE_REMOVED, "proxy", "replaced by httpProxy");
        assertEquals(Finding.Level.ALLOWED, p.level(Rule.VARIABLE_REMOVED, "proxy"));
        assertEquals(Finding.Level.ALLOWED, p.level(Rule.VARIABLE_REMOVED, "proxy.servers[*].port"));
        assertEquals(Finding.Level.ERROR, p.level(Rule.VARIABLE_REMOVED, "proxyMode"));
        assertEquals(Finding.Level.ERROR, p.level(Rule.TYPE_CHANGED, "proxy"));
        assertEquals("replaced by httpProxy", p.allowance(Rule.VARIABLE_REMOVED, "proxy.servers").reason());
    }

    @Test
    void clusterApiRulesCannotBeConfiguredNorAllowed() {
        IllegalArgumentException allow = assertThrows(IllegalArgumentException.class,
                () -> CompatibilityPolicy.strict().allowing(Rule.INFRASTRUCTURE_TEMPLATE, "x", "because"));
        assertTrue(allow.getMessage().contains("infrastructure-template is Cluster API's"), allow.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> CompatibilityPolicy.strict().withRule(Rule.MACHINE_POOL_CLASS_REMOVED, CompatibilityPolicy.Mode.WARN));
        IllegalArgumentException noReason = assertThrows(IllegalArgumentException.class,
                () -> CompatibilityPolicy.strict().allowing(Rule.VARIABLE_REMOVED, "x", " "));
        assertEquals("the allowance of variable-removed for x must give a reason", noReason.getMessage());
        assertEquals("unknown compatibility rule 'nope'; known: infrastructure-template, control-plane-template,"
                + " control-plane-machine-infrastructure, machine-deployment-infrastructure, machine-pool-infrastructure,"
                + " machine-deployment-class-removed, machine-pool-class-removed, variable-removed, variable-required,"
                + " type-changed, enum-narrowed, bounds-tightened, default-changed, validation-added",
                assertThrows(IllegalArgumentException.class, () -> Rule.byId("nope")).getMessage());
        assertEquals(CompatibilityPolicy.Mode.WARN, CompatibilityPolicy.Mode.parse("warn"));
    }

    @Test
    void readsTheDefinitionSection() throws Exception {
        Object section = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readValue("""
                mode: warn
                rules:
                  default-changed: strict
                  validation-added: off
                allow:
                  - rule: variable-removed
                    variable: legacyFlag
                    reason: no cluster sets it since v2
                """, Object.class);
        List<dev.clusterstack.core.problem.Problem> problems = new java.util.ArrayList<>();
        CompatibilityPolicy p = CompatibilityPolicy.fromDefinition(section, "compatibility", problems);
        assertEquals(List.of(), problems);
        assertEquals(new CompatibilityPolicy(CompatibilityPolicy.Mode.WARN, Map.of(Rule.DEFAULT_CHANGED, CompatibilityPolicy.Mode.STRICT,
                        Rule.VALIDATION_ADDED, CompatibilityPolicy.Mode.OFF),
                List.of(new CompatibilityPolicy.Allowance(Rule.VARIABLE_REMOVED, "legacyFlag", "no cluster sets it since v2"))), p);
    }

    @Test
    void definitionSectionErrorsComeAllAtOnceWithTheirPaths() throws Exception {
        Object section = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readValue("""
                mode: loose
                rules:
                  kind-changed: warn
                  infrastructure-template: off
                allow:
                  - rule: type-changed
                    variable: x
                extra: 1
                """, Object.class);
        List<dev.clusterstack.core.problem.Problem> problems = new java.util.ArrayList<>();
        assertEquals(CompatibilityPolicy.strict(), CompatibilityPolicy.fromDefinition(section, "compatibility", problems));
        assertEquals(List.of(
                "error: compatibility.extra: unknown field; known: mode, rules, allow",
                "error: compatibility.mode: compatibility mode must be strict, warn or off, was 'loose'",
                "error: compatibility.rules.kind-changed: unknown compatibility rule 'kind-changed'; known: infrastructure-template,"
                        + " control-plane-template, control-plane-machine-infrastructure, machine-deployment-infrastructure,"
                        + " machine-pool-infrastructure, machine-deployment-class-removed, machine-pool-class-removed,"
                        + " variable-removed, variable-required, type-changed, enum-narrowed, bounds-tightened, default-changed,"
                        + " validation-added",
                "error: compatibility.rules.infrastructure-template: rule infrastructure-template is Cluster API's and"
                        + " always an error; only variable rules can be configured",
                "error: compatibility.allow[0]: the allowance of type-changed for x must give a reason"),
                problems.stream().map(Object::toString).toList());
    }
}
