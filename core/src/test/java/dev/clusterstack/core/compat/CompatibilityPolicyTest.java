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
}
