package dev.clusterstack.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code compatibility:} section of a stack definition as written: how the upgrade safety check reports
 * the variable rules when a release is compared with the releases clusters upgrade from. The words are checked
 * when the definition is read ({@code dev.clusterstack.core.definition.CompatibilitySection}) and, for a stack built in
 * Java, by the compatibility check ({@code dev.clusterstack.core.compat.CompatibilityPolicy#of}); the model only keeps
 * them, in order.
 *
 * @param mode  {@code strict} (the default), {@code warn} or {@code off}
 * @param rules per-rule mode by rule id, e.g. {@code default-changed: strict}, in the order given
 * @param allow findings accepted with a reason
 */
public record CompatibilitySettings(String mode, Map<String, String> rules, List<Allowance> allow) {

    /** The default: every breaking variable rule an error, a changed default a warning, nothing allowed. */
    public static final String STRICT = "strict";

    /**
     * One accepted finding.
     *
     * @param rule     a variable rule id, e.g. {@code variable-removed}
     * @param variable the variable, optionally with a path inside it ({@code proxy.servers[*].port})
     * @param reason   why it is safe: shown in the build log and the release notes
     */
    public record Allowance(String rule, String variable, String reason) {
    }

    public CompatibilitySettings {
        mode = mode == null ? STRICT : mode;
        rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules == null ? Map.of() : rules));
        allow = List.copyOf(allow == null ? List.of() : allow);
    }

    /** @return strict, no per-rule modes, nothing allowed */
    public static CompatibilitySettings strict() {
        return new CompatibilitySettings(STRICT, Map.of(), List.of());
    }

    /** @return {@code strict}, {@code warn} or {@code off}, with no per-rule modes and nothing allowed */
    public static CompatibilitySettings mode(String mode) {
        return new CompatibilitySettings(Objects.requireNonNull(mode, "mode"), Map.of(), List.of());
    }

    /** @return a copy with one rule's mode ({@code strict}, {@code warn} or {@code off}) */
    public CompatibilitySettings rule(String rule, String ruleMode) {
        Map<String, String> copy = new LinkedHashMap<>(rules);
        copy.put(rule, ruleMode);
        return new CompatibilitySettings(mode, copy, allow);
    }

    /** @return a copy that accepts findings of {@code rule} for {@code variable}, for {@code reason} */
    public CompatibilitySettings allowing(String rule, String variable, String reason) {
        List<Allowance> copy = new ArrayList<>(allow);
        copy.add(new Allowance(rule, variable, reason));
        return new CompatibilitySettings(mode, rules, copy);
    }

    /**
     * The section as parsed YAML would give it ({@code mode}, {@code rules}, {@code allow}), for the check to read
     * with the same messages as a definition; a Java builder's mistakes so carry the path {@code compatibility...}.
     */
    public Map<String, Object> toPlain() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", mode);
        if (!rules.isEmpty()) {
            out.put("rules", new LinkedHashMap<>(rules));
        }
        if (!allow.isEmpty()) {
            List<Object> list = new ArrayList<>();
            for (Allowance a : allow) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("rule", a.rule());
                entry.put("variable", a.variable());
                entry.put("reason", a.reason());
                list.add(entry);
            }
            out.put("allow", list);
        }
        return out;
    }
}
